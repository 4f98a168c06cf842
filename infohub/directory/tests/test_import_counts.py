"""An import run's counts are checked strictly, in the shape they are stored in."""

import pytest

from infohub.directory.errors import DirectoryError
from infohub.directory.hsds.import_counts import parse_import_counts, total_counts

ONE_CREATED = {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0}


def test_stored_counts_read_back_as_they_were_written():
    stored = {"service": ONE_CREATED, "x_translations": {**ONE_CREATED, "updated": 2}}

    assert parse_import_counts(stored) == stored


@pytest.mark.parametrize(
    "stored",
    [
        {"service": {"created": 1}},
        {"service": {**ONE_CREATED, "deleted": 1}},
        {"service": {**ONE_CREATED, "created": "1"}},
        {"service": {**ONE_CREATED, "created": 1.0}},
        {"service": {**ONE_CREATED, "created": True}},
        {"service": {**ONE_CREATED, "created": -1}},
        {"Service; DROP": ONE_CREATED},
        [ONE_CREATED],
    ],
)
def test_counts_of_another_shape_are_refused_rather_than_coerced(stored):
    with pytest.raises(DirectoryError):
        parse_import_counts(stored)


def test_the_totals_add_up_every_table():
    counts = parse_import_counts({"service": ONE_CREATED, "phone": {**ONE_CREATED, "skipped": 3}})

    assert total_counts(counts) == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 3}
