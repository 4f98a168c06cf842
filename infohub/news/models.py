"""News items and alerts shown on the portal.

News items are imported from the regional news files or added by editors; alerts are
short notices with a severity, translated and reviewed through the editorial workflow
(``infohub.editorial``), that are shown on the home page from their publication (or
their start, if later) until their expiry.
"""

import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from infohub.editorial.models import Reviewed

MAX_TAGS = 10
TAG_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def tag_list(tags: str) -> list[str]:
    """Split a comma-separated tag string into its tags."""
    return [tag.strip() for tag in tags.split(",") if tag.strip()]


def validate_tags(value: str) -> None:
    """Tags are a few lower-case words or slugs separated by commas: ``covid-19, training``."""
    tags = tag_list(value)
    if len(tags) > MAX_TAGS:
        raise ValidationError(
            _("Use at most %(count)s tags."), code="too_many_tags", params={"count": MAX_TAGS}
        )
    for tag in tags:
        if not TAG_PATTERN.fullmatch(tag):
            raise ValidationError(
                _(
                    "%(tag)s is not a valid tag: use lower-case letters, digits and hyphens, "
                    "at most 40 characters."
                ),
                code="invalid_tag",
                params={"tag": tag},
            )


class NewsItem(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lang = models.CharField(_("language"), max_length=16, default="en", db_index=True)
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Plain text; paragraphs are separated by a blank line.")
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    tags = models.CharField(
        _("tags"),
        max_length=200,
        blank=True,
        validators=[validate_tags],
        help_text=_("Separated by commas, for example: training, children"),
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        help_text=_("Where the item was first published, when known."),
    )
    # sha256 of language, date and normalised title: re-importing a file finds the
    # items it created before instead of duplicating them.
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        # Within one day, items keep the order in which they were written.
        ordering = ["-date", "id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return tag_list(self.tags)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class AlertSeverity(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    DANGER = "danger", _("Danger")


class Alert(Reviewed):
    """What does not depend on the language; the texts are its translations."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    severity = models.CharField(
        _("severity"), max_length=16, choices=AlertSeverity.choices, default=AlertSeverity.INFO
    )
    # The language the alert was first written in; the others are translated from it.
    source_language = models.CharField(_("source language"), max_length=16, db_index=True)
    countries = CountryField(
        _("countries"),
        multiple=True,
        blank=True,
        help_text=_("Leave empty for an alert that concerns every country."),
    )
    topics = models.ManyToManyField(
        "articles.Topic", blank=True, related_name="alerts", verbose_name=_("topics")
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("starts_at")),
                name="news_alert_expires_after_start",
                violation_error_message=_("An alert must expire after it starts."),
            )
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class AlertTranslation(models.Model):
    """An alert's text in one language: the latest revision and the live one side by side.

    Readers see ``live_title`` and ``live_body``; publishing copies the latest text there.
    """

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="translations")
    lang = models.CharField(_("language"), max_length=16)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    live_title = models.CharField(max_length=200, blank=True, editable=False)
    live_body = models.TextField(blank=True, editable=False)
    is_live = models.BooleanField(default=False, editable=False)
    # The author of the latest revision, who may not publish it.
    last_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["alert", "lang"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "lang"], name="one_alert_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert} [{self.lang}]"
