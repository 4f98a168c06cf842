"""The HSDS tables as the importer and exporter see them, built from the bundled schemas.

Each table knows its model, its columns in the published order with their types, the
foreign keys the data package declares, which JSON properties nest other tables, and
which text fields may be translated.
"""

import functools
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from infohub.directory.hsds.schema import datapackage, object_schemas
from infohub.directory.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    HsdsRecord,
    Language,
    Location,
    Metadata,
    MetaTableDescription,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

# Parents before children, so rows can be written and checked in one pass.
MODELS: dict[str, type[HsdsRecord]] = {
    "organization": Organization,
    "program": Program,
    "service": Service,
    "location": Location,
    "service_at_location": ServiceAtLocation,
    "contact": Contact,
    "phone": Phone,
    "schedule": Schedule,
    "language": Language,
    "address": Address,
    "accessibility": Accessibility,
    "funding": Funding,
    "service_area": ServiceArea,
    "required_document": RequiredDocument,
    "cost_option": CostOption,
    "organization_identifier": OrganizationIdentifier,
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "attribute": Attribute,
    "metadata": Metadata,
    "meta_table_description": MetaTableDescription,
}

# Human-readable text that a hub may translate into its content languages. Names of
# people, addresses, codes and links are not translated.
TRANSLATABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "organization": ("name", "alternate_name", "description"),
    "program": ("name", "alternate_name", "description"),
    "service": (
        "name",
        "alternate_name",
        "description",
        "interpretation_services",
        "application_process",
        "fees_description",
        "accreditations",
        "eligibility_description",
        "alert",
    ),
    "location": ("name", "alternate_name", "description", "transportation"),
    "service_at_location": ("description",),
    "contact": ("title", "department"),
    "phone": ("description",),
    "schedule": ("description", "attending_type", "notes"),
    "language": ("name", "note"),
    "accessibility": ("description", "details"),
    "funding": ("source",),
    "service_area": ("name", "description"),
    "required_document": ("document",),
    "cost_option": ("option", "amount_description"),
    "taxonomy": ("name", "description"),
    "taxonomy_term": ("name", "description"),
}

# Links to a row of any table, named by another column: HSDS declares no foreign key.
POLYMORPHIC_LINKS = {
    "attribute": ("link_id", "link_entity"),
    "metadata": ("resource_id", "resource_type"),
}

# Nestings found in the official JSON examples but not in the object schemas.
EXTRA_NESTING = {
    "organization": {"services": "service"},
    "service_at_location": {"service": "service"},
}


@dataclass(frozen=True)
class Column:
    name: str  # the HSDS field name, which is also the database column
    attname: str  # the model attribute
    kind: str  # uuid, string, number, boolean, date, time or datetime
    required: bool  # in a table row (HSDS required and tabular_required)
    nullable: bool  # absent is NULL; otherwise absent text is stored as ""
    references: str | None  # the table a declared foreign key points to


@dataclass(frozen=True)
class Nesting:
    """A JSON property holding rows of another table."""

    table: str
    many: bool  # a list of children, or one object the parent refers to
    # For a list: the child's column that points back to the parent. For an object:
    # the parent's column that points to it.
    column: str
    # For attributes and metadata: the column naming the parent's table.
    entity_column: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """A table of a data package: its file, its columns, the schema each row must pass."""

    name: str
    path: str
    columns: tuple[Column, ...]
    row_schema: dict[str, Any]

    @functools.cached_property
    def by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}


@dataclass(frozen=True)
class Table(TableSpec):
    """An HSDS table, stored in ``model``."""

    model: type[HsdsRecord]
    translatable: tuple[str, ...]
    nested: dict[str, Nesting] = field(default_factory=dict)

    @property
    def foreign_keys(self) -> list[Column]:
        return [column for column in self.columns if column.references]


def _kind(spec: dict[str, Any]) -> str:
    if spec.get("format") == "uuid":
        return "uuid"
    return str(spec["type"])


