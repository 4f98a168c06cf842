"""EncryptedTextField: encrypted in the column, decrypted on read, failing closed."""

from typing import Any

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection, models

from infohub.protection.crypto import decrypt
from infohub.protection.errors import (
    DataKeyMissingError,
    DataTamperedError,
    EncryptedFieldMisuseError,
)
from infohub.protection.fields import EncryptedTextField
from infohub.protection.models import KeyCanary
from infohub.protection.tests.conftest import K1, K2, raw_column


@pytest.mark.django_db
def test_the_column_holds_a_token_and_the_model_reads_the_value(ring_k1: None) -> None:
    KeyCanary.objects.all().delete()
    canary = KeyCanary.objects.create(key_id="x", value="Marie-Ange Pierre, AB123456")
    (stored,) = raw_column("protection_keycanary", "value")
    assert stored.startswith("ihx1:k1:")
    assert "Marie" not in stored
    assert "AB123456" not in stored
    assert KeyCanary.objects.get(pk=canary.pk).value == "Marie-Ange Pierre, AB123456"
    assert decrypt(stored, context="protection.keycanary.value") == "Marie-Ange Pierre, AB123456"


@pytest.mark.django_db
def test_saving_again_writes_a_new_token_for_the_same_value() -> None:
    KeyCanary.objects.all().delete()
    canary = KeyCanary.objects.create(key_id="x", value="AB123456")
    (first,) = raw_column("protection_keycanary", "value")
    canary.save()
    (second,) = raw_column("protection_keycanary", "value")
    assert first != second


@pytest.mark.django_db
def test_update_encrypts_too() -> None:
    canary = KeyCanary.objects.create(key_id="x", value="old")
    KeyCanary.objects.filter(pk=canary.pk).update(value="new secret")
    assert all("secret" not in token for token in raw_column("protection_keycanary", "value"))
    assert KeyCanary.objects.get(pk=canary.pk).value == "new secret"


@pytest.mark.django_db
def test_reading_a_value_whose_key_is_gone_raises(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary = KeyCanary.objects.create(key_id="x", value="AB123456")
    settings.INFOHUB_DATA_KEYS = f"k2:{K2}"
    with pytest.raises(DataKeyMissingError, match="'k1'"):
        KeyCanary.objects.get(pk=canary.pk)
    with pytest.raises(DataKeyMissingError):
        list(KeyCanary.objects.values_list("value", flat=True))


@pytest.mark.django_db
def test_reading_a_value_with_another_key_under_its_id_raises(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    canary = KeyCanary.objects.create(key_id="x", value="AB123456")
    settings.INFOHUB_DATA_KEYS = f"k1:{K2}"
    with pytest.raises(DataTamperedError):
        KeyCanary.objects.get(pk=canary.pk)


def test_the_context_is_the_model_label_and_field_name() -> None:
    field = KeyCanary._meta.get_field("value")
    assert isinstance(field, EncryptedTextField)
    assert field.encryption_context() == "protection.keycanary.value"


def test_migrations_get_no_key_material_and_only_an_explicit_context() -> None:
    field = KeyCanary._meta.get_field("value")
    assert isinstance(field, EncryptedTextField)
    _, path, args, kwargs = field.deconstruct()
    assert path == "infohub.protection.fields.EncryptedTextField"
    assert (args, kwargs) == ([], {"serialize": False})
    pinned: EncryptedTextField[Any, Any] = EncryptedTextField(
        context="counselling.client.name", null=True
    )
    assert pinned.deconstruct()[3] == {"context": "counselling.client.name", "null": True}


def test_an_explicit_context_survives_a_rename() -> None:
    field: EncryptedTextField[Any, Any] = EncryptedTextField(context="old_app.person.name")
    field.contribute_to_class(KeyCanary, "renamed_value")
    assert field.encryption_context() == "old_app.person.name"


def test_a_field_outside_a_model_refuses_to_encrypt() -> None:
    with pytest.raises(EncryptedFieldMisuseError, match="belong to a model"):
        EncryptedTextField().get_prep_value("AB123456")


@pytest.mark.parametrize(
    "option",
    [{"unique": True}, {"db_index": True}, {"primary_key": True}, {"db_default": "x"}],
)
def test_options_that_compare_stored_values_are_refused(option: dict[str, Any]) -> None:
    with pytest.raises(EncryptedFieldMisuseError):
        EncryptedTextField(**option)


def test_serialising_refuses_to_write_plaintext(secret_model: type[models.Model]) -> None:
    secret_model.objects.create(name="Marie-Ange Pierre")  # type: ignore[attr-defined]
    with pytest.raises(EncryptedFieldMisuseError, match="not serialised in clear"):
        serializers.serialize("json", secret_model.objects.all())  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="not serialised in clear"):
        call_command("dumpdata", "protection.TestSecret")


def test_null_stays_null_and_the_empty_string_stays_empty(
    secret_model: type[models.Model],
) -> None:
    manager = secret_model.objects  # type: ignore[attr-defined]
    empty = manager.create(name=None, document="")
    full = manager.create(name="Jean", document="AB123456")
    names = raw_column("protection_test_secret", "name")
    documents = raw_column("protection_test_secret", "document")
    assert names[0] is None
    assert documents[0] == ""
    assert names[1].startswith("ihx1:")
    assert documents[1].startswith("ihx1:")
    assert (manager.get(pk=empty.pk).name, manager.get(pk=empty.pk).document) == (None, "")
    assert (manager.get(pk=full.pk).name, manager.get(pk=full.pk).document) == (
        "Jean",
        "AB123456",
    )


def test_a_plaintext_written_behind_the_fields_back_is_refused_on_read(
    secret_model: type[models.Model],
) -> None:
    row = secret_model.objects.create(name="Jean")  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE protection_test_secret SET name = %s", ["Jean Plaintext"])
    with pytest.raises(DataTamperedError) as caught:
        secret_model.objects.get(pk=row.pk)  # type: ignore[attr-defined]
    assert "Plaintext" not in str(caught.value)


def test_a_token_copied_from_another_column_is_refused_on_read(
    secret_model: type[models.Model],
) -> None:
    row = secret_model.objects.create(name="Jean", document="AB123456")  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE protection_test_secret SET name = document")
    with pytest.raises(DataTamperedError):
        secret_model.objects.get(pk=row.pk)  # type: ignore[attr-defined]
