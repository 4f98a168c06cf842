"""The staff home is a work desk composed of the panels apps register, each one scoped.

A counsellor of hub A sees hub A's day (consultations today, referrals waiting,
callbacks waiting, overdue screening actions, recent people) and nothing of hub B's;
a provider sees the referrals waiting for their answer and a link to their listings;
the desk reads as many queries for many rows as for a few.
"""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from infohub.accounts import desk
from infohub.accounts.models import User
from infohub.callbacks.tests.support import requested
from infohub.counselling.models import Person
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.referrals.services import referral_create
from infohub.screening.services import screening_record
from infohub.screening.tests.support import CHILD, criteria
from infohub.testing.casework import Places, build_places, make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LATER = START + dt.timedelta(hours=30)  # the child-protection action (24 h) is overdue
# Panels about the user's own account, shown whatever their role.
ACCOUNT_PANELS = ("desk-api-tokens", "desk-second-factor")


def desk_of(user: User) -> str:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    response = client.get("/staff/")
    assert response.status_code == 200
    return response.content.decode()


def consulted(user: User, person: Person | None, *, days_ago: int = 0) -> None:
    hub = user.memberships.get().hub
    assert hub is not None
    data = ConsultationInput(
        date=timezone.localdate() - dt.timedelta(days=days_ago),
        channel="phone",
        migrant_status="current",
        outcome="informed",
    )
    consultation_record(user=user, hub=hub, data=data, person=person)


def a_day_in_two_hubs(world: World, places: Places) -> dict[str, list[str]]:
    """Work in hub A and more of it in hub B; the case codes of each hub's people."""
    codes: dict[str, list[str]] = {"a": [], "b": []}
    with time_machine.travel(START, tick=False):
        child_a = make_person(world.counsellor_a)
        child_b = make_person(world.counsellor_b)
        screening_record(user=world.counsellor_a, person=child_a, criteria=criteria(CHILD))
        screening_record(user=world.counsellor_b, person=child_b, criteria=criteria(CHILD))
        codes["a"].append(child_a.case_code)
        codes["b"].append(child_b.case_code)
    with time_machine.travel(LATER, tick=False):
        for number in range(2):
            person = make_person(world.counsellor_a, refer_to=world.provider_a)
            consulted(world.counsellor_a, person)
            codes["a"].append(person.case_code)
            requested(world.hub_a, phone=f"+509 3700 10{number}0", ip=f"10.1.0.{number}")
        referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)
        consulted(world.counsellor_a, None, days_ago=1)
        for number in range(3):
            person = make_person(world.counsellor_b, refer_to=world.provider_b)
            consulted(world.counsellor_b, person)
            codes["b"].append(person.case_code)
            requested(world.hub_b, phone=f"+509 3700 20{number}0", ip=f"10.2.0.{number}")
            referral_create(
                user=world.counsellor_b, person=person, service_at_location=places.shelter_b
            )
    return codes


def test_it_shows_a_counsellor_their_hubs_day_and_nothing_of_another_hub(world: World) -> None:
    codes = a_day_in_two_hubs(world, build_places(world))
    with time_machine.travel(LATER, tick=False):
        html = desk_of(world.counsellor_a)
    assert 'href="/staff/consultations/new/"' in html  # one click to record a consultation
    assert "<strong>2</strong> consultations today" in html
    assert "<strong>1</strong> referral waiting for the provider" in html
    assert 'href="/staff/referrals/?box=sent&amp;status=sent"' in html
    assert "Callback queue: 2 waiting" in html
    assert "<strong>1</strong> screening action overdue" in html
    assert 'href="/staff/screenings/actions/"' in html
    assert all(code in html for code in codes["a"])
    assert not any(code in html for code in codes["b"])


def test_it_shows_the_other_hub_its_own_counts(world: World) -> None:
    codes = a_day_in_two_hubs(world, build_places(world))
    with time_machine.travel(LATER, tick=False):
        html = desk_of(world.counsellor_b)
    assert "<strong>3</strong> consultations today" in html
    assert "<strong>3</strong> referrals waiting for the provider" in html
    assert "Callback queue: 3 waiting" in html
    assert "<strong>1</strong> screening action overdue" in html
    assert not any(code in html for code in codes["a"])


def test_it_shows_a_provider_the_referrals_to_answer_and_their_listings(world: World) -> None:
    a_day_in_two_hubs(world, build_places(world))
    with time_machine.travel(LATER, tick=False):
        provider_a = desk_of(world.provider_staff_a)
        provider_b = desk_of(world.provider_staff_b)
    assert "<strong>1</strong> referral waiting for your answer" in provider_a
    assert 'href="/staff/referrals/?box=inbox&amp;status=sent"' in provider_a
    assert 'href="/staff/listings/"' in provider_a
    assert "<strong>1</strong> listing to keep current" in provider_a
    assert "consultations today" not in provider_a
    assert "<strong>3</strong> referrals waiting for your answer" in provider_b


@pytest.mark.parametrize("persona", ["editor", "analyst_a"])
def test_it_offers_no_casework_to_roles_without_it(world: World, persona: str) -> None:
    html = desk_of(getattr(world, persona))
    # Their only panels are those of their own account (API tokens, sign-in), which
    # every role has.
    assert 'aria-labelledby="desk-api-tokens"' in html
    own = sum(f'aria-labelledby="{panel}"' in html for panel in ACCOUNT_PANELS)
    assert html.count('class="desk"') == own


def test_it_reads_as_many_queries_for_a_busy_day_as_for_a_quiet_one(world: World) -> None:
    places = build_places(world)

    def add(count: int) -> list[str]:
        for number in range(count):
            person = make_person(world.counsellor_a, refer_to=world.provider_a)
            consulted(world.counsellor_a, person)
            referral_create(
                user=world.counsellor_a, person=person, service_at_location=places.legal_a
            )
            requested(
                world.hub_a, phone=f"+509 3701 {count}{number:03d}", ip=f"10.3.{count}.{number}"
            )
            screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
        return []

    enrol_authenticator(world.counsellor_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.counsellor_a)
    few, many = query_counts(client, "/staff/", add)
    assert few == many


@pytest.fixture
def extra_panel() -> Iterator[None]:
    desk.register(
        desk.DeskPanel(
            name="zz-test",
            order=999,
            template="privacy/_desk.html",
            context=lambda user: {"show_privacy": True} if user.username == "editor-a" else None,
        )
    )
    yield
    desk.unregister("zz-test")


def test_a_panel_appears_by_registration_alone(world: World, extra_panel: None) -> None:
    assert 'href="/staff/privacy/"' in desk_of(world.editor)
    assert 'href="/staff/privacy/"' not in desk_of(world.analyst_a)
