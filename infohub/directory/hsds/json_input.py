"""Reading HSDS JSON: service_full, organization_full, service_at_location_full and the like.

HSDS JSON nests rows in each other (a service holds its phones, its organization, ...).
Nested objects are taken apart into table rows, the parent's id filling the child's
foreign key (or the other way round for a nested object the parent refers to). The
same id met in several places is one row: its occurrences are merged, and values
that disagree are a problem. A file may hold one object, a list of them, a page of an
HSDS list ({"contents": [...]}) or the "tabular" form (rows under CSV file names).
"""

import json
from pathlib import Path
from typing import Any

from infohub.directory.errors import DirectoryError, Problem
from infohub.directory.hsds.limits import check_json_depth
from infohub.directory.hsds.readers import Batch, Record, canonical_id
from infohub.directory.hsds.schema import object_schemas
from infohub.directory.hsds.tables import Table, tables


def read_json(path: Path) -> Batch:
    batch = Batch(name=path.name, format="json")
    try:
        text = path.read_bytes().decode("utf-8-sig")
        check_json_depth(text, file=path.name)
        document = json.loads(text)
    except DirectoryError as error:
        batch.problems.append(Problem(file=path.name, reason=str(error)))
        return batch
    except UnicodeDecodeError as error:
        batch.problems.append(Problem(file=path.name, reason=f"is not UTF-8 text: {error}"))
        return batch
    except json.JSONDecodeError as error:
        batch.problems.append(
            Problem(
                file=path.name,
                line=error.lineno,
                reason=f"is not valid JSON: {error.msg} (column {error.colno})",
            )
        )
        return batch
    _JsonReader(batch, path.name).read(document)
    return batch


def _known_keys() -> dict[str, set[str]]:
    """The properties each HSDS object may have, nested objects included."""
    return {
        name: set(object_schemas()[name]["properties"]) | set(table.nested)
        for name, table in tables().items()
    }


class _JsonReader:
    def __init__(self, batch: Batch, file: str) -> None:
        self.batch = batch
        self.file = file
        self.seen: dict[tuple[str, Any], Record] = {}
        self.known_keys = _known_keys()

    def read(self, document: Any) -> None:
        if isinstance(document, dict) and isinstance(document.get("contents"), list):
            items = [(f"/contents/{i}", item) for i, item in enumerate(document["contents"])]
        elif isinstance(document, list):
            items = [(f"/{i}", item) for i, item in enumerate(document)]
        elif isinstance(document, dict) and document and all(k.endswith(".csv") for k in document):
            self._tabular(document)
            return
        else:
            items = [("", document)]
        for pointer, item in items:
            table = self._kind(item, pointer)
            if table is not None:
                self._flatten(item, table, pointer, {})

    def _kind(self, item: Any, pointer: str) -> Table | None:
        """The table whose properties the object shares most, when only one does.

        Files hold no type tag: a service is told from an organization by what it has
        (status, service_at_locations, ...). An object without an id is not a row.
        """
        reason = (
            "is not recognisably one HSDS object (such as service_full, organization_full "
            "or service_at_location_full)"
        )
        if isinstance(item, dict) and "id" in item:
            overlap = {name: len(keys & item.keys()) for name, keys in self.known_keys.items()}
            best = max(overlap.values())
            matches = [name for name, count in overlap.items() if count == best]
            if len(matches) == 1:
                return tables()[matches[0]]
            reason = f"could be any of {', '.join(matches)}; give more of its fields"
        self.batch.problems.append(Problem(file=self.file, pointer=pointer, reason=reason))
        return None

    def _tabular(self, document: dict[str, Any]) -> None:
        """The HSDS "tabular" JSON: rows listed under the name of their CSV file."""
        by_path = {t.path: t for t in tables().values()}
        for path, rows in document.items():
            table = by_path.get(path)
            if table is None or not isinstance(rows, list):
                self.batch.problems.append(
                    Problem(file=self.file, pointer=f"/{path}", reason="is not an HSDS table")
                )
                continue
            for i, row in enumerate(rows):
                values = dict(row) if isinstance(row, dict) else {}
                record = Record(
                    table=table.name, values=values, file=self.file, pointer=f"/{path}/{i}"
                )
                if not isinstance(row, dict):
                    record.problem(f"a row must be an object, not {type(row).__name__}")
                self.batch.add(record)

    def _flatten(self, obj: Any, table: Table, pointer: str, links: dict[str, Any]) -> Record:
        if not isinstance(obj, dict):
            record = Record(table=table.name, values={}, file=self.file, pointer=pointer)
            record.problem(f"{table.name} must be an object, not {type(obj).__name__}")
            self.batch.add(record)
            return record
        values: dict[str, Any] = {}
        children = []
        for key, value in obj.items():
            nesting = table.nested.get(key)
            shape_ok = nesting is not None and (
                (isinstance(value, list) and all(isinstance(v, dict) for v in value))
                if nesting.many
                else isinstance(value, dict)
            )
            if nesting is not None and shape_ok:
                children.append((key, nesting, value))
            else:
                # Left for the schema to report when it is a malformed nested value.
                values[key] = value
        record = self._merge(table, values, pointer, links)
        own_id = obj.get("id")
        for key, nesting, value in children:
            child_table = tables()[nesting.table]
            if not nesting.many:
                child = self._flatten(value, child_table, f"{pointer}/{key}", {})
                self._link(record, nesting.column, child.values.get("id"), f"{pointer}/{key}")
                if key == "program":
                    self._program_organization(record, child)
                continue
            for i, item in enumerate(value):
                child_links = {nesting.column: own_id} if isinstance(own_id, str) else {}
                if nesting.entity_column:
                    child_links[nesting.entity_column] = table.name
                child = self._flatten(item, child_table, f"{pointer}/{key}/{i}", child_links)
                if not isinstance(own_id, str):
                    child.problem(f"its parent {table.name} at {pointer or '/'} has no valid id")
        return record

    def _merge(
        self, table: Table, values: dict[str, Any], pointer: str, links: dict[str, Any]
    ) -> Record:
        record_id = values.get("id")
        # Only a text id names a row; any other is left for the schema to report.
        key = (table.name, canonical_id(record_id)) if isinstance(record_id, str) else None
        record = self.seen.get(key) if key is not None else None
        if record is None:
            record = Record(table=table.name, values={}, file=self.file, pointer=pointer)
            if key is not None:
                self.seen[key] = record
            self.batch.add(record)
        for name, value in values.items():
            self._set(record, name, value, pointer)
        for name, value in links.items():
            # link_entity and resource_type name the parent's table only when not given.
            if name in ("link_entity", "resource_type"):
                record.values.setdefault(name, value)
            elif value is not None:
                self._set(record, name, value, pointer)
        return record

    def _program_organization(self, service: Record, program: Record) -> None:
        """A program nested in a service belongs to the service's organization.

        HSDS lists (service_list) nest a service's program without its organization_id,
        which a program row needs; the service's own organization is the only candidate.
        """
        organization = service.values.get("organization_id")
        if organization is not None and program.values.get("organization_id") is None:
            program.values["organization_id"] = organization

    def _link(self, record: Record, column: str, value: Any, pointer: str) -> None:
        if value is not None:
            self._set(record, column, value, pointer)

    def _set(self, record: Record, name: str, value: Any, pointer: str) -> None:
        current = record.values.get(name)
        if current is None:
            record.values[name] = value
        elif canonical_id(current) != canonical_id(value):
            record.problem(
                f"{current!r} at {record.pointer or '/'} but {value!r} here: "
                f"the same {record.table} must have the same values everywhere",
                field=name,
                pointer=pointer,
            )
