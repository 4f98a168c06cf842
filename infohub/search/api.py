"""Public search API: GET /api/v1/search?q=&lang=&limit=."""

import uuid

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from infohub.core.api_params import VISIBLE_TEXT, LanguageCode
from infohub.search.selectors import search

router = Router(tags=["search"])

MAX_QUERY_LENGTH = 200


class SearchParams(Schema):
    q: str = Field(
        ...,
        max_length=MAX_QUERY_LENGTH,
        pattern=VISIBLE_TEXT,
        description="What to look for, in any content language.",
    )
    lang: LanguageCode | None = Field(
        None, description="The reader's language; results are shown in it when they can be."
    )
    limit: int = Field(10, ge=1, le=50)

    @field_validator("q")
    @classmethod
    def _query_text(cls, value: str) -> str:
        # Length and a visible character are checked by the field, on the text as sent.
        return value.strip()


class SearchResultOut(Schema):
    kind: str = Field(
        description="What was found: the kind of its search source "
        "(article, news, pathway, service)."
    )
    id: uuid.UUID
    lang: str
    title: str
    snippet: str = Field(description="HTML: escaped text with <mark> around matched words.")
    url: str
    score: float


class AnswerOut(Schema):
    text: str = Field(description="One to three sentences quoted from the article.")
    article_id: uuid.UUID
    lang: str


class SearchOut(Schema):
    query: str
    results: list[SearchResultOut]
    answer: AnswerOut | None


def _reader_language(request: HttpRequest, requested: str | None) -> str:
    if requested:
        return requested
    preferred = getattr(request, "LANGUAGE_CODE", None)
    if preferred in settings.INFOHUB_CONTENT_LANGUAGES:
        return str(preferred)
    return str(settings.LANGUAGE_CODE)


@router.get("/search", response=SearchOut, auth=None)
def search_endpoint(request: HttpRequest, params: Query[SearchParams]) -> object:
    """Published articles, news, pathways and services, each with a highlighted snippet.

    Each result is marked with its ``kind`` and shown in the reader's language or the
    next one along its fallback chain. The answer is quoted from a published article,
    never generated, and is null when no passage answers the question well enough.
    """
    lang = _reader_language(request, params.lang)
    return search(query=params.q, lang=lang, limit=params.limit)
