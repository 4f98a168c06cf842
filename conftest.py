"""Fixtures shared by every test: the persona world and a few environment guards."""

import os
import re
import uuid
from collections.abc import Iterator

import pytest
from django.utils import translation

from infohub.testing.personas import World, build_world

# A UUID, or 40 or more characters of the base64 alphabets in a row: a generated key.
RANDOM_TEXT = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|[\w+-]{40,}", re.IGNORECASE)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Name random parameters (``uuid4()``, generated keys) by what they are, not their value.

    Their values differ in each xdist worker, and xdist refuses to run when its workers
    collect tests under different names.
    """
    if isinstance(val, uuid.UUID):
        return "uuid"
    if isinstance(val, str) and RANDOM_TEXT.search(val):
        return RANDOM_TEXT.sub("random", val)
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