def _model_field(model: type[HsdsRecord], column: str) -> models.Field:  # type: ignore[type-arg]
    for model_field in model._meta.concrete_fields:
        if model_field.column == column:
            return model_field
    raise LookupError(f"{model.__name__} has no column {column}")


def _ref_table(spec: dict[str, Any]) -> str | None:
    ref = spec.get("$ref") or spec.get("items", {}).get("$ref")
    return str(ref).removesuffix(".json") if ref else None


def _build(resource: dict[str, Any]) -> Table:
    name = resource["name"]
    model = MODELS[name]
    references = {
        key["fields"]: key["reference"]["resource"]
        for key in resource["schema"].get("foreignKeys", [])
    }
    columns = []
    for spec in resource["schema"]["fields"]:
        model_field = _model_field(model, spec["name"])
        columns.append(
            Column(
                name=spec["name"],
                attname=model_field.attname,
                kind=_kind(spec),
                required=bool(spec.get("constraints", {}).get("required")),
                nullable=model_field.null,
                references=references.get(spec["name"]),
            )
        )
    schema = object_schemas()[name]
    row_schema = {**schema, "required": [c.name for c in columns if c.required]}
    return Table(
        name=name,
        path=resource["path"],
        columns=tuple(columns),
        row_schema=row_schema,
        model=model,
        translatable=TRANSLATABLE_FIELDS.get(name, ()),
    )


def _nesting(parent: Table, child: Table, many: bool) -> Nesting:
    if many and child.name in POLYMORPHIC_LINKS:
        link, entity = POLYMORPHIC_LINKS[child.name]
        return Nesting(table=child.name, many=True, column=link, entity_column=entity)
    pointing, target = (child, parent) if many else (parent, child)
    column = next(c.name for c in pointing.foreign_keys if c.references == target.name)
    return Nesting(table=child.name, many=many, column=column)


@functools.cache
def tables() -> dict[str, Table]:
    """Every HSDS table by name, parents before children."""
    by_name = {r["name"]: _build(r) for r in datapackage()["resources"]}
    ordered = {name: by_name[name] for name in MODELS}
    for table in ordered.values():
        properties = object_schemas()[table.name]["properties"]
        for prop, spec in properties.items():
            child = _ref_table(spec)
            if child:
                many = spec.get("type") == "array"
                table.nested[prop] = _nesting(table, ordered[child], many)
        for prop, child in EXTRA_NESTING.get(table.name, {}).items():
            table.nested[prop] = _nesting(table, ordered[child], prop.endswith("s"))
    return ordered


def _extension(name: str, description: str, columns: list[tuple[str, str]]) -> TableSpec:
    specs = tuple(
        Column(name=c, attname=c, kind=kind, required=True, nullable=False, references=None)
        for c, kind in columns
    )
    properties = {
        c.name: {"type": "string", **({"format": "uuid"} if c.kind == "uuid" else {})}
        for c in specs
    }
    schema = {
        "name": name,
        "description": description,
        "type": "object",
        "properties": properties,
        "required": [c.name for c in specs],
    }
    return TableSpec(name=name, path=f"{name}.csv", columns=specs, row_schema=schema)


# The profile's extension tables (docs/hsds-profile.md): translations of HSDS text, and
# the rows whose HSDS text is not in the package's x_source_language.
TRANSLATIONS = _extension(
    "x_translations",
    "Translations of HSDS text fields into other languages (infohub extension).",
    [
        ("table", "string"),
        ("record_id", "uuid"),
        ("field", "string"),
        ("language", "string"),
        ("text", "string"),
    ],
)
SOURCE_LANGUAGES = _extension(
    "x_source_languages",
    "Rows whose HSDS text is not in the package's x_source_language (infohub extension).",
    [("table", "string"), ("record_id", "uuid"), ("language", "string")],
)
EXTENSIONS = {spec.name: spec for spec in (TRANSLATIONS, SOURCE_LANGUAGES)}


def table_name(model: type[HsdsRecord]) -> str:
    """The HSDS table a model stores ("service_at_location" for ServiceAtLocation)."""
    return next(name for name, candidate in MODELS.items() if candidate is model)
