"""The counselling API (token auth): consultations, strictly scoped; people in ``api_people``.

The hub of a new record is never taken from the request: it is the person's hub, or the
hub the token's account works in. Fields such as ``hub``, ``recorded_by`` or ``status``
in a body are refused (422): the input schemas do not have them.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Annotated

import pycountry
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import Hub
from infohub.articles.models import Article, Topic
from infohub.articles.selectors import article_list_published
from infohub.core.api_params import (
    COUNTRY_OR_EMPTY,
    IsoDate,
    StrictInput,
    items_among,
    up_to_today,
)
from infohub.core.pagination import LimitOffsetPagination
from infohub.counselling.access import (
    access_consultation,
    access_person,
    consultation_list_visible,
    recordable_hubs,
)
from infohub.counselling.models import AgeGroup, Channel, Consultation, MigrantStatus, Outcome, Sex
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.pathways.models import Pathway
from infohub.pathways.selectors import pathway_list_published

router = Router(tags=["counselling"])


def own_hub(hubs: QuerySet[Hub]) -> Hub:
    """The hub a new record goes to when no person decides it: the account's first hub."""
    hub = hubs.order_by("memberships__created_at", "pk").first()
    if hub is None:
        raise HttpError(403, "This account does not keep records for any hub.")
    return hub


def _spellings(code: str) -> list[str]:
    return sorted({code, code.upper(), code[0].upper() + code[1], code[0] + code[1].upper()})


# What consultation_record takes in ``languages``: an ISO 639-1 code in any case, white
# space around it ignored, or only white space (skipped).
ISO_639_1 = sorted(
    language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")
)
LANGUAGE_TAG = (
    r"^[ \t\n\r]*(" + "|".join(s for code in ISO_639_1 for s in _spellings(code)) + r")?[ \t\n\r]*$"
)


def _topic_slugs() -> list[str]:
    return sorted(Topic.objects.values_list("slug", flat=True))


def _article_ids() -> list[str]:
    return sorted(
        str(public_id) for public_id in article_list_published().values_list("public_id", flat=True)
    )


def _pathway_slugs() -> list[str]:
    return sorted(pathway_list_published().values_list("slug", flat=True))


class ConsultationIn(StrictInput):
    date: IsoDate = Field(json_schema_extra=up_to_today)
    channel: Channel
    migrant_status: MigrantStatus
    outcome: Outcome
    nationality: Annotated[str, COUNTRY_OR_EMPTY] = Field("", max_length=2)
    sex: Sex = Sex.NOT_STATED
    age_group: AgeGroup = AgeGroup.UNKNOWN
    languages: list[Annotated[str, Field(pattern=LANGUAGE_TAG)]] = Field(
        default_factory=list, max_length=20
    )
    topics: list[str] = Field(
        default_factory=list, max_length=50, json_schema_extra=items_among(_topic_slugs)
    )
    articles: list[uuid.UUID] = Field(
        default_factory=list, max_length=50, json_schema_extra=items_among(_article_ids)
    )
    pathways: list[str] = Field(
        default_factory=list, max_length=50, json_schema_extra=items_among(_pathway_slugs)
    )
    person: uuid.UUID | None = None


class ConsultationOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    hub_id: uuid.UUID
    date: dt.date
    channel: str
    migrant_status: str
    nationality: str
    sex: str
    age_group: str
    languages: list[str]
    topics: list[str]
    pathways: list[str]
    outcome: str
    person_id: uuid.UUID | None
    anonymous: bool

    @staticmethod
    def resolve_hub_id(obj: Consultation) -> uuid.UUID:
        return obj.hub.public_id

    @staticmethod
    def resolve_topics(obj: Consultation) -> list[str]:
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_pathways(obj: Consultation) -> list[str]:
        return [p.slug for p in obj.pathways.all()]

    @staticmethod
    def resolve_person_id(obj: Consultation) -> uuid.UUID | None:
        return obj.person.public_id if obj.person else None

    @staticmethod
    def resolve_anonymous(obj: Consultation) -> bool:
        return obj.person_id is None


def _all_found(field: str, wanted: Iterable[object], found: Iterable[object]) -> None:
    """Refuse the whole body when an id names nothing a consultation may point to."""
    if set(wanted) - set(found):
        message = _("Unknown, or not published.")  # lazy: read in the answer's language
        raise ValidationError([{"loc": ["body", field], "msg": message}])


def _topics(slugs: list[str]) -> list[Topic]:
    topics = list(Topic.objects.filter(slug__in=slugs))
    _all_found("topics", slugs, (t.slug for t in topics))
    return topics


def _published_articles(ids: list[uuid.UUID]) -> list[Article]:
    # Only what readers can see: a draft may never be recorded as information given.
    articles = list(article_list_published().filter(public_id__in=ids))
    _all_found("articles", ids, (a.public_id for a in articles))
    return articles


def _published_pathways(slugs: list[str]) -> list[Pathway]:
    pathways = list(pathway_list_published().filter(slug__in=slugs))
    _all_found("pathways", slugs, (p.slug for p in pathways))
    return pathways


@router.post("/consultations", response={201: ConsultationOut})
def consultation_create(request: HttpRequest, body: ConsultationIn) -> Status[Consultation]:
    user = signed_in_user(request)
    person = access_person(user=user, public_id=body.person) if body.person else None
    hub = person.hub if person else own_hub(recordable_hubs(user=user))
    data = ConsultationInput(
        date=body.date,
        channel=body.channel,
        migrant_status=body.migrant_status,
        outcome=body.outcome,
        nationality=body.nationality,
        sex=body.sex,
        age_group=body.age_group,
        languages=body.languages,
        topics=_topics(body.topics),
        articles=_published_articles(body.articles),
        pathways=_published_pathways(body.pathways),
    )
    return Status(201, consultation_record(user=user, hub=hub, data=data, person=person))


@router.get("/consultations", response=list[ConsultationOut])
@paginate(LimitOffsetPagination)
def consultation_list(request: HttpRequest) -> QuerySet[Consultation]:
    """Consultations the account may see, newest first."""
    visible = consultation_list_visible(user=signed_in_user(request))
    return (
        visible.select_related("hub", "person")
        .prefetch_related("topics", "pathways")
        .order_by("-date", "-created_at", "-pk")
    )


@router.get("/consultations/{consultation_id}", response=ConsultationOut)
def consultation_detail(request: HttpRequest, consultation_id: str) -> Consultation:
    return access_consultation(user=signed_in_user(request), public_id=consultation_id)
