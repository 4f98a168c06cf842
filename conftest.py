"""Fixtures shared by every test: the persona world and a few environment guards."""

import os
from collections.abc import Iterator

import pytest
from django.utils import translation

from infohub.testing.personas import World, build_world


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    """Messages raised by services read in English; requests still pick their own language."""
    with translation.override("en"):
        yield


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"
