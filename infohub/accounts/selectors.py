"""Reads about staff, organisations and hubs."""

from django.db.models import Q, QuerySet

from infohub.accounts.models import (
    ROLES_SEEING_PERSONAL_DATA,
    Hub,
    Membership,
    Organisation,
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
