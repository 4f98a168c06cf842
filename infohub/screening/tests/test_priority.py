"""A screening's priority is the highest of its flags; a screening is of someone."""

import pytest
from django.db import IntegrityError, transaction

from infohub.screening.errors import ScreeningError
from infohub.screening.models import Criterion, Screening
from infohub.screening.services import screening_record
from infohub.screening.tests.support import (
    CHILD,
    DISABILITY,
    OLDER,
    PREGNANCY,
    criteria,
    make_consultation,
)
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def test_flags_give_the_highest_of_their_priorities(world: World) -> None:
    person = make_person(world.counsellor_a)
    screening = screening_record(
        user=world.counsellor_a, person=person, criteria=criteria(DISABILITY, CHILD, OLDER)
    )
    assert screening.priority == "high"
    medium = screening_record(
        user=world.counsellor_a, person=person, criteria=criteria(PREGNANCY, OLDER)
    )
    assert medium.priority == "medium"


def test_a_low_flag_alone_gives_a_low_priority(world: World) -> None:
    low = Criterion.objects.create(code="needs-interpreter", names={"en": "x"}, priority="low")
    person = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, person=person, criteria=[low])
    assert screening.priority == "low"
    both = screening_record(
        user=world.counsellor_a, person=person, criteria=[low, *criteria(PREGNANCY)]
    )
    assert both.priority == "medium"


def test_a_screening_with_no_flag_has_no_priority(world: World) -> None:
    consultation = make_consultation(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, consultation=consultation, criteria=[])
    assert screening.priority == "none"
    assert list(screening.criteria.all()) == []
    assert screening.person is None


def test_a_screening_needs_a_consultation_or_a_person(world: World) -> None:
    with pytest.raises(ScreeningError):
        screening_record(user=world.counsellor_a, criteria=criteria(CHILD))
    with pytest.raises(IntegrityError), transaction.atomic():
        Screening.objects.create(hub=world.hub_a, priority="none", recorded_by=world.counsellor_a)


def test_a_consultation_tied_to_a_person_screens_that_person(world: World) -> None:
    person = make_person(world.counsellor_a)
    consultation = make_consultation(world.counsellor_a, person=person)
    screening = screening_record(
        user=world.counsellor_a, consultation=consultation, criteria=criteria(CHILD)
    )
    assert screening.person == person
    assert screening.hub == world.hub_a


def test_a_consultation_of_someone_else_is_refused(world: World) -> None:
    person = make_person(world.counsellor_a)
    other = make_person(world.counsellor_a, given_names="Other", phone="+509 3700 0001")
    consultation = make_consultation(world.counsellor_a, person=other)
    with pytest.raises(ScreeningError):
        screening_record(
            user=world.counsellor_a, consultation=consultation, person=person, criteria=[]
        )
    assert Screening.objects.count() == 0


def test_an_inactive_criterion_cannot_be_flagged(world: World) -> None:
    (older,) = criteria(OLDER)
    older.active = False
    older.save()
    person = make_person(world.counsellor_a)
    with pytest.raises(ScreeningError):
        screening_record(user=world.counsellor_a, person=person, criteria=[older])
    assert Screening.objects.count() == 0
