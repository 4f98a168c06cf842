"""Reads for keeping listings fresh: staleness, proposed changes, feedback, provider listings."""

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet

from infohub.accounts.models import Membership, Role, User
from infohub.directory.listings.proposals import TEXT_FIELDS
from infohub.directory.models import (
    Contact,
    Language,
    ListingChangeProposal,
    ModerationStatus,
    Phone,
    Schedule,
    Service,
    ServiceFeedback,
    VerificationRequest,
)
from infohub.directory.selectors import service_list_published, text_for, translation_map

VERIFY_DAYS_DEFAULT = 365


def listing_verify_days() -> int:
    """How many days a verification holds before the listing is stale and asked again."""
    return int(getattr(settings, "INFOHUB_LISTING_VERIFY_DAYS", VERIFY_DAYS_DEFAULT))


def service_is_stale(service: Service, today: dt.date) -> bool:
    """Whether the hub has not verified the service within the period (never counts)."""
    verified = service.last_verified
    return verified is None or (today - verified).days > listing_verify_days()


def service_list_due_for_verification(*, today: dt.date, now: dt.datetime) -> QuerySet[Service]:
    """Published services that are stale and were not sent a verification link this period.

    Whether they have an address to write to is decided per service by
    ``listing_contact_email``.
    """
    days = listing_verify_days()
    recently_asked = VerificationRequest.objects.filter(
        sent_at__gte=now - dt.timedelta(days=days)
    ).values("service_id")
    verified_long_ago = Q(last_verified__lt=today - dt.timedelta(days=days))
    return (
        service_list_published()
        .filter(Q(last_verified__isnull=True) | verified_long_ago)
        .exclude(id__in=recently_asked)
        .order_by("id")
    )


def listing_contact_email(service: Service) -> str:
    """The address that receives verification links: the service's own contact's, else its own.

    Contacts at confidential places are never written to: the link shows the listing,
    and a mail must not reveal that the place exists.
    """
    contact = (
        Contact.objects.filter(service=service)
        .exclude(email="")
        .filter(Q(location__isnull=True) | Q(location__confidential=False))
        .filter(
            Q(service_at_location__isnull=True)
            | Q(service_at_location__location__confidential=False)
        )
        .order_by("id")
        .values_list("email", flat=True)
        .first()
    )
    return (contact or service.email).strip()


def service_own_phones(service: Service) -> QuerySet[Phone]:
    """Phones of the service itself, not of a place, a contact or a service at a place."""
    return Phone.objects.filter(
        service=service,
        location__isnull=True,
        contact__isnull=True,
        service_at_location__isnull=True,
    ).order_by("id")


def service_own_languages(service: Service) -> QuerySet[Language]:
    return Language.objects.filter(
        service=service, location__isnull=True, phone__isnull=True
    ).order_by("id")


def service_own_schedule(service: Service) -> Schedule | None:
    """The first schedule of the service itself, whose description is its hours as a text."""
    return (
        Schedule.objects.filter(
            service=service, location__isnull=True, service_at_location__isnull=True
        )
        .order_by("id")
        .first()
    )


def listing_current_values(*, service: Service, lang: str) -> dict[str, Any]:
    """What a proposal may change, as a reader of ``lang`` sees it today."""
    texts = translation_map(table="service", record_ids=[service.id])[service.id]
    values: dict[str, Any] = {
        field: text_for(record=service, field=field, lang=lang, translations=texts).text
        for field in TEXT_FIELDS
    }
    schedule = service_own_schedule(service)
    values["email"] = service.email
    values["url"] = service.url
    values["phones"] = list(service_own_phones(service).values_list("number", flat=True))
    values["languages"] = list(
        service_own_languages(service).exclude(code="").values_list("code", flat=True)
    )
    values["schedule"] = (
        text_for(record=schedule, field="description", lang=lang).text if schedule else ""
    )
    return values


def service_list_for_provider(*, user: User) -> QuerySet[Service]:
    """Services of the directory organizations linked to the user's provider organisations.

    Only the provider staff role counts; inactive users get nothing.
    """
    if not user.is_active:
        return Service.objects.none()
    organisations = Membership.objects.filter(user=user, role=Role.PROVIDER_STAFF).values(
        "organisation"
    )
    return (
        Service.objects.filter(organization__provider_link__organisation__in=organisations)
        .select_related("organization")
        .order_by("name", "id")
    )


def provider_listing_list(*, user: User) -> QuerySet[Service]:
    """``service_list_for_provider`` with the number of proposals waiting for an editor."""
    waiting = Q(change_proposals__status=ModerationStatus.PENDING)
    return service_list_for_provider(user=user).annotate(
        pending=Count("change_proposals", filter=waiting)
    )


def provider_listing_names(*, services: Sequence[Service], lang: str) -> dict[uuid.UUID, str]:
    """Each listing's name in ``lang``, the translations of all of them read in one query."""
    texts = translation_map(table="service", record_ids=[s.id for s in services])
    return {
        s.id: text_for(record=s, field="name", lang=lang, translations=texts[s.id]).text
        for s in services
    }


def proposal_list_for_service(*, service: Service) -> QuerySet[ListingChangeProposal]:
    return ListingChangeProposal.objects.filter(service=service).order_by("-created_at", "-id")


@dataclass(frozen=True)
class FeedbackComment:
    text: str
    rating: int
    lang: str
    created_at: dt.datetime


@dataclass(frozen=True)
class FeedbackSummary:
    """What the public page shows: the average of ratings not rejected, approved comments."""

    average: float | None
    count: int
    comments: list[FeedbackComment]


def service_feedback_summary(service: Service, *, comments: int = 20) -> FeedbackSummary:
    """Ratings count once received (rejected ones leave); comments show once approved."""
    ratings = ServiceFeedback.objects.filter(service=service).exclude(
        status=ModerationStatus.REJECTED
    )
    totals = ratings.aggregate(average=Avg("rating"), count=Count("id"))
    approved = (
        ServiceFeedback.objects.filter(service=service, status=ModerationStatus.APPROVED)
        .exclude(comment="")
        .order_by("-created_at", "-id")[:comments]
    )
    average = totals["average"]
    return FeedbackSummary(
        average=round(float(average), 1) if average is not None else None,
        count=int(totals["count"]),
        comments=[
            FeedbackComment(text=f.comment, rating=f.rating, lang=f.lang, created_at=f.created_at)
            for f in approved
        ],
    )


def user_is_listing_moderator(*, user: object) -> bool:
    """Editors (and platform superusers) review proposed changes and feedback; nobody else."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return user.is_superuser or user.memberships.filter(role=Role.EDITOR).exists()
