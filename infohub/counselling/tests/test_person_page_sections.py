"""The person page shows the person's consultations, screenings and referrals, and no one else's."""

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.counselling.models import Person
from infohub.referrals.services import referral_create
from infohub.screening.services import screening_record
from infohub.screening.tests.support import CHILD, DISABILITY, criteria, make_consultation
from infohub.testing.casework import Places, build_places, make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def casework(world: World, places: Places, person: Person) -> list[str]:
    """A consultation, a screening and a referral of the person; the two links to them."""
    consultation = make_consultation(world.counsellor_a, person)
    screening = screening_record(
        user=world.counsellor_a, person=person, criteria=criteria(CHILD, DISABILITY)
    )
    referral = referral_create(
        user=world.counsellor_a,
        person=person,
        service_at_location=places.legal_a,
        consultation=consultation,
    )
    return [f"/staff/screenings/{screening.public_id}/", f"/staff/referrals/{referral.public_id}/"]


def test_it_shows_the_persons_screenings_and_referrals_with_links(world: World) -> None:
    places = build_places(world)
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    links = casework(world, places, person)
    page = signed_in(world.counsellor_a).get(f"/staff/people/{person.public_id}/")
    html = page.content.decode()
    assert all(f'href="{link}"' in html for link in links)
    assert "<h2>Screenings</h2>" in html
    assert "<h2>Referrals</h2>" in html
    assert "Legal A" in html
    assert "Sent" in html
    assert "No consultations recorded for this person." not in html


def test_it_shows_no_other_persons_casework(world: World) -> None:
    places = build_places(world)
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    other = make_person(world.counsellor_a, refer_to=world.provider_a, phone="+509 3700 0099")
    links_of_other = casework(world, places, other)
    html = signed_in(world.counsellor_a).get(f"/staff/people/{person.public_id}/").content.decode()
    assert not any(link in html for link in links_of_other)
    assert "No screenings recorded for this person." in html
    assert "No referrals for this person." in html


def test_it_reads_as_many_queries_for_a_long_history_as_for_a_short_one(world: World) -> None:
    places = build_places(world)
    person = make_person(world.counsellor_a, refer_to=world.provider_a)

    def add(count: int) -> list[str]:
        return [link for _ in range(count) for link in casework(world, places, person)]

    client = signed_in(world.counsellor_a)
    few, many = query_counts(client, f"/staff/people/{person.public_id}/", add)
    assert few == many
