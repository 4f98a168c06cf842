"""The stored shapes of the knowledge base's JSON fields, parsed strictly before a write."""

from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from pydantic import AfterValidator, TypeAdapter

from infohub.core.json_schemas import STRICT_ADAPTER, ContentLanguage, Text
from infohub.core.json_schemas import register as register_schema

_url_validator = URLValidator(schemes=["http", "https"])


def _web_address(value: str) -> str:
    # The same check as services.clean_metadata, so a stored address always passes it again.
    try:
        _url_validator(value)
    except DjangoValidationError:
        raise ValueError("expected an http or https web address") from None
    return value


WebAddress = Annotated[str, AfterValidator(_web_address)]

# Topic.names: {lang: name}, only in enabled content languages.
TOPIC_NAMES = TypeAdapter(dict[ContentLanguage, Text], config=STRICT_ADAPTER)
# Article.sources: the official sources' web addresses, in the order given.
ARTICLE_SOURCES = TypeAdapter(list[WebAddress], config=STRICT_ADAPTER)


def register() -> None:
    """Declare the app's JSON fields to the registry (from ``AppConfig.ready``)."""
    adapters: tuple[tuple[str, str, TypeAdapter[Any]], ...] = (
        ("articles.Topic", "names", TOPIC_NAMES),
        ("articles.Article", "sources", ARTICLE_SOURCES),
    )
    for model, field, adapter in adapters:
        register_schema(model, field, adapter)
