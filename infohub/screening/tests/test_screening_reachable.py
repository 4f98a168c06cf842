"""Screening is reached from the person page and the consultations, and leads to the referral."""

import pytest

from infohub.screening.services import screening_record
from infohub.screening.tests.support import (
    CHILD,
    DISABILITY,
    criteria,
    make_consultation,
    signed_in,
)
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_the_person_page_links_to_screening_the_person(world: World) -> None:
    person = make_person(world.counsellor_a)
    html = signed_in(world.counsellor_a).get(f"/staff/people/{person.public_id}/").content
    assert f'href="/staff/screenings/new/?person={person.public_id}"'.encode() in html


def test_the_consultations_link_to_screening_each_consultation(world: World) -> None:
    consultation = make_consultation(world.counsellor_a)
    html = signed_in(world.counsellor_a).get("/staff/consultations/").content
    assert f'href="/staff/screenings/new/?consultation={consultation.public_id}"'.encode() in html


def test_the_result_links_to_the_person_and_offers_the_referral_its_action_asks_for(
    world: World,
) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(
        user=world.counsellor_a, criteria=criteria(CHILD, DISABILITY), person=person
    )
    html = signed_in(world.counsellor_a).get(f"/staff/screenings/{screening.public_id}/")
    page = html.content.decode()
    assert f'href="/staff/people/{person.public_id}/"' in page
    referral = f"/staff/referrals/new/{person.public_id}/?category=child-protection"
    assert f'href="{referral}"' in page
    assert page.count("/staff/referrals/new/") == 1  # a disability asks for no referral


def test_an_anonymous_consultations_result_says_a_person_record_is_needed_to_refer(
    world: World,
) -> None:
    consultation = make_consultation(world.counsellor_a)
    screening = screening_record(
        user=world.counsellor_a, criteria=criteria(CHILD), consultation=consultation
    )
    page = signed_in(world.counsellor_a).get(f"/staff/screenings/{screening.public_id}/")
    html = page.content.decode()
    assert "/staff/referrals/new/" not in html
    assert "create a person record with the person's consent first" in html
