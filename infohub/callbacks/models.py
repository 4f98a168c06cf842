"""Callback requests: a migrant, or a community advisor for them, asks a hub to call back.

A request is personal data that is not tied to a person record: the name (or a
nickname) and the phone are encrypted at rest, and the phone is found again only by
its keyed hash. Staff lists show a short reference, never the name or the phone.
Requests are removed after the retention period by ``services.callback_erase_older_than``.

The per-address daily limit of the portal is counted in ``CallbackDailyCount``, a table
of keyed hashes of (day, client address) that is not linked to any request: nothing
ties a request to the address it came from.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohub.protection.fields import EncryptedTextField


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a call")
    CONTACTED = "contacted", _("Contacted")
    CLOSED = "closed", _("Closed")


class CallbackSource(models.TextChoices):
    PORTAL = "portal", _("Public portal")
    ADVISOR = "advisor", _("Community advisor")


class CallbackRequest(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(
        "accounts.Hub",
        on_delete=models.PROTECT,
        related_name="callback_requests",
        verbose_name=_("hub"),
    )
    name_or_alias = EncryptedTextField(_("name or nickname"))
    phone = EncryptedTextField(_("phone"))
    # Keyed hash of the normalised phone (same purpose as person records' phone hash).
    phone_hash = models.CharField(max_length=64, db_index=True, editable=False)
    # The content language the person wants to be called in.
    language = models.CharField(_("language"), max_length=8)
    topic = models.ForeignKey(
        "articles.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    source = models.CharField(_("source"), max_length=16, choices=CallbackSource.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("callback request")
        verbose_name_plural = _("callback requests")
        indexes = [models.Index(fields=["hub", "status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(source="portal", submitted_by__isnull=True)
                | Q(source="advisor", submitted_by__isnull=False),
                name="callback_portal_has_no_submitter",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_by__isnull=False)
                | (~Q(status="closed") & Q(closed_by__isnull=True)),
                name="callback_closed_by_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.reference  # never the name or the phone: this string reaches logs

    @property
    def reference(self) -> str:
        """A short code staff can read aloud or write down; it reveals nothing."""
        return self.public_id.hex[:8].upper()


class CallbackDailyCount(models.Model):
    """How many requests one client address sent today, by keyed hash; never the address."""

    client_key = models.CharField(max_length=64, unique=True)  # hash of day and address
    day = models.DateField(db_index=True)
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("callback request count")
        verbose_name_plural = _("callback request counts")

    def __str__(self) -> str:
        return f"{self.day} {self.count}"
