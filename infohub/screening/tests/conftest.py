"""Screening fixtures: a hub manager for hub B, so dashboards can be compared."""

import pytest

from infohub.accounts.models import User
from infohub.accounts.services import staff_create
from infohub.testing.personas import PASSWORD, World


@pytest.fixture
def manager_b(world: World) -> User:
    user, _ = staff_create(
        username="manager-b", role="hub_manager", hub=world.hub_b, password=PASSWORD
    )
    return user
