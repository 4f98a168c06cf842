"""GET /api/v1/referrals: only the referrals the token's account may see, no personal field."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.accounts.services import api_token_create
from infohub.accounts.tokens import ALL_SCOPES
from infohub.referrals.models import Referral
from infohub.referrals.services import referral_create, referral_transition
from infohub.testing.casework import Places, build_places, make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

GIVEN = "Givenname Sentinelapi"
PHONE = "+509 3711 8181"
DOCUMENT = "APIDOCSENTINEL55"


@dataclass
class Sent:
    a_to_a: Referral  # hub A → provider A (shares given names and phone)
    a_to_b: Referral  # hub A → provider B (no agreement)
    b_to_a: Referral  # hub B → provider A


@pytest.fixture
def sent(world: World) -> Sent:
    places: Places = build_places(world)

    def refer(user: User, provider: Any, place: Any) -> Referral:
        person = make_person(
            user, given_names=GIVEN, phone=PHONE, document=DOCUMENT, refer_to=provider
        )
        return referral_create(user=user, person=person, service_at_location=place)

    return Sent(
        a_to_a=refer(world.counsellor_a, world.provider_a, places.legal_a),
        a_to_b=refer(world.counsellor_a, world.provider_b, places.shelter_b),
        b_to_a=refer(world.counsellor_b, world.provider_a, places.legal_a),
    )


def api(user: User) -> Client:
    # Every scope: these tests are about the roles' checks, not the token's scopes.
    _, raw = api_token_create(user=user, scopes=ALL_SCOPES)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def listed(user: User, query: str = "") -> dict[str, Any]:
    response = api(user).get(f"/api/v1/referrals{query}")
    assert response.status_code == 200
    assert GIVEN not in response.content.decode()
    assert PHONE not in response.content.decode()
    assert DOCUMENT not in response.content.decode()
    return dict(response.json())


def ids(body: dict[str, Any]) -> set[str]:
    return {item["id"] for item in body["items"]}


def test_the_provider_lists_only_referrals_to_its_organisation_without_personal_fields(
    world: World, sent: Sent
) -> None:
    body = listed(world.provider_staff_a)
    assert body["count"] == 2
    assert ids(body) == {str(sent.a_to_a.public_id), str(sent.b_to_a.public_id)}
    for item in body["items"]:
        assert item["side"] == "provider"
        assert item["case_code"] is None
        assert "shared" not in item
        assert item["provider_id"] == str(world.provider_a.public_id)
        assert [e["to_status"] for e in item["events"]] == ["sent"]


def test_the_hub_lists_what_it_sent_with_case_codes_and_nothing_else(
    world: World, sent: Sent
) -> None:
    body = listed(world.counsellor_a)
    assert ids(body) == {str(sent.a_to_a.public_id), str(sent.a_to_b.public_id)}
    codes = {item["case_code"] for item in body["items"]}
    assert sent.a_to_a.person is not None
    assert sent.a_to_b.person is not None
    assert codes == {sent.a_to_a.person.case_code, sent.a_to_b.person.case_code}
    assert {item["side"] for item in body["items"]} == {"hub"}
    assert ids(listed(world.counsellor_b)) == {str(sent.b_to_a.public_id)}
    assert ids(listed(world.provider_staff_b)) == {str(sent.a_to_b.public_id)}


def test_roles_without_referrals_list_nothing(world: World, sent: Sent) -> None:
    for user in (world.editor, world.analyst_a, world.dpo, world.advisor_a):
        assert listed(user) == {"items": [], "count": 0}


def test_the_list_filters_by_status_and_pages(world: World, sent: Sent) -> None:
    referral_transition(user=world.provider_staff_a, referral=sent.b_to_a, to="accepted")
    accepted = listed(world.provider_staff_a, "?status=accepted")
    assert ids(accepted) == {str(sent.b_to_a.public_id)}
    assert accepted["items"][0]["status"] == "accepted"
    first = listed(world.provider_staff_a, "?limit=1")
    second = listed(world.provider_staff_a, "?limit=1&offset=1")
    assert first["count"] == second["count"] == 2
    assert ids(first) | ids(second) == {str(sent.a_to_a.public_id), str(sent.b_to_a.public_id)}
    assert api(world.provider_staff_a).get("/api/v1/referrals?status=lost").status_code == 422


def test_the_detail_still_shares_what_the_agreement_allows(world: World, sent: Sent) -> None:
    response = api(world.provider_staff_a).get(f"/api/v1/referrals/{sent.a_to_a.public_id}")
    assert response.status_code == 200
    assert response.json()["shared"] == {"given_names": GIVEN, "phone": PHONE}


def test_a_step_the_lifecycle_does_not_allow_is_a_409_in_the_one_error_shape(
    world: World, sent: Sent
) -> None:
    path = f"/api/v1/referrals/{sent.a_to_a.public_id}/transition"
    response = api(world.counsellor_a).post(
        path, {"to": "accepted"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "referral_transition_refused"
    assert error["message"].startswith("A referral cannot go from")
    assert error["details"] is None
