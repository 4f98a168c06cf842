"""Counsellors record on a consultation the pathways the finder showed, recomputed server-side."""

import pytest
from django.test import Client
from django.utils import timezone

from infohub.accounts.models import User
from infohub.audit.models import AuditEvent
from infohub.counselling.models import Consultation
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(world: World) -> Consultation:
    texts = question_texts("Inside?", "whether you are inside", yes="inside", no="outside")
    make_question("in_country", "bool", {"en": texts})
    make_pathway("cr-asylum", {"field": "in_country", "eq": True})
    make_pathway("cr-visa", {"field": "in_country", "eq": False})
    data = ConsultationInput(
        date=timezone.localdate(), channel="in_person", migrant_status="transit", outcome="informed"
    )
    return consultation_record(user=world.counsellor_a, hub=world.hub_a, data=data)


def _client(user: User) -> Client:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def test_the_results_page_offers_the_counsellor_their_consultations(
    world: World, consultation: Consultation
) -> None:
    page = _client(world.counsellor_a).post(
        "/en/pathways/find/", {"country": "CR", "a-in_country": "yes"}
    )
    assert f'value="{consultation.public_id}"' in page.content.decode()
    anonymous = Client().post("/en/pathways/find/", {"country": "CR", "a-in_country": "yes"})
    assert "consultation-pathways" not in anonymous.content.decode()
    assert "/staff/consultations/pathways/" not in anonymous.content.decode()


def test_the_pathways_shown_are_recorded_on_the_consultation(
    world: World, consultation: Consultation
) -> None:
    state = {"country": "CR", "a-in_country": "yes", "consultation": str(consultation.public_id)}
    response = _client(world.counsellor_a).post("/staff/consultations/pathways/", state)
    assert response.status_code == 302
    assert [p.slug for p in consultation.pathways.all()] == ["cr-asylum"]
    assert AuditEvent.objects.filter(action="consultation.pathways").count() == 1


def test_another_hubs_counsellor_cannot_record_on_it(
    world: World, consultation: Consultation
) -> None:
    state = {"country": "CR", "a-in_country": "yes", "consultation": str(consultation.public_id)}
    response = _client(world.counsellor_b).post("/staff/consultations/pathways/", state)
    assert response.status_code == 404
    assert consultation.pathways.count() == 0
