"""Knowledge-base articles: one per subject, one translation per language, with history."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from infohub.editorial.models import Reviewed
from infohub.editorial.workflow import EditorialStatus

# Articles follow the one editorial workflow; the name stays for the apps that use it.
ArticleStatus = EditorialStatus


class Audience(models.TextChoices):
    CURRENT = "current", _("Current migrants")
    POTENTIAL = "potential", _("Potential migrants")
    RETURNED = "returned", _("Returned migrants")
    TRANSIT = "transit", _("Migrants in transit")


class Topic(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    # {"es": "Trabajo", "en": "Work", ...}; validated by services.topic_save.
    names = models.JSONField(_("names"), default=dict, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.slug


class Article(Reviewed):
    """What does not depend on the language; status, ``live`` and review dates come from
    the editorial workflow (``infohub.editorial``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    # The language the others are translated from: editing it flags the others.
    source_language = models.CharField(_("source language"), max_length=8)
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    countries = CountryField(_("countries"), multiple=True, blank=True)
    # Comma-separated Audience values, filtered with selectors.tag_filter.
    audience = models.CharField(_("audience"), max_length=100, blank=True)
    sources = models.JSONField(_("official sources"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.slug


class ArticleTranslation(models.Model):
    """The live text of one language (what readers see) once it has been published.

    Before its first publication the row holds the latest text; afterwards only
    publishing changes it, and newer revisions wait in ``versions``.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    lang = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body (Markdown)"))
    body_html = models.TextField(editable=False)
    needs_update = models.BooleanField(_("needs update"), default=False)
    # The author of the latest revision, who may not publish it.
    last_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The version readers see; empty until the translation is first published (0: live
    # text from before versions were kept).
    live_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "lang"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["article", "lang"], name="one_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.article.slug} [{self.lang}]"


class ArticleTranslationVersion(models.Model):
    """Every saved state of a translation, kept for history and review."""

    translation = models.ForeignKey(
        ArticleTranslation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["translation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["translation", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.translation} v{self.number}"


class ArticlePublication(models.Model):
    """Who reviewed a publication and when; imports are recorded without a reviewer."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="publications")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    imported = models.BooleanField(default=False)
    published_at = models.DateTimeField(auto_now_add=True)
    review_due = models.DateField()

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.article.slug} @ {self.published_at:%Y-%m-%d}"
