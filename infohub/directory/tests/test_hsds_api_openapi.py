"""Property-based test of the HSDS API against the official HSDS 3.0 OpenAPI document.

Schemathesis generates requests for every operation of the official document and
checks that no response is a server error and that every response conforms to it
(status code, content type, body schema). The document's schemas are remote
references into the Open Referral repository; they are replaced by the same schemas
read from the shared copy of the specification, as local ``#/components/schemas/``
entries, so the test never uses the network.

What the official document is given before the test, each a documented difference
of this API (see infohub/directory/hsds/api/__init__.py):

- ``GET /service_at_locations/{id}`` answers a service-at-location: the official
  document refers to the compiled *service* schema there, a slip fixed in later HSDS
  versions, and the compiled service_at_location schema is used instead;
- errors are documented: 404 (in the API's error shape) on the operations with an
  id, 422 on every operation with query parameters, since values the document allows
  (``page=0``, ``per_page=1000``, ``format=xml``, a ``modified_after`` that is not a
  date, a malformed ``proximity``) are refused;
- the ``lang`` query parameter (a content language) is added to every operation.
"""

import copy
import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from infohub.directory.tests.conftest import SHARED_HSDS
from infohub.directory.tests.test_hsds_api import (
    EXAMPLE_AT_LOCATION,
    EXAMPLE_ORGANIZATION,
    EXAMPLE_SERVICE,
    EXAMPLE_TAXONOMY,
    EXAMPLE_TERM,
    build_directory,
)

pytestmark = pytest.mark.django_db

REMOTE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
SPEC = SHARED_HSDS / "v3.0" / "schema"
# Every operation of the official document, all served.
OPERATIONS = [
    "/",
    "/services",
    "/services/{id}",
    "/organizations",
    "/organizations/{id}",
    "/service_at_locations",
    "/service_at_locations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
]
KNOWN_IDS = {
    "/services/{id}": EXAMPLE_SERVICE,
    "/organizations/{id}": EXAMPLE_ORGANIZATION,
    "/service_at_locations/{id}": EXAMPLE_AT_LOCATION,
    "/taxonomies/{id}": EXAMPLE_TAXONOMY,
    "/taxonomy_terms/{id}": EXAMPLE_TERM,
}
MAX_EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {},
            },
            "required": ["code", "message", "details"],
        }
    },
    "required": ["error"],
}


def _component(name: str) -> str:
    """The components/schemas key for a schema file ("compiled/service.json")."""
    return name.removesuffix(".json").replace("/", "_")


def _read(path: Path) -> Any:
    gzipped = Path(f"{path}.gz")
    raw = gzip.decompress(gzipped.read_bytes()) if gzipped.is_file() else path.read_bytes()
    return json.loads(raw)


def _localise(node: Any, referenced: set[str]) -> Any:
    """Replace every reference to a schema file, remote or relative, by a local one."""
    if isinstance(node, list):
        return [_localise(item, referenced) for item in node]
    if not isinstance(node, dict):
        return node
    localised = {key: _localise(value, referenced) for key, value in node.items()}
    ref = localised.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        name = ref.removeprefix(REMOTE)
        referenced.add(name)
        localised["$ref"] = f"#/components/schemas/{_component(name)}"
    return localised


def local_openapi(raw: dict[str, Any]) -> dict[str, Any]:
    """The official document with local references and this API's documented differences."""
    document = copy.deepcopy(raw)
    at_location = document["paths"]["/service_at_locations/{id}"]["get"]
    content = at_location["responses"]["200"]["content"]["application/json"]
    content["schema"]["$ref"] = f"{REMOTE}compiled/service_at_location.json"
    document["info"] = {"title": "infohub HSDS API", "version": "3.0"}
    lang = {
        "name": "lang",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": list(django_settings.INFOHUB_CONTENT_LANGUAGES)},
    }
    error = {"description": "An error", "content": {"application/json": {"schema": ERROR}}}
    for path, item in document["paths"].items():
        operation = item["get"]
        operation.setdefault("parameters", []).append(lang)
        operation["responses"]["422"] = error
        if "{id}" in path:
            operation["responses"]["404"] = error
    referenced: set[str] = set()
    localised: dict[str, Any] = _localise(document, referenced)
    schemas = localised.setdefault("components", {}).setdefault("schemas", {})
    pending = set(referenced)
    while pending:
        name = pending.pop()
        found: set[str] = set()
        schemas[_component(name)] = _localise(_read(SPEC / name), found)
        pending |= {n for n in found if _component(n) not in schemas}
    return localised


@pytest.fixture
def hsds_openapi() -> Any:
    """The official HSDS OpenAPI, made local; missing, it skips the test, except in CI."""
    path = SPEC / "openapi.json"
    if not path.is_file() or not (SPEC / "compiled").is_dir():
        reason = f"the official HSDS OpenAPI is not in {SPEC.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return schemathesis.openapi.from_dict(local_openapi(json.loads(path.read_bytes())))


@pytest.fixture
def wsgi_app(settings: Any) -> Iterator[WSGIHandler]:
    """The project as a WSGI application, inside the test's transaction.

    Django's own test client keeps requests from closing the test's database
    connection; a bare WSGI handler needs the same.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def directory(tmp_path, hsds_examples) -> None:
    build_directory(tmp_path, hsds_examples)


def test_every_remote_reference_of_the_official_document_is_made_local(hsds_openapi):
    text = json.dumps(hsds_openapi.raw_schema)

    assert "raw.githubusercontent.com" not in text
    assert '.json"' not in text


def test_the_api_serves_every_operation_of_the_official_document(hsds_openapi):
    labels = {result.ok().label for result in hsds_openapi.get_all_operations()}

    assert labels == {f"GET {path}" for path in OPERATIONS}


def _cases(
    operation: APIOperation[Any, Any, Any, Any], path: str, mode: GenerationMode
) -> st.SearchStrategy[Any]:
    """Generated cases; for a path with an id, half of them with the id of a public row."""
    cases = operation.as_strategy(generation_mode=mode)
    known = KNOWN_IDS.get(path)
    if known is None:
        return cases
    return st.one_of(
        cases, operation.as_strategy(generation_mode=mode, path_parameters={"id": known})
    )


@pytest.mark.security  # make security
@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize("path", OPERATIONS)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_conforms_to_the_hsds_openapi_and_never_fails(hsds_openapi, wsgi_app, path, mode):
    operation = hsds_openapi[path]["GET"]
    if mode is GenerationMode.NEGATIVE and not operation.query:
        pytest.skip("nothing in the request can be made invalid")

    @given(case=_cases(operation, path, mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def conforms(case: Case[Any]) -> None:
        response = case.call(app=wsgi_app, base_url="http://localhost/api/hsds")
        case.validate_response(response, checks=CHECKS)

    conforms()
