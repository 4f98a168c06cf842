"""The API's one pagination: `limit` and `offset`, bounded before they reach the database.

An unbounded ``offset`` is valid to pydantic (Python integers have no size) but overflows
the 64-bit integers of SQLite and PostgreSQL, which answered 500. Every paginated
endpoint takes its parameters from here: ninja's ``@paginate`` through
``LimitOffsetPagination`` below, the endpoints that page by hand through ``PageParams``.
"""

from typing import Annotated

from ninja import Field, Schema
from ninja import pagination as ninja_pagination
from ninja.conf import settings as ninja_settings

# Far past any list the API serves, and offset + limit still fits in a signed 32-bit integer.
MAX_OFFSET = 2_000_000_000

Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="Items to skip.")]


class PageParams(Schema):
    """``limit`` and ``offset`` for an endpoint that slices its own list."""

    limit: int = Field(20, ge=1, le=100)
    offset: Offset = 0


class LimitOffsetPagination(ninja_pagination.LimitOffsetPagination):
    """Ninja's limit/offset pagination with both bounds in the schema (hence in OpenAPI)."""

    class Input(Schema):
        limit: int = Field(
            ninja_settings.PAGINATION_PER_PAGE, ge=1, le=ninja_settings.PAGINATION_MAX_LIMIT
        )
        offset: Offset = 0
