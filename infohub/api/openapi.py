"""The API's OpenAPI document says which errors each operation can answer, and their shape.

Chosen: one ``NinjaAPI`` subclass that adds the error responses to every operation of the
generated document, rather than a ``response={...}`` dict on each endpoint. The errors
come from layers the endpoints do not see (the request-input and rate-limit middleware,
authentication, token scopes, the error handlers), so the rule for which operation can
answer which error belongs in one place too, next to those layers, and a new endpoint is
documented without anyone remembering to. Each error answers in the one shape of
``infohub.core.http_errors``, declared once as the ``Error`` component.

Which operation can answer what:

- every operation: 413 (a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``), 422 (validation,
  control characters anywhere in the request) and 429 with ``Retry-After`` (rate limits);
- an operation with query parameters: 414 (a request line longer than gunicorn or the
  proxy accepts; they answer it in their own format, so no body is declared);
- an operation with a body: 400 (a body that cannot be parsed as its media type);
- an operation that needs a token: 401 (no, expired or revoked token) and 403 (the
  owner's role or the token's scopes);
- an operation with a path parameter: 404 (nothing visible with that id);
- an endpoint may declare another error status with only a description, in its
  ``openapi_extra``; it is given the error shape here;
- an operation that writes: 409 (a domain rule refused the step, e.g. a referral's
  status moving backwards), 403 (an account that keeps no records) and 404 (a record
  the body refers to, such as a person, is not one the account may see).

The constraints of parameters (bounds, enums, lengths) are declared where the
parameters are, in each router's schemas; this module adds only what no endpoint owns:
that no text the API reads, in a parameter, a body's string or a body's property name,
may hold a control character other than tab, newline and carriage return
(``infohub.core.request_input`` refuses them before any view), as a ``pattern``.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from infohub.core.api_params import TEXT_CHARACTER

ERROR_REF = "#/components/schemas/Error"

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable and machine-readable."},
                "message": {"type": "string", "description": "In the reader's language."},
                "details": {"description": "Where and why, or null; never a rejected value."},
            },
            "required": ["code", "message", "details"],
        }
    },
    "required": ["error"],
}

# The characters of infohub.core.request_input.FORBIDDEN that a JSON Schema regex can name
# (lone surrogates cannot be written in one, and no JSON encoder sends them).
TEXT_PATTERN = f"^{TEXT_CHARACTER}*$"

DESCRIPTIONS = {
    400: "The body cannot be read as the declared media type.",
    401: "No token, or an expired, revoked or unknown one.",
    403: "The account's roles or the token's scopes do not allow this.",
    404: "Nothing the account may see has this id.",
    409: "The records' current state does not allow this step.",
    413: "The request body is larger than the limit.",
    414: "The request line (path and query) is longer than the web server accepts; "
    "the web server answers it in its own format.",
    422: "The request is not valid: a parameter or the body, or a control character.",
    429: "Too many requests from this client; wait for Retry-After seconds.",
}

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer", "minimum": 0},
    }
}

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})
HTTP_METHODS = frozenset({"get", "head", "options", "trace", *WRITE_METHODS})


def error_statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses ``operation`` can answer, from what it declares."""
    statuses = [413, 422, 429]
    if any(parameter.get("in") == "query" for parameter in operation.get("parameters", [])):
        statuses.append(414)
    if operation.get("security"):
        statuses += [401, 403]
    if "{" in path:
        statuses.append(404)
    if "requestBody" in operation:
        statuses.append(400)
    if method in WRITE_METHODS:
        statuses += [403, 404, 409]
    return sorted(set(statuses))


def error_response(status: int) -> dict[str, Any]:
    if status == 414:  # gunicorn or the proxy answers before the application is reached
        return {"description": DESCRIPTIONS[status]}
    response: dict[str, Any] = {
        "description": DESCRIPTIONS[status],
        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
    }
    if status == 429:
        response["headers"] = RETRY_AFTER
    return response


def _plain_text(schema: dict[str, Any], components: dict[str, Any], seen: set[str]) -> None:
    """Give every free string and every object's property names the text pattern."""
    ref = schema.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        if name not in seen and name in components:
            seen.add(name)
            _plain_text(components[name], components, seen)
        return
    if schema.get("type") == "string" and not {"enum", "format", "pattern"} & schema.keys():
        schema["pattern"] = TEXT_PATTERN
    if schema.get("type") == "object" or "properties" in schema:
        schema.setdefault("propertyNames", {"pattern": TEXT_PATTERN})
    children = [*schema.get("properties", {}).values(), *schema.get("anyOf", [])]
    children += [*schema.get("oneOf", []), *schema.get("allOf", [])]
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            children.append(schema[key])
    for child in children:
        _plain_text(child, components, seen)


def _inputs(operation: dict[str, Any]) -> list[dict[str, Any]]:
    schemas = [parameter.get("schema", {}) for parameter in operation.get("parameters", [])]
    for content in operation.get("requestBody", {}).get("content", {}).values():
        schemas.append(content.get("schema", {}))
    return schemas


def document_errors(schema: dict[str, Any]) -> None:
    """Add the Error component, each operation's errors and the text pattern of inputs."""
    components = schema["components"].setdefault("schemas", {})
    seen: set[str] = set()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            for input_schema in _inputs(operation):
                _plain_text(input_schema, components, seen)
            responses = operation.setdefault("responses", {})
            for status in error_statuses(path, method, operation):
                responses.setdefault(status, error_response(status))
            for status, response in responses.items():
                # An endpoint's own error status (openapi_extra) gets the one shape too.
                if int(status) >= 400 and int(status) != 414 and "content" not in response:
                    response["content"] = error_response(int(status))["content"]
    components["Error"] = ERROR_SCHEMA


class DocumentedAPI(NinjaAPI):
    """A ``NinjaAPI`` whose OpenAPI document declares the errors every operation can answer."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema
