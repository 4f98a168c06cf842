"""Flags belong to the hub's case workers: everyone else gets 404 on every page."""

import uuid
from dataclasses import dataclass

import pytest
from django.http import Http404
from django.test import Client

from infohub.audit.models import AuditEvent
from infohub.counselling.models import Consultation, Person
from infohub.screening.access import access_screening, access_screening_consultation
from infohub.screening.errors import ScreeningError
from infohub.screening.models import RequiredAction, Screening
from infohub.screening.services import screening_record
from infohub.screening.tests.support import CHILD, criteria, make_consultation, signed_in
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    person: Person
    consultation: Consultation
    screening: Screening
    action: RequiredAction


@pytest.fixture
def case(world: World) -> Case:
    """A person, an anonymous consultation and a screening with an open action, in hub A."""
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    return Case(
        person=person,
        consultation=make_consultation(world.counsellor_a),
        screening=screening,
        action=screening.actions.get(),
    )


def _pages(case: Case) -> dict[str, str]:
    return {
        "new_for_person": f"/staff/screenings/new/?person={case.person.public_id}",
        "new_for_consultation": (
            f"/staff/screenings/new/?consultation={case.consultation.public_id}"
        ),
        "detail": f"/staff/screenings/{case.screening.public_id}/",
        "open_actions": "/staff/screenings/actions/",
        "dashboard": "/staff/dashboard/",
    }


ALL = {"new_for_person", "new_for_consultation", "detail", "open_actions", "dashboard"}
CASE_PAGES = ALL - {"dashboard"}

# persona -> the pages (of hub A's case) it may open; every other page answers 404.
EXPECTED: dict[str, set[str]] = {
    "manager_a": ALL,
    "counsellor_a": CASE_PAGES,
    "counsellor_b": {"open_actions"},  # their own hub's list, which holds nothing of hub A
    "advisor_a": set(),
    "provider_staff_a": set(),
    "provider_staff_b": set(),
    "editor": set(),
    "analyst_a": set(),
    "dpo": set(),
    "admin": set(),
}


@pytest.mark.parametrize(("persona", "allowed"), EXPECTED.items())
def test_pages_follow_the_persona_scope(
    world: World, case: Case, persona: str, allowed: set[str]
) -> None:
    client = signed_in(getattr(world, persona))
    for page, url in _pages(case).items():
        response = client.get(url)
        assert response.status_code == (200 if page in allowed else 404), (persona, page)
        if page == "open_actions" and response.status_code == 200:
            shown = case.person.case_code in response.content.decode()
            assert shown == (persona != "counsellor_b"), persona
    done = client.post(f"/staff/screenings/actions/{case.action.public_id}/done/")
    assert done.status_code == (302 if "detail" in allowed else 404), persona
    case.action.refresh_from_db()
    assert (case.action.done_at is not None) == ("detail" in allowed), persona


@pytest.mark.parametrize("persona", ["counsellor_b", "advisor_a", "dpo", "analyst_a"])
def test_outsiders_cannot_record_a_screening_through_the_page(
    world: World, case: Case, persona: str
) -> None:
    client = signed_in(getattr(world, persona))
    (child,) = criteria(CHILD)
    for subject in (
        f"person={case.person.public_id}",
        f"consultation={case.consultation.public_id}",
    ):
        response = client.post(f"/staff/screenings/new/?{subject}", {"criteria": [child.pk]})
        assert response.status_code == 404
    assert Screening.objects.count() == 1


def test_another_hubs_counsellor_is_refused_by_the_service_too(world: World, case: Case) -> None:
    with pytest.raises(ScreeningError):
        screening_record(user=world.counsellor_b, person=case.person, criteria=[])
    with pytest.raises(ScreeningError):
        screening_record(user=world.counsellor_b, consultation=case.consultation, criteria=[])
    with pytest.raises(Http404):
        access_screening(user=world.counsellor_b, public_id=case.screening.public_id)
    assert Screening.objects.count() == 1


def test_a_community_advisor_cannot_screen_the_consultation_they_recorded(world: World) -> None:
    mine = make_consultation(world.advisor_a)
    with pytest.raises(Http404):
        access_screening_consultation(user=world.advisor_a, public_id=mine.public_id)
    with pytest.raises(ScreeningError):
        screening_record(user=world.advisor_a, consultation=mine, criteria=criteria(CHILD))
    # The hub's counsellors may.
    assert access_screening_consultation(user=world.counsellor_a, public_id=mine.public_id)


@pytest.mark.parametrize("bad_id", ["not-a-uuid", str(uuid.uuid4())])
def test_unknown_and_malformed_ids_look_the_same(world: World, case: Case, bad_id: str) -> None:
    client = signed_in(world.counsellor_a)
    assert client.get(f"/staff/screenings/{bad_id}/").status_code == 404
    assert client.get(f"/staff/screenings/new/?person={bad_id}").status_code == 404
    assert client.get(f"/staff/screenings/new/?consultation={bad_id}").status_code == 404
    assert client.post(f"/staff/screenings/actions/{bad_id}/done/").status_code == 404
    assert client.get("/staff/screenings/new/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world: World, case: Case) -> None:
    for url in _pages(case).values():
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_opening_a_persons_screening_is_audited_as_a_read_of_their_record(
    world: World, case: Case
) -> None:
    access_screening(user=world.manager_a, public_id=case.screening.public_id)
    reads = AuditEvent.objects.filter(action="person.read", object_id=case.person.public_id)
    assert list(reads.values_list("actor_id", flat=True)) == [world.manager_a.pk]
