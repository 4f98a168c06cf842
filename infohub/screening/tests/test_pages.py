"""The screening pages: the checklist in the reader's language, recording, names never shown."""

import datetime as dt

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory

from infohub.accounts.models import User
from infohub.screening.models import Criterion, Screening
from infohub.screening.services import screening_record
from infohub.screening.tests.support import (
    CHILD,
    DISABILITY,
    OLDER,
    criteria,
    make_consultation,
    signed_in,
)
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

SENTINEL = "Zyxwvutsrq Sentinelle"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_the_checklist_is_shown_in_the_readers_language(world: World) -> None:
    person = make_person(world.counsellor_a)
    page = signed_in(world.counsellor_a, lang="ht").get(
        f"/staff/screenings/new/?person={person.public_id}"
    )
    html = page.content.decode()
    assert "Timoun ki pa akonpaye" in html
    assert "Unaccompanied" not in html
    assert person.case_code in html


def test_a_missing_translation_falls_back_along_the_chain(world: World) -> None:
    Criterion.objects.create(
        code="only-es-and-en", names={"es": "Solo en español", "en": "English only"}, priority="low"
    )
    person = make_person(world.counsellor_a)
    page = signed_in(world.counsellor_a, lang="ht").get(
        f"/staff/screenings/new/?person={person.public_id}"
    )
    # ht falls back to fr, then es, then en.
    assert "Solo en español" in page.content.decode()


def test_inactive_criteria_are_not_offered(world: World) -> None:
    (older,) = criteria(OLDER)
    older.active = False
    older.save()
    person = make_person(world.counsellor_a)
    page = signed_in(world.counsellor_a).get(f"/staff/screenings/new/?person={person.public_id}")
    html = page.content.decode()
    assert "Older person" not in html
    assert "Disability" in html


def test_posting_the_form_records_the_screening_and_shows_it(world: World) -> None:
    person = make_person(world.counsellor_a, given_names=SENTINEL)
    client = signed_in(world.counsellor_a)
    child, disability = criteria(CHILD, DISABILITY)
    url = f"/staff/screenings/new/?person={person.public_id}"
    response = client.post(url, {"criteria": [child.pk, disability.pk]})
    screening = Screening.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/screenings/{screening.public_id}/"
    assert screening.person == person
    assert set(screening.criteria.all()) == {child, disability}
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "High" in html
    assert "Refer to child protection" in html
    assert "Mark done" in html
    assert person.case_code in html
    assert SENTINEL not in html


def test_an_unknown_criterion_is_refused_by_the_form(world: World) -> None:
    person = make_person(world.counsellor_a)
    client = signed_in(world.counsellor_a)
    response = client.post(
        f"/staff/screenings/new/?person={person.public_id}", {"criteria": ["999999"]}
    )
    assert response.status_code == 200
    assert Screening.objects.count() == 0


def test_an_anonymous_consultation_is_shown_by_its_date(world: World) -> None:
    consultation = make_consultation(world.counsellor_a)
    with time_machine.travel(START, tick=False):
        screening_record(
            user=world.counsellor_a, consultation=consultation, criteria=criteria(CHILD)
        )
    with time_machine.travel(START + dt.timedelta(hours=30), tick=False):
        page = signed_in(world.manager_a).get("/staff/dashboard/")
    html = page.content.decode()
    assert "Consultation of" in html
    assert "Overdue by" in html


def test_the_dashboard_shows_case_codes_never_names(world: World) -> None:
    person = make_person(world.counsellor_a, given_names=SENTINEL)
    with time_machine.travel(START, tick=False):
        screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    with time_machine.travel(START + dt.timedelta(hours=30), tick=False):
        page = signed_in(world.manager_a).get("/staff/dashboard/")
    html = page.content.decode()
    assert person.case_code in html
    assert SENTINEL not in html
    assert 'class="alert alert-danger"' in html


def _links(user: User) -> str:
    request = RequestFactory().get("/staff/")
    request.user = user
    template = Template("{% load screening_tags %}{% screening_links %}")
    return template.render(Context({"request": request}))


def test_the_staff_home_links_follow_the_role(world: World) -> None:
    person = make_person(world.counsellor_a)
    with time_machine.travel(START, tick=False):
        screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    with time_machine.travel(START + dt.timedelta(hours=25), tick=False):
        manager = _links(world.manager_a)
        counsellor = _links(world.counsellor_a)
        others = [_links(u) for u in (world.dpo, world.analyst_a, world.editor, world.advisor_a)]
    assert "/staff/dashboard/" in manager
    assert "1 overdue action" in manager
    assert "/staff/screenings/actions/" in counsellor
    assert "/staff/dashboard/" not in counsellor
    assert all(html.strip() == "" for html in others)
