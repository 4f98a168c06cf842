"""Writes for organisations, hubs, staff accounts, roles and API tokens.

Each function validates, writes and records its audit row in one transaction.
"""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from infohub.accounts.errors import ProvisioningError
from infohub.accounts.models import (
    ADMIN_SITE_ROLES,
    ROLE_ADMIN_APPS,
    ROLE_SCOPES,
    ApiToken,
    Hub,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    Scope,
    User,
)
from infohub.accounts.schemas import TOKEN_SCOPES
from infohub.accounts.tokens import scopes_resolve
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.time_zones import country_zone, is_zone

TOKEN_PREFIX = "ihk_"  # noqa: S105 - a public marker that makes leaked tokens greppable


def organisation_create(
    *, slug: str, name: str, kind: str, actor: User | None = None
) -> Organisation:
    if kind not in OrganisationKind.values:
        raise ProvisioningError(
            _("Unknown organisation kind %(kind)s; use one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(OrganisationKind.values)}
        )
    if Organisation.objects.filter(slug=slug).exists():
        raise ProvisioningError(_("An organisation with slug %(slug)s exists.") % {"slug": slug})
    with transaction.atomic():
        organisation = Organisation.objects.create(slug=slug, name=name, kind=kind)
        audit_record(actor=actor, action=AuditAction.ORGANISATION_CREATE, target=organisation)
    return organisation


def hub_create(
    *,
    slug: str,
    name: str,
    organisation: Organisation,
    country: str,
    municipality: str,
    time_zone: str | None = None,
    actor: User | None = None,
) -> Hub:
    """Create a hub; its time zone is its country's unless one is given."""
    country = country.upper()
    if country not in countries:
        raise ProvisioningError(
            _("%(country)s is not an ISO 3166 country code.") % {"country": country}
        )
    if Hub.objects.filter(slug=slug).exists():
        raise ProvisioningError(_("A hub with slug %(slug)s exists.") % {"slug": slug})
    zone = time_zone or country_zone(country)
    if zone is None:
        raise ProvisioningError(
            _("%(country)s has several time zones or none known: give the hub's time zone.")
            % {"country": country}
        )
    if not is_zone(zone):
        raise ProvisioningError(
            _("%(zone)s is not a known time zone, such as America/Santo_Domingo.") % {"zone": zone}
        )
    with transaction.atomic():
        hub = Hub.objects.create(
            slug=slug,
            name=name,
            organisation=organisation,
            country=country,
            municipality=municipality,
            time_zone=zone,
        )
        audit_record(actor=actor, action=AuditAction.HUB_CREATE, target=hub)
    return hub


def hub_active_set(*, hub: Hub, active: bool, actor: User | None = None) -> Hub:
    """Open or close a hub: only active hubs are listed to the public and take callbacks."""
    with transaction.atomic():
        if hub.is_active != active:
            hub.is_active = active
            hub.save(update_fields=["is_active"])
            audit_record(actor=actor, action=AuditAction.HUB_UPDATE, target=hub)
    return hub


def role_scope_check(*, role: str, hub: Hub | None, organisation: Organisation | None) -> None:
    if role not in Role.values:
        raise ProvisioningError(
            _("Unknown role %(role)s; use one of: %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    if (hub is None) == (organisation is None):
        raise ProvisioningError(_("A role is held in exactly one hub or one organisation."))
    scope = Scope.HUB if hub is not None else Scope.ORGANISATION
    if scope not in ROLE_SCOPES[role]:
        raise ProvisioningError(
            _("The role %(role)s cannot be held in a %(scope)s.")
            % {"role": role, "scope": Scope(scope).label}
        )
    provider_kinds = (OrganisationKind.SERVICE_PROVIDER, OrganisationKind.NGO)
    if role == Role.PROVIDER_STAFF and organisation and organisation.kind not in provider_kinds:
        raise ProvisioningError(
            _("Provider staff belong to a service provider or NGO organisation.")
        )


def role_grant(
    *,
    user: User,
    role: str,
    hub: Hub | None = None,
    organisation: Organisation | None = None,
    actor: User | None = None,
) -> Membership:
    role_scope_check(role=role, hub=hub, organisation=organisation)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, role=role, hub=hub, organisation=organisation
        )
        # Roles are scoped, so no role makes a superuser: platform operators are
        # created with `createsuperuser`, outside any organisation.
        if role in ADMIN_SITE_ROLES and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if role in ROLE_ADMIN_APPS:
            user.groups.add(role_group_sync(role))
        if created:
            audit_record(actor=actor, action=AuditAction.ROLE_GRANT, target=membership)
    return membership


def role_group_sync(role: str) -> Group:
    """The group carrying a role's admin permissions, kept in step with the apps' models."""
    group, _ = Group.objects.get_or_create(name=f"role:{role}")
    permissions = Permission.objects.filter(
        content_type__app_label__in=ROLE_ADMIN_APPS[role]
    ).exclude(codename__startswith="delete_")
    group.permissions.set(permissions)
    return group


def role_revoke(*, membership: Membership, actor: User | None = None) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.ROLE_REVOKE, target=membership)
        membership.delete()
        user = membership.user
        if (
            membership.role in ROLE_ADMIN_APPS
            and not user.memberships.filter(role=membership.role).exists()
        ):
            user.groups.remove(role_group_sync(membership.role))


def staff_create(
    *,
    username: str,
    role: str,
    hub: Hub | None = None,
    organisation: Organisation | None = None,
    password: str | None = None,
    actor: User | None = None,
    email: str = "",
) -> tuple[User, str | None]:
    """Create a staff account holding one role; return it and any generated password."""
    role_scope_check(role=role, hub=hub, organisation=organisation)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ProvisioningError(_("That e-mail address is not valid.")) from None
    if User.objects.filter(username=username).exists():
        raise ProvisioningError(_("The username %(username)s is taken.") % {"username": username})
    generated = None
    if password is None:
        generated = password = secrets.token_urlsafe(18)
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ProvisioningError(" ".join(error.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        audit_record(actor=actor, action=AuditAction.STAFF_CREATE, target=user)
        role_grant(user=user, role=role, hub=hub, organisation=organisation, actor=actor)
    return user, generated


def _digest(raw_token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(raw_token.encode()).hexdigest()


TOKEN_DEFAULT_DAYS = 90


def api_token_create(
    *,
    user: User,
    label: str = "",
    scopes: Iterable[str] = (),
    days: int = TOKEN_DEFAULT_DAYS,
    actor: User | None = None,
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; the raw value is returned once and never stored.

    Without ``scopes`` the token gets the defaults of the user's roles.
    """
    if not user.is_active:
        raise ProvisioningError(_("Tokens are issued to active accounts only."))
    max_days = settings.INFOHUB_TOKEN_MAX_DAYS
    if not 1 <= days <= max_days:
        message = _("A token lasts from 1 to %(max)d days (INFOHUB_TOKEN_MAX_DAYS), not %(days)d.")
        raise ProvisioningError(message % {"max": max_days, "days": days})
    roles = user.memberships.values_list("role", flat=True)
    granted = TOKEN_SCOPES.validate_python(scopes_resolve(requested=scopes, roles=roles))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            label=label,
            digest=_digest(raw),
            scopes=granted,
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit_record(actor=actor, action=AuditAction.API_TOKEN_CREATE, target=token)
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action=AuditAction.API_TOKEN_REVOKE, target=token)
    return token


def api_token_authenticate(*, raw_token: str) -> User | None:
    """Return the active owner of a valid token, or None."""
    token = api_token_verify(raw_token=raw_token)
    return token.user if token is not None else None


def api_token_verify(*, raw_token: str) -> ApiToken | None:
    """Return a valid token (unexpired, unrevoked, of an active account), or None."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=_digest(raw_token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if token is None:
        return None
    # Record use at most once a minute, so busy clients do not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_expiry_warning_claim(*, token: ApiToken) -> bool:
    """Record that the owner is being warned of the token's expiry; False if already done.

    The conditional update lets only one of two runs at once claim a token, so an owner
    gets one warning per token. It changes nothing the token may do, so, like
    ``last_used_at``, it writes no audit row.
    """
    claimed = ApiToken.objects.filter(pk=token.pk, expiry_warned_at__isnull=True).update(
        expiry_warned_at=timezone.now()
    )
    return bool(claimed)


def api_token_expiry_warning_release(*, token: ApiToken) -> None:
    """Forget a claim whose mail did not leave, so that the next run tries again."""
    ApiToken.objects.filter(pk=token.pk).update(expiry_warned_at=None)
