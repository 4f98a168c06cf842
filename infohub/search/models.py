"""What search needs from the database: a log of changes to searchable content.

The database is the source of truth; every web process keeps its own derived index
and brings it up to date by reading the changes logged after the last one it applied.
Services that publish, change or withdraw searchable content log the change in the
same transaction, so an index can never miss a committed change.
"""

from django.db import models


class SearchDocumentKind(models.TextChoices):
    ARTICLE = "article", "article"
    NEWS = "news", "news"


class SearchChange(models.Model):
    # An auto-incrementing id is the cursor each process reads from.
    kind = models.CharField(max_length=16, choices=SearchDocumentKind.choices)
    object_id = models.UUIDField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
