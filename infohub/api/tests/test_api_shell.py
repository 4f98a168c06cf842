"""The API shell: OpenAPI, docs, token scoping, UUIDs as public ids, pagination."""

import uuid

import pytest
from django.test import Client

from infohub.accounts.services import api_token_create
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    _, raw = api_token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_the_openapi_document_and_the_docs_page_are_served() -> None:
    spec = Client().get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "infohub API"
    assert "/api/v1/hubs" in spec["paths"]
    assert Client().get("/api/v1/docs").status_code == 200


def test_me_describes_the_token_owner_with_uuids(world: World) -> None:
    body = client_for(world.counsellor_a).get("/api/v1/me").json()
    assert body["id"] == str(world.counsellor_a.public_id)
    assert body["roles"] == [
        {"role": "counsellor", "hub_id": str(world.hub_a.public_id), "organisation_id": None}
    ]


@pytest.mark.parametrize(
    ("persona", "visible"),
    [("counsellor_a", {"hub-a"}), ("counsellor_b", {"hub-b"}), ("provider_staff_a", set())],
)
def test_tokens_see_only_what_their_owner_may_see(
    world: World, persona: str, visible: set[str]
) -> None:
    body = client_for(getattr(world, persona)).get("/api/v1/hubs").json()
    assert {hub["slug"] for hub in body["items"]} == visible
    assert body["count"] == len(visible)
    for hub in body["items"]:
        uuid.UUID(hub["id"])
