"""The models hold HSDS 3.0 exactly: every field, under its name, with its type."""

from django.db import models

from infohub.directory.hsds.schema import datapackage, object_schemas
from infohub.directory.hsds.tables import MODELS, tables

MODEL_TYPES = {
    "uuid": (models.UUIDField, models.ForeignKey),
    "string": (models.TextField, models.CharField),
    "number": (models.FloatField,),
    "date": (models.DateField,),
    "time": (models.TimeField,),
    "datetime": (models.DateTimeField,),
}
EXTENSIONS = {
    "service": {"source_language", "listing_status", "last_verified"},
    "location": {"source_language", "confidential"},
}


def test_every_table_of_the_data_package_has_a_model():
    assert {r["name"] for r in datapackage()["resources"]} == set(MODELS)


def test_every_hsds_field_has_a_column_of_the_same_name_and_a_matching_type():
    for table in tables().values():
        for column in table.columns:
            field = next(f for f in table.model._meta.concrete_fields if f.column == column.name)
            assert isinstance(field, MODEL_TYPES[column.kind]), (table.name, column.name)
            # A column the model cannot leave empty is one HSDS requires.
            if not field.null and column.kind != "string":
                assert column.required, (table.name, column.name)


def test_the_only_columns_beyond_hsds_are_the_profiles_extensions():
    for table in tables().values():
        hsds = {column.name for column in table.columns}
        columns = {f.column for f in table.model._meta.concrete_fields}
        translatable = {"source_language"} if table.translatable else set()
        assert columns - hsds == EXTENSIONS.get(table.name, translatable), table.name


def test_the_schemas_required_fields_are_the_data_packages_required_columns():
    for table in tables().values():
        schema = object_schemas()[table.name]
        expected = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        assert {c.name for c in table.columns if c.required} == expected, table.name


def test_every_translatable_field_is_a_text_column_of_its_table():
    for table in tables().values():
        for name in table.translatable:
            assert table.by_name[name].kind == "string", (table.name, name)
