"""Reads about staff, organisations and hubs."""

import datetime as dt

from django.db.models import Q, QuerySet

from infohub.accounts.models import (
    ROLES_SEEING_PERSONAL_DATA,
    ApiToken,
    Hub,
    Membership,
    Organisation,
    Role,
    User,
)


def user_requires_second_factor(*, user: User) -> bool:
    """Whether the user holds any role that can see personal data."""
    if user.is_superuser:
        return True
    return user.memberships.filter(role__in=ROLES_SEEING_PERSONAL_DATA).exists()


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return user.memberships.select_related("hub", "organisation").order_by("role")


def hub_list_visible(*, user: User) -> QuerySet[Hub]:
    """Hubs the user works in, directly or through their organisation; none if inactive."""
    if not user.is_active:
        return Hub.objects.none()
    if user.is_superuser:
        return Hub.objects.select_related("organisation")
    memberships = Membership.objects.filter(user=user)
    return (
        Hub.objects.filter(
            Q(pk__in=memberships.values("hub"))
            | Q(organisation__in=memberships.values("organisation"))
        )
        .select_related("organisation")
        .distinct()
    )


def staff_time_zone(*, user: User) -> str | None:
    """The time zone the user's staff pages are shown in: the one their hubs share.

    None when they work in no hub or in hubs of different zones (the pages then keep
    the server's zone, ``INFOHUB_TIME_ZONE``).
    """
    zones = list(
        hub_list_visible(user=user).order_by().values_list("time_zone", flat=True).distinct()[:2]
    )
    return zones[0] if len(zones) == 1 else None


def hub_operator_list_public() -> QuerySet[Organisation]:
    """The organisations that run the active hubs: who runs the service, for the portal."""
    return Organisation.objects.filter(hubs__is_active=True).distinct().order_by("name")


def api_token_list_own(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first; none if the account is inactive."""
    if not user.is_active:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def administered_organisations(*, user: User) -> QuerySet[Organisation]:
    """The organisations in which the user holds the administrator role."""
    if not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.ADMIN)


def api_token_list_administered(*, user: User) -> QuerySet[ApiToken]:
    """Other people's tokens the user may revoke as an organisation's administrator.

    Those of everyone holding a role in an organisation the user administers, or in one
    of its hubs; nobody else's. Empty for everyone who administers no organisation.
    """
    organisations = administered_organisations(user=user).values("pk")
    members = Membership.objects.filter(
        Q(organisation__in=organisations) | Q(hub__organisation__in=organisations)
    ).values("user")
    return (
        ApiToken.objects.filter(user__in=members)
        .exclude(user=user)
        .select_related("user")
        .order_by("-created_at", "-pk")
    )


def api_token_list_manageable(*, user: User) -> QuerySet[ApiToken]:
    """Every token the user may see and revoke: their own and those they administer."""
    administered = api_token_list_administered(user=user).values("pk")
    return ApiToken.objects.filter(
        Q(pk__in=api_token_list_own(user=user).values("pk")) | Q(pk__in=administered)
    ).select_related("user")


def api_token_list_expiring(*, now: dt.datetime, within: dt.timedelta) -> QuerySet[ApiToken]:
    """Active tokens of active accounts that expire within ``within`` and whose owner
    has not been warned yet, soonest first."""
    return (
        ApiToken.objects.filter(
            revoked_at__isnull=True,
            expiry_warned_at__isnull=True,
            expires_at__gt=now,
            expires_at__lte=now + within,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("expires_at", "pk")
    )
