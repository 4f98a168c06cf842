"""Fixtures shared by every test: the persona world and a few environment guards."""

import os
import re
import uuid
from collections.abc import Iterator

import pytest
from django.utils import translation

from infohub.testing.personas import World, build_world

UUID_TEXT = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", re.IGNORECASE)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Name a UUID parameter "uuid", not by its value.

    Tests parametrised with ``uuid4()`` would otherwise get a different id in each xdist
    worker, and xdist refuses to run when its workers collect different tests.
    """
    if isinstance(val, uuid.UUID) or (isinstance(val, str) and UUID_TEXT.fullmatch(val)):
        return "uuid"
    return None


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
