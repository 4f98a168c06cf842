"""rotate_keys: re-encrypts old values with the active key, in batches, idempotently."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.db.models import F, TextField
from django.db.models.functions import Cast

from infohub.protection.crypto import encrypt, key_id_of
from infohub.protection.models import KeyCanary
from infohub.protection.services import canary_ensure
from infohub.protection.tests.conftest import K1, K2, raw_column

TABLE = "protection_test_secret"
LABEL = "protection.TestSecret"


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_keys", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def write_rows(model: type[models.Model], count: int) -> dict[int, tuple[str | None, str]]:
    objects = [
        model(
            name=None if i % 7 == 0 else f"Person {i} ñ 😀",
            document="" if i % 5 == 0 else f"AB{i:06}",
        )
        for i in range(count)
    ]
    model.objects.bulk_create(objects)  # type: ignore[attr-defined]
    return {row.pk: (row.name, row.document) for row in model.objects.all()}  # type: ignore[attr-defined]


def read_rows(model: type[models.Model]) -> dict[int, tuple[str | None, str]]:
    return {row.pk: (row.name, row.document) for row in model.objects.all()}  # type: ignore[attr-defined]


def test_reading_through_a_cast_gives_the_raw_token_without_decrypting(
    secret_model: type[models.Model], ring_k1: None
) -> None:
    secret_model.objects.create(name="Jean")  # type: ignore[attr-defined]
    raw = secret_model.objects.annotate(  # type: ignore[attr-defined]
        raw=Cast(F("name"), output_field=TextField())
    ).values_list("raw", flat=True)
    (token,) = list(raw)
    assert token.startswith("ihx1:k1:")
    assert token == raw_column(TABLE, "name")[0]


def test_rotation_moves_every_value_to_the_active_key_and_keeps_it(
    secret_model: type[models.Model], settings: Any
) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary_ensure()
    before = write_rows(secret_model, 1100)  # more than two batches of 500
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"

    output = rotate()

    names = 1100 - len(range(0, 1100, 7))
    documents = 1100 - len(range(0, 1100, 5))
    assert f"{LABEL}.name: {names} re-encrypted, 0 already current" in output
    assert f"{LABEL}.document: {documents} re-encrypted, 0 already current" in output
    for column in ("name", "document"):
        tokens = [value for value in raw_column(TABLE, column) if value]
        assert tokens
        assert {key_id_of(token) for token in tokens} == {"k2"}
    assert read_rows(secret_model) == before

    # Nothing depends on k1 any more: it can leave the ring.
    assert set(KeyCanary.objects.values_list("key_id", flat=True)) == {"k2"}
    settings.INFOHUB_DATA_KEYS = f"k2:{K2}"
    assert read_rows(secret_model) == before


def test_a_second_run_changes_nothing(secret_model: type[models.Model], settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    write_rows(secret_model, 30)
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    rotate()
    tokens = raw_column(TABLE, "name")

    output = rotate()

    assert f"{LABEL}.name: 0 re-encrypted, 25 already current" in output
    assert f"{LABEL}.document: 0 re-encrypted, 24 already current" in output
    assert raw_column(TABLE, "name") == tokens


def test_a_dry_run_counts_and_writes_nothing(
    secret_model: type[models.Model], settings: Any
) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    write_rows(secret_model, 10)
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    tokens = raw_column(TABLE, "name")

    output = rotate("--dry-run")

    assert f"{LABEL}.name: 8 to re-encrypt, 0 already current" in output
    assert "nothing was written" in output
    assert raw_column(TABLE, "name") == tokens


def test_an_unreadable_value_stops_the_run_naming_the_row_not_the_value(
    secret_model: type[models.Model], settings: Any
) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    rows = write_rows(secret_model, 20)
    broken = sorted(rows)[12]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET name = %s WHERE id = %s", ["Marie Plaintext", broken])  # noqa: S608
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    tokens = raw_column(TABLE, "name")

    with pytest.raises(CommandError) as caught:
        rotate()

    message = str(caught.value)
    assert f"{LABEL}.name" in message
    assert f"primary key {broken}" in message
    assert "Marie" not in message
    assert "Plaintext" not in message
    # The batch holding it was rolled back, values before it included.
    assert raw_column(TABLE, "name") == tokens


def test_a_missing_old_key_stops_the_run_naming_the_key(
    secret_model: type[models.Model], settings: Any
) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    write_rows(secret_model, 3)
    settings.INFOHUB_DATA_KEYS = f"k2:{K2}"
    with pytest.raises(CommandError, match="data key 'k1', which is not in INFOHUB_DATA_KEYS"):
        rotate()


def test_a_value_saved_during_the_run_is_not_overwritten(
    secret_model: type[models.Model], settings: Any
) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    row = secret_model.objects.create(name="Old name")  # type: ignore[attr-defined]
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    saved = encrypt("New name", context="protection.testsecret.name")
    meddled: list[bool] = []

    def save_first(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        # Someone saves the row after rotate_keys read it and before it writes it back.
        if sql.startswith("UPDATE") and TABLE in sql and not meddled:
            meddled.append(True)
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {TABLE} SET name = %s WHERE id = %s", [saved, row.pk])  # noqa: S608
        return execute(sql, params, many, context)

    with connection.execute_wrapper(save_first):
        output = rotate()

    assert meddled
    assert f"{LABEL}.name: 0 re-encrypted, 0 already current, 1 saved by someone else" in output
    assert raw_column(TABLE, "name") == [saved]
    assert secret_model.objects.get(pk=row.pk).name == "New name"  # type: ignore[attr-defined]
