"""The registry of JSON fields' schemas: each app declares the shape of every JSONField it stores.

Apps register from their ``schemas.py``, imported in ``AppConfig.ready()``; a test walks
every model's JSON fields and fails on one that is not registered. The schemas are
pydantic ``TypeAdapter``s parsed strictly, so a value is refused rather than coerced.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pydantic import AfterValidator, ConfigDict, TypeAdapter, ValidationError

# Models set STRICT as their ``model_config``; adapters of lists and dicts take STRICT_ADAPTER
# (pydantic refuses a config for an adapter of a model, which carries its own).
STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)
STRICT_ADAPTER = ConfigDict(strict=True)

_SCHEMAS: dict[tuple[str, str], TypeAdapter[Any]] = {}

T = TypeVar("T")


def _content_language(code: str) -> str:
    if code not in settings.INFOHUB_CONTENT_LANGUAGES:
        enabled = ", ".join(settings.INFOHUB_CONTENT_LANGUAGES)
        raise ValueError(f"{code!r} is not an enabled content language ({enabled})")
    return code


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("the text must not be empty")
    return value


# A key of the {lang: text} maps that content is stored in.
ContentLanguage = Annotated[str, AfterValidator(_content_language)]
# Text a reader sees: never empty or only spaces.
Text = Annotated[str, AfterValidator(_text)]


def register(model_label: str, field_name: str, adapter: TypeAdapter[Any]) -> None:
    """Declare the schema of ``model_label``'s (``app.Model``) JSON field ``field_name``."""
    key = (model_label.lower(), field_name)
    # The same adapter twice is harmless (a module imported again); two schemas are a mistake.
    if _SCHEMAS.get(key, adapter) is not adapter:
        raise ImproperlyConfigured(f"{model_label}.{field_name} has a schema already")
    _SCHEMAS[key] = adapter


def schema_for(model_label: str, field_name: str) -> TypeAdapter[Any] | None:
    """The registered schema of a JSON field, or None."""
    return _SCHEMAS.get((model_label.lower(), field_name))


def registered_fields() -> set[tuple[str, str]]:
    """Every (lower-case model label, field name) that has a schema."""
    return set(_SCHEMAS)


def describe(error: ValidationError, field: str) -> str:
    """The problems of a refused value, each as ``field.place: message``, joined by "; "."""
    problems = []
    for item in error.errors(include_url=False):
        place = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"])
        problems.append(f"{field}{place}: {item['msg']}")
    return "; ".join(problems)


def parse(
    adapter: TypeAdapter[T],
    value: object,
    *,
    field: str,
    error: Callable[[str], Exception],
    context: Mapping[str, Any] | None = None,
) -> T:
    """The parsed value; ``error`` (the app's domain error) naming every problem otherwise."""
    try:
        return adapter.validate_python(value, context=context)
    except ValidationError as problem:
        raise error(describe(problem, field)) from None
