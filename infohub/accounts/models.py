"""Staff accounts, the organisations they work for, hubs, roles and API tokens."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


class OrganisationKind(models.TextChoices):
    HUB_OPERATOR = "hub_operator", _("Hub operator")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("Non-governmental organisation")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    HUB_MANAGER = "hub_manager", _("Hub manager")
    COUNSELLOR = "counsellor", _("Counsellor")
    COMMUNITY_ADVISOR = "community_advisor", _("Community advisor")
    PROVIDER_STAFF = "provider_staff", _("Provider staff")
    EDITOR = "editor", _("Editor")
    ANALYST = "analyst", _("Analyst")
    DPO = "dpo", _("Data protection officer")


class Scope(models.TextChoices):
    HUB = "hub", _("Hub")
    ORGANISATION = "organisation", _("Organisation")


# Where each role may be held. Counselling roles live in a hub; the others in an
# organisation; an analyst may be limited to one hub or see a whole organisation.
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset({Scope.ORGANISATION}),
    Role.HUB_MANAGER: frozenset({Scope.HUB}),
    Role.COUNSELLOR: frozenset({Scope.HUB}),
    Role.COMMUNITY_ADVISOR: frozenset({Scope.HUB}),
    Role.PROVIDER_STAFF: frozenset({Scope.ORGANISATION}),
    Role.EDITOR: frozenset({Scope.ORGANISATION}),
    Role.ANALYST: frozenset({Scope.HUB, Scope.ORGANISATION}),
    Role.DPO: frozenset({Scope.ORGANISATION}),
}

# Roles that can see migrants' personal data must sign in with a second factor.
ROLES_SEEING_PERSONAL_DATA = frozenset(
    {
        Role.ADMIN,
        Role.HUB_MANAGER,
        Role.COUNSELLOR,
        Role.COMMUNITY_ADVISOR,
        Role.PROVIDER_STAFF,
        Role.DPO,
    }
)

# Roles that work in the Django admin.
ADMIN_SITE_ROLES = frozenset({Role.ADMIN, Role.EDITOR})

# Admin permissions (add, change, view; never delete) a role brings, by app label.
# Content is shared by all hubs; staff and hub records are not here because the
# admin cannot scope them to one organisation.
ROLE_ADMIN_APPS: dict[str, tuple[str, ...]] = {
    Role.EDITOR: ("articles", "news", "search", "pathways")
}


class Organisation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Hub(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hubs", verbose_name=_("organisation")
    )
    country = CountryField(_("country"))
    municipality = models.CharField(_("municipality"), max_length=200)
    # The IANA zone staff times of this hub are shown in (by default its country's).
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # Only active hubs are listed to the public and take callback requests.
    is_active = models.BooleanField(_("active"), default=True)
    # A hub is a place in the service directory: its address, opening hours, phones and
    # languages are read from its HSDS location and service, never copied here.
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("location in the directory"),
    )
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service in the directory"),
    )
    # HSDS has no messaging numbers; the hub's WhatsApp number, in international form.
    whatsapp = models.CharField(_("WhatsApp number"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Migrants never have accounts."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    """One role held by a user, scoped to exactly one hub or one organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(hub__isnull=False) & Q(organisation__isnull=True))
                | (Q(hub__isnull=True) & Q(organisation__isnull=False)),
                name="membership_exactly_one_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "hub"],
                condition=Q(hub__isnull=False),
                name="membership_unique_hub_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="membership_unique_org_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.hub or self.organisation}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    label = models.CharField(_("label"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    # Validated by ``infohub.accounts.tokens.scopes_parse``: ``AREA:ACCESS`` strings.
    scopes = models.JSONField(_("scopes"), default=list, editable=False)
    # When the owner was mailed that the token expires soon: one warning per token.
    expiry_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.label or self.public_id}"


class EnrolmentLink(models.Model):
    """A single-use, expiring link that lets one person set up their authenticator.

    Only the SHA-256 digest of its token is stored (``infohub/accounts/enrolment.py``).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_links")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True, editable=False)
    # Set when a newer link for the same person replaced this one.
    replaced_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("enrolment link")
        verbose_name_plural = _("enrolment links")

    def __str__(self) -> str:
        return str(self.public_id)


class StaffDevice(Device):
    """A django-otp device of ours: its user field typed, without a reverse accessor."""

    user: "models.ForeignKey[User, User]" = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The user that this device belongs to.",
    )

    class Meta:
        abstract = True


class RecoveryCodeSet(TimestampMixin, ThrottlingMixin, StaffDevice):
    """A staff member's recovery codes, as one django-otp device.

    Being a device lets a code mark the session verified exactly as the authenticator
    does. django-otp's own static device keeps its codes in plain text, so the codes
    are ``RecoveryCode`` rows holding keyed hashes (``infohub/accounts/recovery.py``,
    docs/decisions/0011). ``verify_token`` stays django-otp's refusal: codes are only
    checked by ``recovery.recovery_code_verify``.
    """

    class Meta:
        verbose_name = _("recovery codes")
        verbose_name_plural = _("recovery codes")

    def get_throttle_factor(self) -> int:
        # Wrong recovery codes wait as long as wrong authenticator codes.
        return int(settings.OTP_TOTP_THROTTLE_FACTOR)


class RecoveryCode(models.Model):
    """One unused recovery code: its keyed hash; a used code's row is deleted."""

    device = models.ForeignKey(RecoveryCodeSet, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "code_hash"], name="recovery_code_unique")
        ]

    def __str__(self) -> str:
        # Never the hash: nothing about a code is worth showing.
        return f"recovery code {self.pk}"


class IdentityProviderDevice(StaffDevice):
    """The organisation's identity provider, standing in as a staff member's second factor.

    A session is verified by it only when a single sign-on's ID token asserted
    multi-factor authentication (``infohub/accounts/oidc.py``, docs/decisions/0012).
    It accepts no code, so the code pages can never use it.
    """

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="identity_provider_device_one_per_user")
        ]

    def verify_token(self, token: str) -> bool:
        return False
