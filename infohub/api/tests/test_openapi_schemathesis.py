"""Schemathesis with every check against /api/v1/, anonymous and as each role.

The API's own OpenAPI document drives the run, as ``schemathesis run --checks all``
would, in-process on the WSGI application: examples, coverage and fuzzing phases, with
positive and negative data, on a world of two hubs with casework in both (so lists and
details answer real rows). A failure of any check fails the test with schemathesis's
own report of it. Public operations (``auth=None``) never read a token, so they run in
the anonymous pass only; each role's pass runs every operation that takes a token.

Left out, each because it cannot apply here:

- ``object_level_authorization`` needs two users configured as peers of one another
  (``[auth.wfc]``); the permission matrix (tests/test_permission_matrix.py) checks
  every object route against a second hub instead;
- the stateful phase: the document defines no links between operations, so it has
  nothing to chain. ``use_after_free`` and ``ensure_resource_availability`` still run
  in the other phases; they find nothing there, as the API deletes nothing.
- ``max_response_time``: it has no limit unless one is configured, and timing on a
  shared test machine would make the test flaky;
- ``ignored_auth``: it re-sends each request without credentials through its own WSGI
  client, which schemathesis 4.32 builds with an argument werkzeug refuses
  (``EnvironBuilder(max_redirects=...)``), so in-process it can only error. It runs
  over HTTP instead, with every other check, in test_openapi_schemathesis_cli.py.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events

from infohub.accounts.services import api_token_create
from infohub.accounts.tokens import ALL_SCOPES
from infohub.testing.matrix import build_casework, persona_user
from infohub.testing.personas import World

pytestmark = [pytest.mark.django_db, pytest.mark.security]

# One persona of each role, and nobody.
PERSONAS = [
    "anonymous",
    "admin",
    "manager_a",
    "counsellor_a",
    "advisor_a",
    "provider_staff_a",
    "editor",
    "analyst_a",
    "dpo",
]
SEED = 20261207
WSGIApp = Callable[[dict[str, Any], Any], Any]
# Per operation and generation mode in the fuzzing phase; the coverage phase adds its own
# cases (every boundary, every missing or wrong-typed value). Two keeps the nine passes
# within make security's three minutes on two cores.
MAX_EXAMPLES = 2


@pytest.fixture
def wsgi_app(settings: Any) -> Iterator[WSGIApp]:
    """The project as a WSGI application on the test's own database connection.

    Schemathesis sends its requests from a worker thread; the application answers them
    on the test's connection, inside its transaction (one request at a time), as
    Django's live server does with SQLite in memory.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    handler = WSGIHandler()
    shared = connections[DEFAULT_DB_ALIAS]

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        connections[DEFAULT_DB_ALIAS] = shared
        return handler(environ, start_response)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    shared.inc_thread_sharing()
    try:
        yield app
    finally:
        shared.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def run_config(token: str | None) -> SchemathesisConfig:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "headers": headers,
            "workers": 1,
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
                "mode": "all",
            },
            "phases": {"stateful": {"enabled": False}},
            "checks": {"object_level_authorization": {"enabled": False}},
        }
    )
    config.projects.override.checks.update(
        included_check_names=["all"],
        excluded_check_names=["object_level_authorization", "max_response_time", "ignored_auth"],
    )
    return config


def needs_token(ctx: Any) -> bool:
    """Whether the operation reads a token; public ones never do, and run anonymously."""
    return bool(ctx.operation.definition.raw.get("security"))


def failures(app: WSGIApp, token: str | None) -> list[str]:
    """Every failed check of one run, as schemathesis reports it."""
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=run_config(token))
    schema = loaded if token is None else loaded.include(func=needs_token)
    found = []
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.status == Status.FAILURE:
            for checks in event.recorder.checks.values():
                found += [
                    f"{event.recorder.label}: {check.name}: {check.failure_info.failure}\n"
                    f"{check.failure_info.code_sample[:3000]}"
                    for check in checks
                    if check.failure_info is not None
                ]
        elif isinstance(event, events.NonFatalError | events.FatalError):
            found.append(f"error: {event!r}")
    return sorted(set(found))


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_passes_every_schemathesis_check(world: World, wsgi_app, persona) -> None:
    build_casework(world)
    token = None
    if persona != "anonymous":
        _, token = api_token_create(
            user=persona_user(world, persona), label="schemathesis", scopes=ALL_SCOPES
        )

    found = failures(wsgi_app, token)
    assert not found, "\n".join(found)
