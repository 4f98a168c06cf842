"""Reads for the knowledge base: public lists, language fallback, editors' queues."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from infohub.articles.models import Article, ArticleStatus, ArticleTranslation, Topic
from infohub.articles.workflow import PUBLIC
from infohub.languages import best_language, languages_to_try


def tag_filter(field: str, value: str) -> Q:
    """Match one value in a comma-separated field ("CR,DO") without partial matches."""
    return (
        Q(**{field: value})
        | Q(**{f"{field}__startswith": f"{value},"})
        | Q(**{f"{field}__endswith": f",{value}"})
        | Q(**{f"{field}__contains": f",{value},"})
    )


def article_list_published(
    *, topic: str | None = None, country: str | None = None, audience: str | None = None
) -> QuerySet[Article]:
    articles = Article.objects.filter(status__in=PUBLIC)
    if topic:
        articles = articles.filter(topics__slug=topic)
    if country:
        articles = articles.filter(tag_filter("countries", country.upper()))
    if audience:
        articles = articles.filter(tag_filter("audience", audience))
    return articles.prefetch_related("translations", "topics").order_by("slug")


@dataclass(frozen=True)
class ChosenTranslation:
    translation: ArticleTranslation
    requested: str

    @property
    def is_fallback(self) -> bool:
        return self.translation.lang != self.requested


def translation_for(*, article: Article, lang: str) -> ChosenTranslation | None:
    """The translation in ``lang``, or the first one along its fallback chain."""
    available = {t.lang: t for t in article.translations.all()}
    code = best_language(available, lang)
    return ChosenTranslation(translation=available[code], requested=lang) if code else None


def article_is_outdated(*, article: Article, today: dt.date) -> bool:
    return article.review_due is not None and article.review_due < today


def article_list_due_for_review(*, today: dt.date) -> QuerySet[Article]:
    return Article.objects.filter(status=ArticleStatus.PUBLISHED, review_due__lt=today)


def translation_list_needing_update() -> QuerySet[ArticleTranslation]:
    return ArticleTranslation.objects.filter(needs_update=True).select_related("article")


def topic_name(*, topic: Topic, lang: str) -> str:
    """The topic's name in ``lang`` or along its fallback chain, else its slug."""
    for code in languages_to_try(lang):
        if topic.names.get(code):
            return str(topic.names[code])
    return topic.slug.replace("-", " ").capitalize()


def topic_list_in_use() -> QuerySet[Topic]:
    """Topics with at least one published article."""
    return Topic.objects.filter(articles__status__in=PUBLIC).distinct()
