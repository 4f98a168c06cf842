"""Every model's JSON fields have a registered schema, and the demo data fits them.

Apps register their schemas in ``infohub.core.json_schemas`` from their ``schemas.py``;
a new JSONField without one fails here.
"""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from pydantic import ValidationError

from infohub.core.json_schemas import registered_fields, schema_for

# JSON fields allowed without a schema for now, each only until it is registered.
PENDING: set[tuple[str, str]] = set()


def _json_fields() -> list[tuple[type[models.Model], str]]:
    # Our apps' models only: a library's tables (the task queue's) are its own to validate.
    return [
        (model, field.name)
        for model in apps.get_models()
        if model._meta.app_config is not None and model._meta.app_config.name.startswith("infohub.")
        for field in model._meta.get_fields()
        if isinstance(field, models.JSONField)
    ]


def _key(model: type[models.Model], field: str) -> tuple[str, str]:
    return (model._meta.label_lower, field)


def test_every_json_field_has_a_schema() -> None:
    missing = {_key(model, field) for model, field in _json_fields()} - registered_fields()
    assert missing - PENDING == set(), "register a schema in the app's schemas.py"


def test_every_pending_field_is_still_a_json_field_without_a_schema() -> None:
    # So that the set is emptied when the directory registers its schemas.
    fields = {_key(model, field) for model, field in _json_fields()}
    assert fields >= PENDING
    assert not PENDING & registered_fields()


def test_every_schema_names_an_existing_json_field() -> None:
    fields = {_key(model, field) for model, field in _json_fields()}
    assert registered_fields() - fields == set()


@pytest.mark.django_db
def test_every_json_value_of_the_demo_data_fits_its_schema() -> None:
    call_command("load_demo", stdout=io.StringIO())
    checked = 0
    for model, field in _json_fields():
        adapter = schema_for(model._meta.label, field)
        if adapter is None:
            continue  # pending: the first test says which
        for pk, value in model._default_manager.values_list("pk", field):
            try:
                adapter.validate_python(value)
            except ValidationError as error:
                pytest.fail(f"{model._meta.label} {pk} {field}: {error}")
            checked += 1
    assert checked > 100  # the demo data fills these fields: a few rows would mean it did not
