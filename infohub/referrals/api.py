"""The referrals API (token auth): send, read and move referrals, strictly scoped.

The referring hub sees the whole referral; the provider sees the person only through
the fields its data-sharing agreement allows. Status moves only through
``/transition``; a status, hub or provider in a body is refused (422).
"""

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from infohub.accounts.access import signed_in_user
from infohub.core.api_params import StrictInput
from infohub.core.pagination import LimitOffsetPagination
from infohub.counselling.access import access_consultation, access_person
from infohub.referrals.access import access_referral
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.selectors import referable_places, referral_list_annotated
from infohub.referrals.services import referral_create, referral_transition
from infohub.referrals.sharing import shared_values
from infohub.referrals.workflow import HUB

router = Router(tags=["referrals"])


class ReferralIn(StrictInput):
    person: uuid.UUID
    service_at_location: uuid.UUID
    consultation: uuid.UUID | None = None


class TransitionIn(StrictInput):
    to: ReferralStatus
    reason: str = Field("", max_length=2000)


class EventOut(Schema):
    from_status: str
    to_status: str
    reason: str
    at: dt.datetime


class ReferralOut(Schema):
    id: uuid.UUID
    status: str
    side: str = Field(description="hub or provider: the account's part in the referral")
    provider_id: uuid.UUID
    service_at_location_id: uuid.UUID | None
    case_code: str | None = Field(description="for the referring hub only")
    shared: dict[str, Any] = Field(description="the person's fields the provider may see")
    events: list[EventOut]
    created_at: dt.datetime


class ReferralListOut(Schema):
    """A referral in a list: the detail's shape without the shared personal fields."""

    id: uuid.UUID
    status: str
    side: str = Field(description="hub or provider: the account's part in the referral")
    provider_id: uuid.UUID
    service_at_location_id: uuid.UUID | None
    case_code: str | None = Field(description="for the referring hub only")
    events: list[EventOut]
    created_at: dt.datetime

    @staticmethod
    def resolve_id(obj: Referral) -> uuid.UUID:
        return obj.public_id

    @staticmethod
    def resolve_provider_id(obj: Referral) -> uuid.UUID:
        return obj.provider.public_id

    @staticmethod
    def resolve_events(obj: Referral) -> list[dict[str, Any]]:
        return [
            {"from_status": e.from_status, "to_status": e.to_status, "reason": e.reason, "at": e.at}
            for e in obj.events.all()
        ]


class ReferralFilters(Schema):
    status: ReferralStatus | None = None


def referral_out(referral: Referral, side: str) -> dict[str, Any]:
    person = referral.person
    return {
        "id": referral.public_id,
        "status": referral.status,
        "side": side,
        "provider_id": referral.provider.public_id,
        "service_at_location_id": referral.service_at_location_id,
        "case_code": person.case_code if side == HUB and person else None,
        "shared": shared_values(referral) if side != HUB else {},
        "events": list(referral.events.values("from_status", "to_status", "reason", "at")),
        "created_at": referral.created_at,
    }


@router.post("/referrals", response={201: ReferralOut})
def referral_create_endpoint(request: HttpRequest, body: ReferralIn) -> Status[dict[str, Any]]:
    user = signed_in_user(request)
    person = access_person(user=user, public_id=body.person)
    consultation = None
    if body.consultation is not None:
        consultation = access_consultation(user=user, public_id=body.consultation)
    # What the referral page offers: a published, listed service at a public place.
    target = referable_places().filter(id=body.service_at_location).first()
    if target is None:
        raise HttpError(422, "service_at_location: no such service at a location")
    referral = referral_create(
        user=user, person=person, service_at_location=target, consultation=consultation
    )
    return Status(201, referral_out(referral, HUB))


@router.get("/referrals", response=list[ReferralListOut])
@paginate(LimitOffsetPagination)
def referral_list(request: HttpRequest, filters: Query[ReferralFilters]) -> QuerySet[Referral]:
    """Referrals the account's hubs sent or its organisation received, newest first.

    Each says the account's side; the case code only to the referring hub, and no
    personal field of the person: read one referral for what the agreement shares.
    """
    rows = referral_list_annotated(user=signed_in_user(request)).prefetch_related("events")
    if filters.status:
        rows = rows.filter(status=filters.status)
    return rows


@router.get("/referrals/{referral_id}", response=ReferralOut)
def referral_detail(request: HttpRequest, referral_id: str) -> dict[str, Any]:
    referral, side = access_referral(user=signed_in_user(request), public_id=referral_id)
    return referral_out(referral, side)


@router.post("/referrals/{referral_id}/transition", response=ReferralOut)
def referral_transition_endpoint(
    request: HttpRequest, referral_id: str, body: TransitionIn
) -> dict[str, Any]:
    user = signed_in_user(request)
    referral, side = access_referral(user=user, public_id=referral_id)
    moved = referral_transition(user=user, referral=referral, to=body.to, reason=body.reason)
    return referral_out(moved, side)
