"""Who may see and work on which callback requests. Every lookup goes through here.

Counsellors and hub managers (``CASE_ROLES``) see and work their hubs' queue. A
community advisor refers people to the hubs where they advise and sees only the
requests they submitted, read-only. Every other role, superusers included, sees
nothing here. Lookups answer 404 for unknown, malformed and out-of-scope ids alike,
and an inactive account sees nothing (``hubs_where`` fails closed).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import Hub, Role, User
from infohub.callbacks.models import CallbackRequest
from infohub.counselling.access import CASE_ROLES, hubs_where


@dataclass(frozen=True)
class CallbackScope:
    """The hubs whose queue the user works, and the hubs they may refer people to."""

    queue_hubs: QuerySet[Hub]
    referral_hubs: QuerySet[Hub]
    works_queue: bool
    refers: bool


def callback_scope(*, user: User) -> CallbackScope:
    queue_hubs = hubs_where(user, CASE_ROLES)
    referral_hubs = referral_hubs_of(user=user)
    return CallbackScope(
        queue_hubs=queue_hubs,
        referral_hubs=referral_hubs,
        works_queue=queue_hubs.exists(),
        refers=referral_hubs.exists(),
    )


def referral_hubs_of(*, user: User) -> QuerySet[Hub]:
    """Hubs the user may refer people to: where they are a community advisor."""
    return hubs_where(user, (Role.COMMUNITY_ADVISOR,))


def callback_list_workable(*, user: User) -> QuerySet[CallbackRequest]:
    """Requests the user may change: those of the hubs where they are a case worker."""
    return CallbackRequest.objects.filter(hub__in=hubs_where(user, CASE_ROLES))


def callback_list_visible(*, user: User) -> QuerySet[CallbackRequest]:
    """The hubs' queues for case workers, plus what the user submitted as an advisor."""
    return CallbackRequest.objects.filter(
        Q(hub__in=hubs_where(user, CASE_ROLES))
        | Q(hub__in=referral_hubs_of(user=user), submitted_by=user)
    )


def access_callback_pages(*, user: User) -> CallbackScope:
    """The user's scope, or 404 for anyone who neither works a queue nor refers."""
    scope = callback_scope(user=user)
    if not (scope.works_queue or scope.refers):
        raise Http404
    return scope


def access_callback_referral(*, user: User) -> QuerySet[Hub]:
    """The hubs the user may refer to, or 404 for anyone who is not a community advisor."""
    hubs = referral_hubs_of(user=user)
    if not hubs.exists():
        raise Http404
    return hubs


def access_callback(*, user: User, public_id: object) -> CallbackRequest:
    found = (
        callback_list_visible(user=user)
        .select_related("hub", "topic")
        .filter(public_id=as_uuid(public_id))
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_callback_workable(*, user: User, public_id: object) -> CallbackRequest:
    found = callback_list_workable(user=user).filter(public_id=as_uuid(public_id)).first()
    if found is None:
        raise Http404
    return found
