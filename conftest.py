"""Fixtures shared by every test: the persona world and a few environment guards."""

import os

import pytest

from infohub.testing.personas import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"
