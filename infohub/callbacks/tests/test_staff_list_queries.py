"""The callback queue and an advisor's own referrals read as many queries for many rows."""

from itertools import count

import pytest

from infohub.callbacks.tests.support import referred, requested, signed_in
from infohub.testing.personas import World
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db

# A different phone and address for each request: the portal takes only a few a day from one.
numbers = count()


def portal_request(world: World) -> str:
    n = next(numbers)
    return requested(world.hub_a, phone=f"+509 3799 {n:04d}", ip=f"198.51.100.{n}").reference


def test_the_hub_queue_reads_as_many_queries_for_many_rows(world: World) -> None:
    def add(rows: int) -> list[str]:
        return [portal_request(world) for _ in range(rows)]

    few, many = query_counts(signed_in(world.counsellor_a), "/staff/callbacks/", add)
    assert few == many


def test_an_advisors_referrals_read_as_many_queries_for_many_rows(world: World) -> None:
    def add(rows: int) -> list[str]:
        made = [
            referred(world.advisor_a, world.hub_a, phone=f"+506 8888 {next(numbers):04d}")
            for _ in range(rows)
        ]
        return [callback.reference for callback in made]

    few, many = query_counts(signed_in(world.advisor_a), "/staff/callbacks/", add)
    assert few == many
