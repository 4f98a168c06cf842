"""Vulnerability screening: a configurable checklist, the flags raised, the actions they need.

``Criterion`` rows are configuration (the checklist), kept by superusers in the admin.
A ``Screening`` records which criteria were flagged for a consultation or a person, and
the priority that follows; flags are sensitive personal data that belong to the hub's
case workers only (``access.py``). A flag whose criterion has a deadline creates a
``RequiredAction`` that is due that many hours after the screening.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Priority(models.TextChoices):
    """The priority a criterion gives when it is flagged."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ScreeningPriority(models.TextChoices):
    """A screening's priority: the highest of its flags, or none."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
    NONE = "none", _("None")


# Higher ranks win; a screening with no flag has the rank of "none".
PRIORITY_RANK: dict[str, int] = {
    ScreeningPriority.NONE: 0,
    ScreeningPriority.LOW: 1,
    ScreeningPriority.MEDIUM: 2,
    ScreeningPriority.HIGH: 3,
}


class Criterion(models.Model):
    """One item of the checklist, with its texts per language ({"es": "...", ...})."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    names = models.JSONField(_("names"), default=dict)
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    # What must be done when it is flagged, and within how many hours; both optional.
    action = models.JSONField(_("required action"), default=dict, blank=True)
    action_deadline_hours = models.PositiveIntegerField(
        _("action deadline (hours)"), null=True, blank=True
    )
    # The directory category (taxonomy term code) of the services the action refers to,
    # so a screening offers that referral with the right services; blank when it needs none.
    refer_to = models.SlugField(
        _("refer to services of category"),
        max_length=64,
        blank=True,
        help_text=_("A service category code of the directory, such as child-protection."),
    )
    # Criteria are deactivated, never deleted: past screenings refer to them.
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("screening criterion")
        verbose_name_plural = _("screening criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action_deadline_hours__isnull=True)
                | models.Q(action_deadline_hours__gt=0),
                name="criterion_deadline_is_positive",
            )
        ]

    def __str__(self) -> str:
        return self.code


class Screening(models.Model):
    """The flags raised for a consultation or a person at one time, and their priority."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey("accounts.Hub", on_delete=models.PROTECT, related_name="screenings")
    # Flags go with what they describe: deleting the consultation or the person deletes them.
    consultation = models.ForeignKey(
        "counselling.Consultation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="screenings",
    )
    person = models.ForeignKey(
        "counselling.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="screenings",
    )
    criteria = models.ManyToManyField(Criterion, blank=True, related_name="screenings")
    # Computed when recorded, so a later change to the checklist does not rewrite history.
    priority = models.CharField(_("priority"), max_length=8, choices=ScreeningPriority.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [models.Index(fields=["hub", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consultation__isnull=False) | models.Q(person__isnull=False),
                name="screening_has_a_consultation_or_a_person",
            )
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class RequiredAction(models.Model):
    """What a flag requires, due by a deadline; open until a case worker marks it done."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="actions")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("required action")
        verbose_name_plural = _("required actions")
        indexes = [models.Index(fields=["done_at", "due_at"])]
        constraints = [
            models.UniqueConstraint(fields=["screening", "criterion"], name="one_action_per_flag"),
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True, done_by__isnull=True)
                | models.Q(done_at__isnull=False, done_by__isnull=False),
                name="action_done_has_a_time_and_a_person",
            ),
        ]

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
