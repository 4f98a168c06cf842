"""The open actions list and the manager's dashboard read as many queries for many rows."""

import pytest

from infohub.screening.services import screening_record
from infohub.screening.tests.support import CHILD, MEDICAL, criteria, signed_in
from infohub.testing.casework import make_person
from infohub.testing.personas import World
from infohub.testing.queries import RowMaker, query_counts

pytestmark = pytest.mark.django_db


def screened_people(world: World, *codes: str) -> RowMaker:
    """Adds people of hub A screened with the given criteria; their case codes."""

    def add(count: int) -> list[str]:
        made = []
        for _ in range(count):
            person = make_person(world.counsellor_a)
            screening_record(user=world.counsellor_a, person=person, criteria=criteria(*codes))
            made.append(person.case_code)
        return made

    return add


def test_the_open_actions_list_reads_as_many_queries_for_many_rows(world: World) -> None:
    add = screened_people(world, CHILD, MEDICAL)
    few, many = query_counts(signed_in(world.counsellor_a), "/staff/screenings/actions/", add)
    assert few == many


def test_the_dashboard_reads_as_many_queries_for_many_rows(world: World) -> None:
    add = screened_people(world, MEDICAL)  # due within a day: on the dashboard at once
    few, many = query_counts(signed_in(world.manager_a), "/staff/dashboard/", add)
    assert few == many
