"""The stored shape of an API token's scopes: canonical ``AREA:ACCESS`` strings, each once."""

from typing import Annotated

from pydantic import AfterValidator, StringConstraints, TypeAdapter

from infohub.accounts.tokens import Area
from infohub.core.json_schemas import STRICT_ADAPTER
from infohub.core.json_schemas import register as register_schema

_SCOPE_PATTERN = rf"^({'|'.join(Area)}):(read|write)$"


def _each_once(scopes: list[str]) -> list[str]:
    if len(set(scopes)) != len(scopes):
        raise ValueError("a scope is listed twice")
    return scopes


# ApiToken.scopes: stored spelled out, so the plain ``read`` never reaches the database.
TOKEN_SCOPES = TypeAdapter(
    Annotated[
        list[Annotated[str, StringConstraints(pattern=_SCOPE_PATTERN)]],
        AfterValidator(_each_once),
    ],
    config=STRICT_ADAPTER,
)


def register() -> None:
    """Declare the app's JSON fields to the registry (from ``AppConfig.ready``)."""
    register_schema("accounts.ApiToken", "scopes", TOKEN_SCOPES)
