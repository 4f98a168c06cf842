"""Who and where a change comes from, without passing the request into services.

The middleware sets it for web requests; management commands get a ``cli:`` request
id. Services read it when they write audit rows.
"""

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip: str | None = None


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "infohub_request_context", default=None
)


def new_request_id() -> str:
    return uuid.uuid4().hex


def current_context() -> RequestContext:
    """Return the active context, or a fresh one for work outside any request."""
    context = _current.get()
    if context is None:
        return RequestContext(request_id=f"cli:{new_request_id()}")
    return context


@contextmanager
def bound_context(context: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
