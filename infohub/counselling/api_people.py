"""The people API (token auth): person records and their consents, strictly scoped.

Lists show case codes and masked documents only; reading one person returns the
decrypted record and is audited. A new person goes to the account's own hub.
"""

import datetime as dt
import uuid
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ConfigDict
from pydantic.config import JsonDict

from infohub.accounts.access import signed_in_user
from infohub.accounts.models import Organisation
from infohub.core.api_params import (
    COUNTRY_OR_EMPTY,
    VISIBLE_TEXT,
    IsoDate,
    LanguageCode,
    StrictInput,
)
from infohub.core.pagination import LimitOffsetPagination
from infohub.counselling.access import CASE_ROLES, access_person, hubs_where, person_list_visible
from infohub.counselling.api import own_hub
from infohub.counselling.models import (
    Consent,
    ConsentPurpose,
    DocumentKind,
    LegalBasis,
    Person,
    Relation,
)
from infohub.counselling.services import (
    ConsentInput,
    DocumentInput,
    HouseholdInput,
    PersonInput,
    consent_give,
    duplicate_case_codes,
    person_create,
)

router = Router(tags=["people"])


# The rules person_create and consent_give apply, declared so the OpenAPI says them too.
BIRTH_YEAR = r"^([0-9]{4}|[ \t\n\r]{0,4})$"
REFERRAL_NAMES_PROVIDER: JsonDict = {
    "if": {"properties": {"purpose": {"const": ConsentPurpose.REFERRAL.value}}},
    "then": {"properties": {"provider": {"type": "string"}}, "required": ["provider"]},
}
CONSENT_KEEPS_RECORD: JsonDict = {
    "if": {"properties": {"legal_basis": {"const": LegalBasis.CONSENT.value}}},
    "then": {
        "properties": {
            "consents": {
                "contains": {
                    "properties": {"purpose": {"const": ConsentPurpose.COUNSELLING_RECORD.value}}
                }
            }
        },
        "required": ["consents"],
    },
}


class DocumentIn(StrictInput):
    kind: DocumentKind
    number: str = Field(min_length=1, max_length=64, pattern=VISIBLE_TEXT)
    issuing_country: Annotated[str, COUNTRY_OR_EMPTY] = Field("", max_length=2)


class HouseholdIn(StrictInput):
    relation: Relation
    name: str = Field(min_length=1, max_length=200, pattern=VISIBLE_TEXT)
    birth_year: str = Field("", max_length=4, pattern=BIRTH_YEAR)


class ConsentIn(StrictInput):
    model_config = ConfigDict(json_schema_extra=REFERRAL_NAMES_PROVIDER)

    purpose: ConsentPurpose
    notice_version: str = Field(min_length=1, max_length=32)
    notice_language: LanguageCode
    provider: uuid.UUID | None = Field(
        None, description="the provider organisation; required for a referral"
    )


class PersonIn(StrictInput):
    model_config = ConfigDict(json_schema_extra=CONSENT_KEEPS_RECORD)

    legal_basis: LegalBasis
    given_names: str = Field(min_length=1, max_length=200, pattern=VISIBLE_TEXT)
    family_names: str = Field("", max_length=200)
    date_of_birth: IsoDate | None = None
    nationality: Annotated[str, COUNTRY_OR_EMPTY] = Field("", max_length=2)
    phone: str = Field("", max_length=40)
    address: str = Field("", max_length=500)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=10)
    household: list[HouseholdIn] = Field(default_factory=list, max_length=20)
    consents: list[ConsentIn] = Field(default_factory=list, max_length=10)


class DocumentMaskedOut(Schema):
    kind: str
    issuing_country: str
    masked: str


class PersonListOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    case_code: str
    hub_id: uuid.UUID
    legal_basis: str
    documents: list[DocumentMaskedOut]
    created_at: dt.datetime

    @staticmethod
    def resolve_hub_id(obj: Person) -> uuid.UUID:
        return obj.hub.public_id

    @staticmethod
    def resolve_documents(obj: Person) -> list[dict[str, str]]:
        return [
            {"kind": d.kind, "issuing_country": d.issuing_country, "masked": d.masked}
            for d in obj.documents.all()
        ]


class ConsentOut(Schema):
    id: uuid.UUID
    purpose: str
    provider_id: uuid.UUID | None
    notice_version: str
    notice_language: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None
    override: bool


