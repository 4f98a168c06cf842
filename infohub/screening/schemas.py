"""The stored shapes of the checklist's JSON texts, parsed strictly before a write."""

from typing import Annotated, Any

from pydantic import AfterValidator, TypeAdapter

from infohub.core.json_schemas import STRICT_ADAPTER, ContentLanguage, Text, parse
from infohub.core.json_schemas import register as register_schema
from infohub.screening.errors import ScreeningError


def _some_language(names: dict[str, str]) -> dict[str, str]:
    if not names:
        raise ValueError("expected a name in at least one language")
    return names


# Criterion.names: {lang: name}, in at least one language.
CRITERION_NAMES = TypeAdapter(
    Annotated[dict[ContentLanguage, Text], AfterValidator(_some_language)], config=STRICT_ADAPTER
)
# Criterion.action: {lang: what must be done}; empty when flagging asks for nothing.
CRITERION_ACTION = TypeAdapter(dict[ContentLanguage, Text], config=STRICT_ADAPTER)


def criterion_texts(*, names: object, action: object) -> tuple[dict[str, str], dict[str, str]]:
    """The parsed names and action; a ScreeningError naming every problem when one is wrong."""
    return (
        parse(CRITERION_NAMES, names, field="names", error=ScreeningError),
        parse(CRITERION_ACTION, action, field="action", error=ScreeningError),
    )


def register() -> None:
    """Declare the app's JSON fields to the registry (from ``AppConfig.ready``)."""
    adapters: tuple[tuple[str, str, TypeAdapter[Any]], ...] = (
        ("screening.Criterion", "names", CRITERION_NAMES),
        ("screening.Criterion", "action", CRITERION_ACTION),
    )
    for model, field, adapter in adapters:
        register_schema(model, field, adapter)
