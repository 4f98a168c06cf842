"""Regular migration pathways and the questions their eligibility rules are written in.

A pathway follows the one editorial workflow (``infohub.editorial``): only live
pathways are shown, matched or searched, and each has a review-due date.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infohub.editorial.models import Reviewed
from infohub.pathways.rules.language import BOOL, CHOICE, COUNTRY, INT


class QuestionType(models.TextChoices):
    BOOL = BOOL, _("Yes or no")
    INT = INT, _("Whole number")
    COUNTRY = COUNTRY, _("Country")
    CHOICE = CHOICE, _("One of a list")


class PathwayCategory(models.TextChoices):
    WORK = "work", _("Work")
    FAMILY = "family", _("Family")
    STUDY = "study", _("Study")
    PROTECTION = "protection", _("International protection")
    REGULARIZATION = "regularization", _("Regularization")
    LABOUR_MOBILITY = "labour_mobility", _("Labour mobility")
    RETURN = "return", _("Assisted voluntary return")
    VISIT = "visit", _("Visit")


class Question(models.Model):
    """A question a person may answer or skip; rules refer to it by ``key``."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key = models.SlugField(_("id"), max_length=64, unique=True)
    type = models.CharField(_("type"), max_length=16, choices=QuestionType.choices)
    # Choice ids, in the order they are offered (choice questions only).
    choices = models.JSONField(_("choices"), default=list, blank=True)
    minimum = models.IntegerField(_("minimum"), null=True, blank=True)
    maximum = models.IntegerField(_("maximum"), null=True, blank=True)
    # The order the finder asks in.
    position = models.PositiveIntegerField(_("position"), default=0)
    # {lang: {text, help, label, yes, no, choices: {id: label}}}; see texts.py.
    translations = models.JSONField(_("translations"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.key


class Pathway(Reviewed):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("id"), max_length=100, unique=True)
    country = models.CharField(_("destination country"), max_length=2, db_index=True)
    category = models.CharField(_("category"), max_length=20, choices=PathwayCategory.choices)
    source_language = models.CharField(_("source language"), max_length=8)
    eligibility = models.JSONField(_("eligibility rule"))
    # [{lang: text}]: one checklist item per entry.
    documents = models.JSONField(_("required documents"), default=list, blank=True)
    # [{"amount": "50.00", "currency": "USD", "label": {lang: text}}]
    fees = models.JSONField(_("fees"), default=list, blank=True)
    processing_days = models.PositiveIntegerField(_("typical processing days"), null=True)
    # [{"title": ..., "url": ...}]
    sources = models.JSONField(_("official sources"), default=list, blank=True)
    apply_at = models.ManyToManyField(
        "directory.Service", blank=True, related_name="pathways", verbose_name=_("where to apply")
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "category", "slug"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")

    def __str__(self) -> str:
        return self.slug


class PathwayTranslation(models.Model):
    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="translations")
    lang = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    steps = models.JSONField(_("steps"), default=list, blank=True)  # [str]
    # Readers see title, summary and steps once the pathway is live. An editor's change
    # to a live text waits here, as the proposed revision, until a second person
    # publishes it; a language added to a live pathway is not live before that either.
    is_live = models.BooleanField(default=True, editable=False)
    proposed_title = models.CharField(max_length=200, blank=True, editable=False)
    proposed_summary = models.TextField(blank=True, editable=False)
    proposed_steps = models.JSONField(null=True, blank=True, editable=False)  # [str]
    needs_update = models.BooleanField(_("needs update"), default=False)
    last_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pathway", "lang"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["pathway", "lang"], name="one_pathway_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pathway.slug} [{self.lang}]"
