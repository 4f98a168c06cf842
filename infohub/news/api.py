"""Public API for news: ``GET /api/v1/news``, no token needed."""

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from infohub.core.api_params import CountryCode, LanguageCode
from infohub.core.pagination import LimitOffsetPagination
from infohub.news.models import NewsItem
from infohub.news.selectors import news_list

router = Router(tags=["news"])


class NewsOut(Schema):
    id: uuid.UUID
    lang: str
    date: datetime.date
    title: str
    body: str = Field(description="Plain text; paragraphs are separated by a blank line.")
    countries: list[str] = Field(description="ISO 3166 alpha-2 codes.")
    tags: list[str]
    url: str = Field(description="The item's page on the portal.")

    @staticmethod
    def resolve_id(item: NewsItem) -> uuid.UUID:
        return item.public_id

    @staticmethod
    def resolve_countries(item: NewsItem) -> list[str]:
        return [country.code for country in item.countries]

    @staticmethod
    def resolve_tags(item: NewsItem) -> list[str]:
        return item.tag_list

    @staticmethod
    def resolve_url(item: NewsItem, context: dict[str, Any]) -> str:
        # The page in the item's own language when the portal has it, else the default.
        languages = [code for code, _name in settings.LANGUAGES]
        lang = item.lang if item.lang in languages else settings.LANGUAGE_CODE
        with translation.override(lang):
            path = reverse("news:detail", kwargs={"public_id": item.public_id})
        request: HttpRequest = context["request"]
        return request.build_absolute_uri(path)


class NewsFilters(Schema):
    lang: LanguageCode | None = Field(None, description="Only items in this language, e.g. en.")
    country: CountryCode | None = Field(None, description="Only items about this country.")


@router.get("/news", response=list[NewsOut], auth=None, summary="List news items")
@paginate(LimitOffsetPagination)
def news_index(request: HttpRequest, filters: Query[NewsFilters]) -> QuerySet[NewsItem]:
    """News items, newest first. Public: no token needed."""
    return news_list(lang=filters.lang, country=filters.country)
