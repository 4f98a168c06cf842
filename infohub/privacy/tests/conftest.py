"""Fixtures of the privacy tests: frozen time, places to refer to, a full case, staff."""

from collections.abc import Callable

import pytest
from time_machine import TimeMachineFixture

from infohub.accounts.models import User
from infohub.privacy.tests.support import START, Case, Staff, full_case
from infohub.testing.casework import Places, build_places
from infohub.testing.personas import World

StaffFactory = Callable[[User], Staff]


@pytest.fixture
def clock(time_machine: TimeMachineFixture) -> TimeMachineFixture:
    time_machine.move_to(START, tick=False)
    return time_machine


@pytest.fixture
def places(world: World) -> Places:
    return build_places(world)


@pytest.fixture
def case(world: World, places: Places, clock: TimeMachineFixture) -> Case:
    return full_case(world, places)


@pytest.fixture
def staff(clock: TimeMachineFixture) -> StaffFactory:
    def signed_in(user: User) -> Staff:
        return Staff(user, clock.shift)

    return signed_in