class DocumentOut(DocumentMaskedOut):
    number: str


class HouseholdOut(Schema):
    relation: str
    name: str
    birth_year: str


class PersonOut(Schema):
    id: uuid.UUID
    case_code: str
    hub_id: uuid.UUID
    legal_basis: str
    given_names: str
    family_names: str
    date_of_birth: str
    nationality: str
    phone: str
    address: str
    documents: list[DocumentOut]
    household: list[HouseholdOut]
    consents: list[ConsentOut]
    possible_duplicates: list[str] = Field(default_factory=list)


def consent_out(consent: Consent) -> dict[str, Any]:
    return {
        "id": consent.public_id,
        "purpose": consent.purpose,
        "provider_id": consent.provider.public_id if consent.provider else None,
        "notice_version": consent.notice_version,
        "notice_language": consent.notice_language,
        "given_at": consent.given_at,
        "withdrawn_at": consent.withdrawn_at,
        "override": consent.is_override,
    }


def person_out(person: Person) -> dict[str, Any]:
    """The whole record: call only on a person returned by ``access_person`` (audited)."""
    return {
        "id": person.public_id,
        "case_code": person.case_code,
        "hub_id": person.hub.public_id,
        "legal_basis": person.legal_basis,
        "given_names": person.given_names,
        "family_names": person.family_names,
        "date_of_birth": person.date_of_birth,
        "nationality": person.nationality,
        "phone": person.phone,
        "address": person.address,
        "documents": [
            {
                "kind": d.kind,
                "issuing_country": d.issuing_country,
                "masked": d.masked,
                "number": d.number,
            }
            for d in person.documents.all()
        ],
        "household": [
            {"relation": m.relation, "name": m.name, "birth_year": m.birth_year}
            for m in person.household.all()
        ],
        "consents": [consent_out(c) for c in person.consents.select_related("provider")],
    }


def _consent_input(data: ConsentIn) -> ConsentInput:
    provider = None
    if data.provider is not None:
        provider = Organisation.objects.filter(public_id=data.provider).first()
        if provider is None:
            # A reference to nothing, answered as an unknown person is.
            raise HttpError(404, "provider: no such organisation")
    return ConsentInput(
        purpose=data.purpose,
        notice_version=data.notice_version,
        notice_language=data.notice_language,
        provider=provider,
    )


@router.post("/people", response={201: PersonOut})
def person_create_endpoint(request: HttpRequest, body: PersonIn) -> Status[dict[str, Any]]:
    user = signed_in_user(request)
    documents = [DocumentInput(d.kind, d.number, d.issuing_country) for d in body.documents]
    data = PersonInput(
        legal_basis=body.legal_basis,
        given_names=body.given_names,
        family_names=body.family_names,
        date_of_birth=body.date_of_birth,
        nationality=body.nationality,
        phone=body.phone,
        address=body.address,
        documents=documents,
        household=[HouseholdInput(m.relation, m.name, m.birth_year) for m in body.household],
    )
    consents = [_consent_input(c) for c in body.consents]
    duplicates = duplicate_case_codes(user=user, phone=body.phone, documents=documents)
    person = person_create(
        user=user, hub=own_hub(hubs_where(user, CASE_ROLES)), data=data, consents=consents
    )
    return Status(201, person_out(person) | {"possible_duplicates": duplicates})


@router.get("/people", response=list[PersonListOut])
@paginate(LimitOffsetPagination)
def person_list(request: HttpRequest) -> QuerySet[Person]:
    """Case codes and masked documents of the people the account may see; no names."""
    visible = person_list_visible(user=signed_in_user(request))
    rows = visible.select_related("hub").prefetch_related("documents")
    return rows.order_by("-created_at", "-pk")


@router.get("/people/{person_id}", response=PersonOut)
def person_detail(request: HttpRequest, person_id: str) -> dict[str, Any]:
    """The whole record, decrypted; the read is audited."""
    return person_out(access_person(user=signed_in_user(request), public_id=person_id))


@router.post("/people/{person_id}/consents", response={201: ConsentOut})
def consent_create(request: HttpRequest, person_id: str, body: ConsentIn) -> Status[dict[str, Any]]:
    user = signed_in_user(request)
    person = access_person(user=user, public_id=person_id)
    consent = consent_give(user=user, person=person, data=_consent_input(body))
    return Status(201, consent_out(consent))
