"""Names and phones are stored encrypted; the phone is found again only by its keyed hash."""

import pytest
from django.db import connection

from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.tests.support import NAME, portal_post, requested
from infohub.protection.errors import EncryptedFieldMisuseError
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def _raw_rows() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM callbacks_callbackrequest")
        return repr(cursor.fetchall())


def test_names_and_phones_are_stored_encrypted_and_read_back(world: World) -> None:
    portal_post(world.hub_a, phone="+509 3799 4321")

    raw = _raw_rows()
    assert NAME not in raw
    assert "Sentinelle" not in raw
    assert "3799" not in raw
    assert "4321" not in raw
    callback = CallbackRequest.objects.get()
    assert (callback.name_or_alias, callback.phone) == (NAME, "+509 3799 4321")


def test_the_phone_hash_is_the_same_however_the_number_is_written(world: World) -> None:
    first = requested(world.hub_a, phone="+509 3799-4321")
    second = requested(world.hub_b, phone="(+509) 3799.4321")
    other = requested(world.hub_b, phone="+509 3799 4322")

    assert len(first.phone_hash) == 64
    assert first.phone_hash == second.phone_hash != other.phone_hash
    assert "3799" not in first.phone_hash


def test_the_encrypted_columns_refuse_queries(world: World) -> None:
    requested(world.hub_a)

    # Passed as dicts: the type checker's Django plugin would hit the same refusal.
    for lookup in ({"phone": "+509 3799 4321"}, {"name_or_alias__icontains": "Sentinelle"}):
        with pytest.raises(EncryptedFieldMisuseError):
            CallbackRequest.objects.filter(**lookup).exists()


def test_the_string_of_a_request_is_its_reference_not_its_name(world: World) -> None:
    callback = requested(world.hub_a)

    assert str(callback) == callback.reference
    assert len(callback.reference) == 8
    assert NAME not in str(callback)
