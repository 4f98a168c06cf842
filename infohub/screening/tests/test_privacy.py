"""The "screenings" section exports a person's screenings and erases them."""

import datetime as dt

import pytest
import time_machine

from infohub.privacy.registry import SubjectDataSection, sections
from infohub.screening.models import RequiredAction, Screening
from infohub.screening.services import action_done, screening_record
from infohub.screening.tests.support import CHILD, OLDER, criteria, make_consultation
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _section() -> SubjectDataSection:
    (section,) = [s for s in sections() if s.name == "screenings"]
    return section


def test_the_screenings_section_is_registered() -> None:
    section = _section()
    assert callable(section.export)
    assert callable(section.erase)


def test_it_exports_the_persons_screenings_with_codes_priority_dates_and_actions(
    world: World,
) -> None:
    person = make_person(world.counsellor_a)
    other = make_person(world.counsellor_a, given_names="Other", phone="+509 3700 0001")
    with time_machine.travel(START, tick=False):
        screening = screening_record(
            user=world.counsellor_a, person=person, criteria=criteria(OLDER, CHILD)
        )
        action_done(user=world.counsellor_a, action=screening.actions.get())
        screening_record(user=world.counsellor_a, person=other, criteria=criteria(OLDER))
    (exported,) = _section().export(person)
    assert exported == {
        "id": str(screening.public_id),
        "hub": "Hub A",
        "at": START.isoformat(),
        "consultation": None,
        "consultation_date": None,
        "priority": "high",
        "criteria": sorted([OLDER, CHILD]),
        "actions": [
            {
                "criterion": CHILD,
                "due_at": (START + dt.timedelta(hours=24)).isoformat(),
                "done_at": START.isoformat(),
            }
        ],
    }


def test_it_includes_screenings_of_the_persons_consultations(world: World) -> None:
    person = make_person(world.counsellor_a)
    consultation = make_consultation(world.counsellor_a, person=person)
    screening = screening_record(
        user=world.counsellor_a, consultation=consultation, criteria=criteria(OLDER)
    )
    (exported,) = _section().export(person)
    assert exported["id"] == str(screening.public_id)
    assert exported["consultation"] == str(consultation.public_id)
    assert exported["consultation_date"] == consultation.date.isoformat()


def test_erasing_deletes_the_persons_screenings_and_actions_only(world: World) -> None:
    person = make_person(world.counsellor_a)
    other = make_person(world.counsellor_a, given_names="Other", phone="+509 3700 0001")
    screening_record(user=world.counsellor_a, person=person, criteria=criteria(CHILD))
    screening_record(
        user=world.counsellor_a,
        consultation=make_consultation(world.counsellor_a, person=person),
        criteria=criteria(OLDER),
    )
    kept_other = screening_record(user=world.counsellor_a, person=other, criteria=criteria(CHILD))
    anonymous = screening_record(
        user=world.counsellor_a,
        consultation=make_consultation(world.counsellor_a),
        criteria=criteria(CHILD),
    )
    removed = _section().erase(person)
    assert removed == 3  # two screenings and one action
    assert set(Screening.objects.all()) == {kept_other, anonymous}
    assert RequiredAction.objects.count() == 2
    assert _section().export(person) == []
