"""Public API for published articles: /api/v1/articles and /api/v1/articles/{id}."""

import datetime as dt
import uuid

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from infohub.articles.models import Article
from infohub.articles.selectors import (
    article_is_outdated,
    article_list_published,
    translation_for,
)
from infohub.core.api_params import CountryCode, LanguageCode
from infohub.core.pagination import PageParams

router = Router(tags=["articles"])


class ArticleFilters(PageParams):
    topic: str | None = None
    country: CountryCode | None = None
    audience: str | None = None
    lang: LanguageCode = Field(default_factory=lambda: settings.LANGUAGE_CODE)


class ArticleOut(Schema):
    id: uuid.UUID
    slug: str
    lang: str
    requested_lang: str
    fallback: bool
    needs_update: bool
    title: str
    summary: str
    topics: list[str]
    countries: list[str]
    audience: list[str]
    url: str
    last_reviewed_at: dt.datetime | None
    review_due: dt.date | None
    outdated: bool


class ArticleDetailOut(ArticleOut):
    body_html: str
    sources: list[str]


def _check_lang(lang: str) -> None:
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise HttpError(422, f"lang must be one of {', '.join(settings.INFOHUB_CONTENT_LANGUAGES)}")


def article_out(article: Article, lang: str, *, detail: bool = False) -> dict[str, object]:
    chosen = translation_for(article=article, lang=lang)
    if chosen is None:
        raise Http404
    translation = chosen.translation
    data: dict[str, object] = {
        "id": article.public_id,
        "slug": article.slug,
        "lang": translation.lang,
        "requested_lang": lang,
        "fallback": chosen.is_fallback,
        "needs_update": translation.needs_update,
        "title": translation.title,
        "summary": translation.summary,
        "topics": [topic.slug for topic in article.topics.all()],
        "countries": [str(code) for code in article.countries],
        "audience": [a for a in article.audience.split(",") if a],
        "url": f"/{lang}/articles/{article.slug}/",
        "last_reviewed_at": article.last_reviewed_at,
        "review_due": article.review_due,
        "outdated": article_is_outdated(article=article, today=timezone.localdate()),
    }
    if detail:
        data |= {"body_html": translation.body_html, "sources": list(article.sources)}
    return data


class ArticlePage(Schema):
    items: list[ArticleOut]
    count: int


@router.get("/articles", response=ArticlePage, auth=None)
def article_list(request: HttpRequest, filters: Query[ArticleFilters]) -> dict[str, object]:
    """Published articles, each in the requested language or its fallback."""
    _check_lang(filters.lang)
    articles = article_list_published(
        topic=filters.topic, country=filters.country, audience=filters.audience
    )
    page = articles[filters.offset : filters.offset + filters.limit]
    return {"items": [article_out(a, filters.lang) for a in page], "count": articles.count()}


@router.get("/articles/{article_id}", response=ArticleDetailOut, auth=None)
def article_detail(
    request: HttpRequest, article_id: str, lang: LanguageCode | None = None
) -> dict[str, object]:
    lang = lang or settings.LANGUAGE_CODE
    _check_lang(lang)
    try:
        public_id = uuid.UUID(article_id)
    except ValueError:
        raise Http404 from None
    article = article_list_published().filter(public_id=public_id).first()
    if article is None:
        raise Http404
    return article_out(article, lang, detail=True)
