"""An API error is written in one language and says which (Content-Language)."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from infohub.accounts.services import api_token_create
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, body: Any, lang: str) -> Any:
    return client.post(
        path, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang
    )


@pytest.mark.parametrize("lang", ["es", "fr", "ht"])
def test_a_refused_answer_to_the_finder_is_told_in_english_like_every_validation_error(
    lang: str,
) -> None:
    body = {"lang": lang, "answers": {"age": 999}, "country": "XX"}
    response = post(Client(), "/api/v1/pathways/match", body, lang)
    english = post(Client(), "/api/v1/pathways/match", body, "en")
    assert response.status_code == 422
    assert response["Content-Language"] == "en"
    assert response.json() == english.json()
    assert response.json()["error"]["message"] == "The request is not valid."


@pytest.mark.parametrize("lang", ["es", "ht"])
def test_an_unknown_topic_in_a_consultation_is_told_in_the_same_language_as_the_rest(
    world: World, lang: str
) -> None:
    _, raw = api_token_create(user=world.counsellor_a)
    body = {
        "date": timezone.localdate().isoformat(),
        "channel": "in_person",
        "migrant_status": "transit",
        "outcome": "informed",
        "topics": ["no-such-topic"],
    }
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = post(client, "/api/v1/consultations", body, lang)
    assert response.status_code == 422
    assert response["Content-Language"] == "en"
    assert response.json()["error"]["details"] == [
        {"loc": ["body", "topics"], "msg": "Unknown, or not published."}
    ]


def test_other_errors_are_in_the_readers_language_and_say_so() -> None:
    response = Client().get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert response["Content-Language"] == "fr"
    assert response.json()["error"]["message"] != "Not found."
