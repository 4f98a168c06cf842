"""Referrals from a consultation to a service at a location, and what providers may see.

A referral needs the person's consent for the provider organisation (or a data
protection officer's override with a written reason). The provider sees only the fields
its data-sharing agreement allows. The lifecycle is ``workflow.py``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SharedField(models.TextChoices):
    """Person fields a provider may receive, each only if its agreement says so."""

    GIVEN_NAMES = "given_names", _("Given names")
    FAMILY_NAMES = "family_names", _("Family names")
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth")
    NATIONALITY = "nationality", _("Nationality")
    PHONE = "phone", _("Phone")
    ADDRESS = "address", _("Address")
    DOCUMENTS = "documents", _("Identity documents")
    HOUSEHOLD = "household", _("Household members")


class SharingAgreement(models.Model):
    """The data-sharing agreement with one provider organisation: which fields it receives."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="sharing_agreement"
    )
    fields = models.JSONField(_("shared fields"), default=list)  # SharedField values
    reference = models.CharField(_("agreement reference"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("data-sharing agreement")
        verbose_name_plural = _("data-sharing agreements")

    def __str__(self) -> str:
        return str(self.provider)


class Referral(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey("accounts.Hub", on_delete=models.PROTECT, related_name="referrals")
    # Erasing a person keeps the referral as an anonymous count, without its history.
    person = models.ForeignKey(
        "counselling.Person", null=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    consultation = models.ForeignKey(
        "counselling.Consultation", null=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    # The consent it relies on; withdrawing it withdraws the referral.
    consent = models.ForeignKey(
        "counselling.Consent", null=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [models.Index(fields=["provider", "status"])]

    def __str__(self) -> str:
        return str(self.public_id)


class ReferralEvent(models.Model):
    """One step of a referral's life: who moved it, from what to what, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why it was declined, closed or withdrawn, or the outcome when completed.
    reason = models.TextField(_("reason or outcome"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["referral", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status}→{self.to_status}"
