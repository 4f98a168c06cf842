"""The fields every reviewed object carries; content apps inherit them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infohub.editorial.workflow import EditorialStatus


class Reviewed(models.Model):
    """Status of the latest revision, whether a version is live, and the review dates."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EditorialStatus.choices,
        default=EditorialStatus.DRAFT,
    )
    # True from the first publication until the object is withdrawn: readers see the
    # live version while a newer revision is drafted or reviewed.
    live = models.BooleanField(_("live"), default=False, db_index=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    review_due = models.DateField(_("review due"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
