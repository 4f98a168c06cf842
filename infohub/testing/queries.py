"""Query counts of a list page, for tests that guard it against one query per row."""

from collections.abc import Callable, Iterable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Adds this many rows to the page's list; returns a text per row that the page must show.
RowMaker = Callable[[int], Iterable[str]]


def queries_to_get(client: Client, path: str, shown: Iterable[str] = ()) -> int:
    """How many queries one GET of the page makes; it answers 200 and shows every text."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content[:500]
    html = response.content.decode()
    missing = [text for text in shown if text not in html]
    assert not missing, f"{path} does not show {missing}"
    return len(queries)


def query_counts(client: Client, path: str, add_rows: RowMaker, *, rows: int = 3) -> list[int]:
    """The page's query counts with ``rows`` rows, then with three times as many.

    The page is read once before counting, so what is cached on first use (content
    types, the session) does not count against the first figure.
    """
    shown = list(add_rows(rows))
    queries_to_get(client, path)
    few = queries_to_get(client, path, shown)
    shown += add_rows(2 * rows)
    return [few, queries_to_get(client, path, shown)]
