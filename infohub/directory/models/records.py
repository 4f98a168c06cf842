"""Directory rows that are not HSDS: translations of HSDS text, and the record of imports."""

import uuid

from django.conf import settings
from django.db import models


class DirectoryTranslation(models.Model):
    """One HSDS text field of one row, in one content language other than its source.

    ``table`` is the HSDS table name ("service") and ``record_id`` the row's HSDS id;
    which fields may be translated is ``hsds.tables.TRANSLATABLE_FIELDS``.
    """

    table = models.CharField(max_length=40)
    record_id = models.UUIDField()
    field = models.CharField(max_length=40)
    lang = models.CharField(max_length=8)
    text = models.TextField()

    class Meta:
        ordering = ["table", "record_id", "field", "lang"]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "record_id", "field", "lang"],
                name="directory_one_translation_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["record_id"])]

    def __str__(self) -> str:
        return f"{self.table}:{self.record_id}.{self.field} [{self.lang}]"


class ImportFormat(models.TextChoices):
    PACKAGE = "package", "HSDS tabular data package"
    JSON = "json", "HSDS JSON"


class DirectoryImport(models.Model):
    """One successful run of import_hsds: what it brought, in counts; the run's audit target.

    Rows are never named here: the counts are per table, so the record stays small
    whatever the size of the import.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The file or folder name only: where it lay on the operator's machine is not kept.
    source_name = models.CharField(max_length=255)
    source_format = models.CharField(max_length=16, choices=ImportFormat.choices)
    source_language = models.CharField(max_length=8)
    skip_invalid = models.BooleanField(default=False)
    # {"service": {"created": 3, "updated": 1, "unchanged": 0, "skipped": 0}, ...}, checked
    # by hsds.import_counts when written and when read.
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source_name} @ {self.created_at:%Y-%m-%d %H:%M}"
