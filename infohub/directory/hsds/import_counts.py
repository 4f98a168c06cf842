"""What an import run changed, per table: the schema of ``DirectoryImport.counts``.

The stored JSON is ``{"service": {"created": 3, "updated": 1, "unchanged": 0,
"skipped": 0}, ...}``, keyed by HSDS table name (and ``x_translations``). It is
checked strictly when a run is saved and when a saved run is read back, so a
malformed record is refused rather than shown as numbers it does not hold.
"""

from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter, with_config

# pydantic reads typing.TypedDict only from Python 3.12; typing_extensions is its own dependency.
from typing_extensions import TypedDict

from infohub.core.json_schemas import parse
from infohub.directory.errors import DirectoryError

Count = Annotated[int, Field(ge=0)]
TableName = Annotated[str, Field(pattern=r"^[a-z][a-z_]*$", max_length=40)]


@with_config(ConfigDict(strict=True, extra="forbid"))
class TableCounts(TypedDict):
    """Rows of one table: new, changed, the same as before, and left out as invalid."""

    created: Count
    updated: Count
    unchanged: Count
    skipped: Count


ImportCounts = dict[TableName, TableCounts]

IMPORT_COUNTS: TypeAdapter[ImportCounts] = TypeAdapter(ImportCounts, config=ConfigDict(strict=True))


def parse_import_counts(data: Any) -> ImportCounts:
    """The counts of ``data`` (stored or about to be); a DirectoryError naming every problem."""
    return parse(IMPORT_COUNTS, data, field="counts", error=DirectoryError)


def total_counts(counts: ImportCounts) -> TableCounts:
    """The rows of every table together."""
    tables = counts.values()
    return {
        "created": sum(c["created"] for c in tables),
        "updated": sum(c["updated"] for c in tables),
        "unchanged": sum(c["unchanged"] for c in tables),
        "skipped": sum(c["skipped"] for c in tables),
    }
