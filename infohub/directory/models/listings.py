"""Keeping listings fresh: verification requests, proposed changes, feedback, provider links.

None of these tables is HSDS, and none is exported. They hold no personal data of
migrants: feedback is anonymous, and the key kept for rate limiting is a keyed hash of
the client's address and the day, never the address itself.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infohub.directory.models.organizations import Organization
from infohub.directory.models.services import Service


class ProviderLink(models.Model):
    """Which of our provider organisations runs an HSDS organization of the directory.

    Provider staff propose changes to the services of the HSDS organizations linked to
    their organisation, and to no others.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.OneToOneField(
        Organization,
        on_delete=models.CASCADE,
        related_name="provider_link",
        verbose_name=_("directory organization"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="directory_links",
        verbose_name=_("provider organisation"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organisation", "organization"]
        verbose_name = _("provider link")
        verbose_name_plural = _("provider links")

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.organization_id}"


class VerificationRequest(models.Model):
    """One signed link sent to a listing's contact; it can be used once.

    ``sent_at`` is set once the mail has left; a row without it is an attempt whose
    mail failed, so the next run tries again.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="verification_requests"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")

    def __str__(self) -> str:
        return str(self.public_id)


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProposalSource(models.TextChoices):
    VERIFICATION_LINK = "verification_link", _("Verification link")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")


class Moderated(models.Model):
    """Something an editor approves or rejects once, with who and when."""

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ModerationStatus.choices,
        default=ModerationStatus.PENDING,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        abstract = True


class ListingChangeProposal(Moderated):
    """Changes to a listing that wait for an editor.

    ``changes`` holds only whitelisted fields, checked by ``listings.proposals.ProposedChanges``
    when the proposal is made and again when it is applied. ``lang`` is the language
    the texts were written in.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        related_name="change_proposals",
        verbose_name=_("service"),
    )
    changes = models.JSONField(_("proposed changes"), default=dict)
    lang = models.CharField(_("language"), max_length=8)
    source = models.CharField(_("source"), max_length=20, choices=ProposalSource.choices)
    verification_request = models.ForeignKey(
        VerificationRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("listing change proposal")
        verbose_name_plural = _("listing change proposals")

    def __str__(self) -> str:
        return str(self.public_id)


class ServiceFeedback(Moderated):
    """An anonymous rating of a service, with an optional comment that editors moderate.

    ``client_key`` is an HMAC of the day, the service and the client's address, made with
    the site's secret key: enough to count a client's posts for one service on one day,
    and useless to find the address or to follow a client from one day to the next.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("service")
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    lang = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    client_key = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("service feedback")
        verbose_name_plural = _("service feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="directory_feedback_rating_1_5"
            )
        ]
        indexes = [models.Index(fields=["service", "client_key"])]

    def __str__(self) -> str:
        return str(self.public_id)
