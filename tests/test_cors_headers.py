"""Only the public HSDS API lets other origins read it: a walk over every URL group says so."""

import re
import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

HSDS = "/api/hsds/"
ORIGIN = {"Origin": "https://elsewhere.example"}
PREFLIGHT = {**ORIGIN, "Access-Control-Request-Method": "GET"}
PARAMETER = re.compile(r"<[^>]+>")


def _route(pattern: object) -> str | None:
    """A concrete piece of path for a pattern; None for regular expressions."""
    if isinstance(pattern, LocalePrefixPattern):
        return "es/"
    if isinstance(pattern, RoutePattern):
        return PARAMETER.sub(str(uuid.UUID(int=1)), str(pattern))
    plain = str(pattern)
    return None if re.search(r"[\\^$()\[\]?*+|]", plain) else plain


def _paths(patterns: list[URLPattern | URLResolver], prefix: str = "/") -> Iterator[str]:
    for entry in patterns:
        route = _route(entry.pattern)
        if route is None:
            continue
        if isinstance(entry, URLResolver):
            yield from _paths(entry.url_patterns, prefix + route)
        else:
            yield prefix + route


def _group(path: str) -> str:
    first = path.strip("/").split("/", 1)[0]
    return "api/" + path.split("/")[2] if first == "api" else first


def test_the_walk_reaches_every_url_group() -> None:
    groups = {_group(path) for path in _paths(get_resolver().url_patterns)}
    assert {"api/hsds", "api/v1", "staff", "admin", "es", "healthz", "channels"} <= groups


def test_only_the_hsds_api_answers_any_origin_on_every_url(world: World) -> None:
    client = Client(raise_request_exception=False)
    for path in _paths(get_resolver().url_patterns):
        for response in (
            client.get(path, headers=ORIGIN),
            client.options(path, headers=PREFLIGHT),
        ):
            allowed = response.get("Access-Control-Allow-Origin")
            if path.startswith(HSDS):
                assert allowed == "*", path
            else:
                assert allowed is None, path


@pytest.mark.usefixtures("world")
def test_a_preflight_to_the_hsds_api_names_the_methods_and_headers_it_allows() -> None:
    asking = {**PREFLIGHT, "Access-Control-Request-Headers": "accept-language"}
    response = Client().options(f"{HSDS}services", headers=asking)
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Accept-Language" in response["Access-Control-Allow-Headers"]
    assert response.content == b""


@pytest.mark.usefixtures("world")
def test_the_hsds_api_errors_are_readable_from_other_origins_too() -> None:
    response = Client().get(f"{HSDS}services/{uuid.UUID(int=1)}", headers=ORIGIN)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
