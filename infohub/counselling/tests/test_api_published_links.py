"""POST /api/v1/consultations links only published articles and pathways, and known topics."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from infohub.accounts.services import api_token_create
from infohub.articles.models import Topic
from infohub.counselling.models import Consultation
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts
from infohub.testing.content import draft, publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def pathway(slug: str, *, status: str) -> None:
    texts = question_texts("Inside?", "whether you are inside", yes="inside", no="outside")
    make_question("in_country", "bool", {"en": texts})
    make_pathway(slug, {"field": "in_country", "eq": True}, status=status)


def record(world: World, **links: Any) -> Any:
    _, raw = api_token_create(user=world.counsellor_a)
    body = {
        "date": timezone.localdate().isoformat(),
        "channel": "in_person",
        "migrant_status": "transit",
        "outcome": "informed",
        **links,
    }
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client.post("/api/v1/consultations", json.dumps(body), content_type="application/json")


def assert_refused_naming(response: Any, field: str) -> None:
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == "validation_error"
    assert [detail["loc"] for detail in error["details"]] == [["body", field]]
    assert not Consultation.objects.exists()


def test_published_articles_and_pathways_and_known_topics_are_linked(world: World) -> None:
    article = publish(world, "work", {"es": ("Trabajo", "S", "Cuerpo")}, topics=["work"])
    pathway("cr-visa", status="published")
    response = record(
        world, topics=["work"], articles=[str(article.public_id)], pathways=["cr-visa"]
    )
    assert response.status_code == 201, response.content
    assert (response.json()["topics"], response.json()["pathways"]) == (["work"], ["cr-visa"])


def test_a_draft_article_is_refused_naming_the_field(world: World) -> None:
    article = draft(world, "work", {"es": ("Trabajo", "S", "Cuerpo")})
    assert_refused_naming(record(world, articles=[str(article.public_id)]), "articles")


def test_a_draft_pathway_is_refused_naming_the_field(world: World) -> None:
    pathway("cr-visa", status="draft")
    assert_refused_naming(record(world, pathways=["cr-visa"]), "pathways")


def test_an_unknown_topic_is_refused_naming_the_field(world: World) -> None:
    Topic.objects.create(slug="work")
    assert_refused_naming(record(world, topics=["work", "no-such-topic"]), "topics")
