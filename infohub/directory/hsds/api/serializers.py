"""HSDS JSON objects from rows: one-to-one fields, nested objects, text in the reader's language.

A ``Shape`` says which nested objects an object carries; the shapes below follow the
HSDS 3.0 compiled schemas and official examples (service_full, organization_full,
service_at_location_full and the list items). Nested rows are read one query per
nesting for a whole page, never one per object, and only through
``selectors.visible``, so a hidden row is never nested anywhere.

Values follow the schemas: numbers as JSON numbers, dates and times as ISO 8601
text. An optional field that is empty is left out (an empty string is not a valid
``uri`` or ``email``); a required one is always there.
"""

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from infohub.directory.hsds.api.selectors import visible
from infohub.directory.hsds.schema import object_schemas
from infohub.directory.hsds.tables import Table, tables
from infohub.directory.hsds.values import to_json
from infohub.directory.models import HsdsRecord, TranslatableRecord
from infohub.directory.selectors import text_for, translation_map

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class Shape:
    table: str
    nested: Mapping[str, "Shape"] = field(default_factory=dict)

    def without(self, prop: str) -> "Shape":
        return Shape(self.table, {k: v for k, v in self.nested.items() if k != prop})


METADATA = Shape("metadata")
TAXONOMY = Shape("taxonomy")
TAXONOMY_TERM = Shape("taxonomy_term", {"taxonomy_detail": TAXONOMY})
ATTRIBUTE = Shape("attribute", {"taxonomy_term": TAXONOMY_TERM})
# Attributes and metadata of the main objects (services, organizations, locations,
# services at locations); smaller rows are shown without theirs.
DESCRIBED = {"attributes": ATTRIBUTE, "metadata": METADATA}

LANGUAGE = Shape("language")
PHONE = Shape("phone", {"languages": LANGUAGE})
CONTACT = Shape("contact", {"phones": PHONE})
SCHEDULE = Shape("schedule")
LOCATION_FULL = Shape(
    "location",
    {
        "languages": LANGUAGE,
        "addresses": Shape("address"),
        "contacts": CONTACT,
        "accessibility": Shape("accessibility"),
        "phones": PHONE,
        "schedules": SCHEDULE,
        **DESCRIBED,
    },
)
PROGRAM = Shape("program")
ORGANIZATION_DETAILS = {
    "funding": Shape("funding"),
    "contacts": CONTACT,
    "phones": PHONE,
    "locations": LOCATION_FULL,
    "programs": PROGRAM,
    "organization_identifiers": Shape("organization_identifier"),
    **DESCRIBED,
}
SERVICE_AT_LOCATION_DETAILS = {
    "contacts": CONTACT,
    "phones": PHONE,
    "schedules": SCHEDULE,
    "location": LOCATION_FULL,
    **DESCRIBED,
}
SERVICE_FULL = Shape(
    "service",
    {
        "phones": PHONE,
        "schedules": SCHEDULE,
        "service_areas": Shape("service_area"),
        "service_at_locations": Shape("service_at_location", SERVICE_AT_LOCATION_DETAILS),
        "languages": LANGUAGE,
        "organization": Shape("organization", ORGANIZATION_DETAILS),
        "funding": Shape("funding"),
        "cost_options": Shape("cost_option"),
        "program": PROGRAM,
        "required_documents": Shape("required_document"),
        "contacts": CONTACT,
        **DESCRIBED,
    },
)
# The items of /services: one-to-one fields, with the organization and the program.
SERVICE_LIST = Shape("service", {"organization": Shape("organization"), "program": PROGRAM})
# The services of an organization without full_service: their one-to-one fields.
SERVICE_SIMPLE = Shape("service")

ORGANIZATION_LIST = Shape("organization")
ORGANIZATION_FULL = Shape("organization", {**ORGANIZATION_DETAILS, "services": SERVICE_SIMPLE})
ORGANIZATION_FULL_SERVICES = Shape(
    "organization", {**ORGANIZATION_DETAILS, "services": SERVICE_FULL.without("organization")}
)

SERVICE_AT_LOCATION_LIST = Shape(
    "service_at_location", {"location": Shape("location"), "service": SERVICE_LIST}
)
SERVICE_AT_LOCATION_FULL = Shape(
    "service_at_location",
    {**SERVICE_AT_LOCATION_DETAILS, "service": SERVICE_FULL.without("service_at_locations")},
)


def _required(table: Table) -> frozenset[str]:
    return frozenset(object_schemas()[table.name].get("required", ()))


def _fields(
    table: Table, row: HsdsRecord, translations: Mapping[str, Mapping[str, str]], lang: str
) -> JsonObject:
    required = _required(table)
    data: JsonObject = {}
    for column in table.columns:
        value = getattr(row, column.attname)
        if column.name in table.translatable and isinstance(row, TranslatableRecord):
            value = text_for(
                record=row, field=column.name, lang=lang, translations=translations
            ).text
        value = to_json(column.kind, value)
        if value is None or (value == "" and column.name not in required):
            continue
        data[column.name] = value
    return data


def serialize(shape: Shape, rows: Sequence[HsdsRecord], lang: str) -> list[JsonObject]:
    """HSDS objects of ``shape`` for ``rows``, in order, with text in ``lang`` or its fallback."""
    table = tables()[shape.table]
    ids = [row.id for row in rows]
    texts = translation_map(table=table.name, record_ids=ids) if table.translatable else {}
    objects = [_fields(table, row, texts.get(row.id, {}), lang) for row in rows]
    if not rows:
        return objects
    for prop, child_shape in shape.nested.items():
        nesting = table.nested[prop]
        child_table = tables()[nesting.table]
        if nesting.many:
            # The child's column pointing back (link_id for attributes, resource_id for metadata).
            back = child_table.by_name[nesting.column].attname
            children = list(visible(child_table.name).filter(**{f"{back}__in": ids}).order_by("id"))
            by_parent: dict[uuid.UUID, list[JsonObject]] = defaultdict(list)
            for child, data in zip(children, serialize(child_shape, children, lang), strict=True):
                by_parent[getattr(child, back)].append(data)
            for row, obj in zip(rows, objects, strict=True):
                obj[prop] = by_parent.get(row.id, [])
        else:
            # The parent's column pointing to the one nested object.
            forward = table.by_name[nesting.column].attname
            wanted = {getattr(row, forward) for row in rows} - {None}
            children = list(visible(child_table.name).filter(id__in=wanted))
            serialized = serialize(child_shape, children, lang)
            by_id = {child.id: data for child, data in zip(children, serialized, strict=True)}
            for row, obj in zip(rows, objects, strict=True):
                found = by_id.get(getattr(row, forward))
                if found is not None:
                    obj[prop] = found
    return objects


def minimal_services(services: Sequence[HsdsRecord], lang: str) -> list[JsonObject]:
    """Services with only their id, name, status and last change (``minimal=true``).

    HSDS asks for just the id and the time of the last change, but the service_list
    schema requires a name and a status, so they are kept.
    """
    kept = ("id", "name", "status", "last_modified")
    return [
        {key: obj[key] for key in kept if key in obj}
        for obj in serialize(SERVICE_SIMPLE, services, lang)
    ]
