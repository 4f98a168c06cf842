"""The key canary and the system check that reports data keys the deployment lost."""

from typing import Any

import pytest
from django.core.checks import Error, Warning, run_checks
from django.core.management import call_command

from infohub.protection.checks import check_key_canaries
from infohub.protection.models import CANARY_TEXT, KeyCanary
from infohub.protection.services import canary_ensure
from infohub.protection.tests.conftest import K1, K2, raw_column

pytestmark = pytest.mark.django_db


def check() -> list[Any]:
    return check_key_canaries(databases=["default"])


@pytest.fixture(autouse=True)
def _no_canaries() -> None:
    # The test database's migrate wrote one for the development key.
    KeyCanary.objects.all().delete()


def test_the_active_key_gets_one_canary(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    assert canary_ensure() is True
    assert canary_ensure() is False
    canary = KeyCanary.objects.get()
    assert (canary.key_id, canary.value) == ("k1", CANARY_TEXT)
    assert raw_column("protection_keycanary", "value")[0].startswith("ihx1:k1:")
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    canary_ensure()
    assert sorted(KeyCanary.objects.values_list("key_id", flat=True)) == ["k1", "k2"]


def test_migrate_writes_the_canary_of_the_active_key(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    call_command("migrate", "protection", verbosity=0)
    assert list(KeyCanary.objects.values_list("key_id", flat=True)) == ["k1"]


def test_a_readable_ring_passes_the_check(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary_ensure()
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    canary_ensure()
    assert check() == []


def test_a_lost_key_is_reported(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary_ensure()
    settings.INFOHUB_DATA_KEYS = f"k2:{K2}"
    canary_ensure()

    (message,) = check()

    assert isinstance(message, Error)
    assert message.id == "protection.E001"
    assert message.msg.startswith("Personal data written with data key 'k1' cannot be read:")
    assert "not in INFOHUB_DATA_KEYS" in message.msg
    assert K1 not in message.msg + (message.hint or "")


def test_another_key_under_the_same_id_is_reported(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary_ensure()
    settings.INFOHUB_DATA_KEYS = f"k1:{K2}"

    (message,) = check()

    assert message.id == "protection.E001"
    assert "data key 'k1' cannot be read" in message.msg
    assert "different key under that id" in message.msg


def test_an_active_key_without_a_canary_is_a_warning(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    (message,) = check()
    assert isinstance(message, Warning)
    assert message.id == "protection.W001"


def test_django_runs_the_check_when_a_database_is_named(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary_ensure()
    settings.INFOHUB_DATA_KEYS = f"k2:{K2}"
    ids = {message.id for message in run_checks(databases=["default"])}
    assert "protection.E001" in ids
    assert "protection.E001" not in {message.id for message in run_checks()}


def test_without_its_table_the_check_stays_silent(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    assert check_key_canaries(databases=None) == []
