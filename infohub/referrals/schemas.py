"""The stored shape of a data-sharing agreement's fields, parsed strictly before a write."""

from typing import Annotated

from pydantic import AfterValidator, TypeAdapter

from infohub.core.json_schemas import STRICT_ADAPTER, parse
from infohub.core.json_schemas import register as register_schema
from infohub.referrals.errors import ReferralError
from infohub.referrals.models import SharedField


def _shared_field(name: str) -> str:
    if name not in SharedField.values:
        raise ValueError(f"{name!r} is not a shared field ({', '.join(SharedField.values)})")
    return name


def _each_once(names: list[str]) -> list[str]:
    if len(set(names)) != len(names):
        raise ValueError("a shared field is listed twice")
    return names


# SharingAgreement.fields: SharedField values, each once.
SHARED_FIELDS = TypeAdapter(
    Annotated[list[Annotated[str, AfterValidator(_shared_field)]], AfterValidator(_each_once)],
    config=STRICT_ADAPTER,
)


def shared_fields(value: object) -> list[str]:
    """The parsed fields; a ReferralError naming every problem when they do not fit."""
    return parse(SHARED_FIELDS, value, field="fields", error=ReferralError)


def register() -> None:
    """Declare the app's JSON field to the registry (from ``AppConfig.ready``)."""
    register_schema("referrals.SharingAgreement", "fields", SHARED_FIELDS)
