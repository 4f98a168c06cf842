"""What search needs from the database: a log of changes to searchable content.

The database is the source of truth; every web process keeps its own derived index
and brings it up to date by reading the changes logged after the last one it applied.
Services that publish, change or withdraw searchable content log the change in the
same transaction, so an index can never miss a committed change.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocumentKind(models.TextChoices):
    """Kinds of change in the log.

    ``SYNONYMS`` is search's own. The others are the kinds the bundled sources register
    under (each source's ``KIND``), named here for callers; the log takes the kind of any
    registered source (``sources.py``), so a new source needs no member here.
    """

    ARTICLE = "article", "article"
    NEWS = "news", "news"
    PATHWAY = "pathway", "pathway"
    # Not a document: a change to the synonyms, which every process reloads.
    SYNONYMS = "synonyms", "synonyms"


class SearchChange(models.Model):
    # An auto-incrementing id is the cursor each process reads from. The kind is a
    # registered source's kind or SYNONYMS, checked by search_change_record.
    kind = models.CharField(max_length=16)
    object_id = models.UUIDField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class Synonym(models.Model):
    """Words or phrases that mean the same in one language, kept by editors.

    A query that contains one of them is also searched for the others.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lang = models.CharField(_("language"), max_length=8)
    # Comma-separated words or phrases, validated and normalised by services.synonyms_save.
    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Two or more words or phrases that mean the same, separated by commas, "
            "for example: cédula, documento de identidad, DNI"
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["lang", "terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return f"[{self.lang}] {self.terms}"

    @property
    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]
