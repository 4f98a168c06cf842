"""The consultations and people API: scoped to the token's account, mass assignment refused."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from infohub.accounts.models import User
from infohub.accounts.services import api_token_create
from infohub.accounts.tokens import ALL_SCOPES
from infohub.counselling.models import Consultation, Person
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

SENTINEL = "Sentinel Ωmega-Name"


def client_for(user: User) -> Client:
    # Every scope: these tests are about the roles' checks, not the token's scopes.
    _, raw = api_token_create(user=user, scopes=ALL_SCOPES)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def post(client: Client, path: str, body: Any) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def consultation_body(**more: Any) -> dict[str, Any]:
    return {
        "date": timezone.localdate().isoformat(),
        "channel": "in_person",
        "migrant_status": "transit",
        "outcome": "informed",
        **more,
    }


def test_a_counsellor_records_an_anonymous_consultation_in_their_own_hub(world: World) -> None:
    response = post(client_for(world.counsellor_a), "/api/v1/consultations", consultation_body())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["hub_id"] == str(world.hub_a.public_id)
    assert body["anonymous"] is True


def test_hub_owner_and_status_in_the_body_are_refused(world: World) -> None:
    forged_id = "00000000-0000-0000-0000-000000000001"
    forged = consultation_body(
        hub=str(world.hub_b.public_id),
        hub_id=str(world.hub_b.public_id),
        recorded_by=world.counsellor_b.pk,
        status="closed",
        id=forged_id,
    )
    response = post(client_for(world.counsellor_a), "/api/v1/consultations", forged)
    assert response.status_code == 422
    refused = {tuple(d["loc"][-1:]) for d in response.json()["error"]["details"]}
    assert refused == {("hub",), ("hub_id",), ("recorded_by",), ("status",), ("id",)}
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("channel", "fax"), ("date", "yesterday"), ("outcome", None), ("languages", "es")],
)
def test_malformed_consultations_are_a_422_naming_the_field(
    world: World, field: str, value: object
) -> None:
    response = post(
        client_for(world.counsellor_a), "/api/v1/consultations", consultation_body(**{field: value})
    )
    assert response.status_code == 422
    assert field in json.dumps(response.json()["error"]["details"])
    assert Consultation.objects.count() == 0


def test_lists_and_details_are_scoped_to_the_account(world: World) -> None:
    post(client_for(world.counsellor_a), "/api/v1/consultations", consultation_body())
    own = Consultation.objects.get()
    assert client_for(world.counsellor_b).get("/api/v1/consultations").json()["count"] == 0
    assert client_for(world.manager_a).get("/api/v1/consultations").json()["count"] == 1
    other = client_for(world.counsellor_b).get(f"/api/v1/consultations/{own.public_id}")
    assert other.status_code == 404
    for user in (world.editor, world.analyst_a, world.provider_staff_a, world.dpo):
        assert client_for(user).get(f"/api/v1/consultations/{own.public_id}").status_code == 404


def test_a_person_is_created_with_consent_and_read_back_only_in_scope(world: World) -> None:
    body = {
        "legal_basis": "consent",
        "given_names": SENTINEL,
        "phone": "+509 3711 2233",
        "documents": [{"kind": "passport", "number": "RD-0099887", "issuing_country": "HT"}],
        "consents": [
            {"purpose": "counselling_record", "notice_version": "2026-01", "notice_language": "ht"}
        ],
    }
    forged = post(client_for(world.counsellor_a), "/api/v1/people", body | {"hub": "b"})
    assert forged.status_code == 422
    response = post(client_for(world.counsellor_a), "/api/v1/people", body)
    assert response.status_code == 201, response.content
    created = response.json()
    person = Person.objects.get()
    assert person.hub == world.hub_a
    listed = client_for(world.counsellor_a).get("/api/v1/people").content.decode()
    assert created["case_code"] in listed
    assert SENTINEL not in listed
    assert "0099887" not in listed
    detail = client_for(world.manager_a).get(f"/api/v1/people/{person.public_id}")
    assert detail.json()["given_names"] == SENTINEL
    assert (
        client_for(world.counsellor_b).get(f"/api/v1/people/{person.public_id}").status_code == 404
    )


def test_a_second_record_with_the_same_document_reports_the_duplicate(world: World) -> None:
    first = make_person(world.counsellor_a, document="RD-0099887")
    body = {
        "legal_basis": "vital_interests",
        "given_names": "Other",
        "documents": [{"kind": "passport", "number": "rd 0099887", "issuing_country": "HT"}],
    }
    response = post(client_for(world.counsellor_a), "/api/v1/people", body)
    assert response.json()["possible_duplicates"] == [first.case_code]


def test_consents_are_recorded_through_the_person(world: World) -> None:
    person = make_person(world.counsellor_a)
    path = f"/api/v1/people/{person.public_id}/consents"
    body = {
        "purpose": "referral",
        "provider": str(world.provider_a.public_id),
        "notice_version": "2026-01",
        "notice_language": "es",
    }
    assert post(client_for(world.counsellor_a), path, body).status_code == 201
    assert post(client_for(world.counsellor_b), path, body).status_code == 404
    without_provider = {**body, "provider": None}
    assert post(client_for(world.counsellor_a), path, without_provider).status_code == 422


def test_every_endpoint_needs_a_token(world: World) -> None:
    for path in ("/api/v1/consultations", "/api/v1/people"):
        assert Client().get(path).status_code == 401
        assert post(Client(), path, {}).status_code == 401


def test_household_members_are_recorded_encrypted_and_read_back(world: World) -> None:
    body = {
        "legal_basis": "vital_interests",
        "given_names": "Ana",
        "household": [{"relation": "child", "name": SENTINEL, "birth_year": "2019"}],
    }
    response = post(client_for(world.counsellor_a), "/api/v1/people", body)
    assert response.status_code == 201, response.content
    assert response.json()["household"] == [
        {"relation": "child", "name": SENTINEL, "birth_year": "2019"}
    ]
    bad = {**body, "household": [{"relation": "child", "name": "x", "birth_year": "19"}]}
    assert post(client_for(world.counsellor_a), "/api/v1/people", bad).status_code == 422
