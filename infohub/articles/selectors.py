"""Reads for the knowledge base: public lists, language fallback, editors' queues."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from infohub.articles.models import Article, ArticleTranslation, Topic
from infohub.editorial.diff import Change, change_of
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
    articles = Article.objects.filter(live=True)
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
    """The translation in ``lang``, or the first one along its fallback chain.

    Of a live article, only live translations: a language drafted since its
    publication is not shown before it is published.
    """
    available = {
        t.lang: t
        for t in article.translations.all()
        if t.live_number is not None or not article.live
    }
    code = best_language(available, lang)
    return ChosenTranslation(translation=available[code], requested=lang) if code else None


def article_is_outdated(*, article: Article, today: dt.date) -> bool:
    return article.review_due is not None and article.review_due < today


def article_list_due_for_review(*, today: dt.date) -> QuerySet[Article]:
    return Article.objects.filter(live=True, review_due__lt=today)


def translation_list_needing_update() -> QuerySet[ArticleTranslation]:
    return ArticleTranslation.objects.filter(needs_update=True).select_related("article")


def topic_name(*, topic: Topic, lang: str) -> str:
    """The topic's name in ``lang`` or along its fallback chain, else its slug."""
    for code in languages_to_try(lang):
        if topic.names.get(code):
            return str(topic.names[code])
    return topic.slug.replace("-", " ").capitalize()


def topic_list_in_use() -> QuerySet[Topic]:
    """Topics with at least one live article."""
    return Topic.objects.filter(articles__live=True).distinct()


def translation_latest_text(translation: ArticleTranslation) -> tuple[str, str, str]:
    """Title, summary and body of the latest revision: the proposal, else the live text."""
    if translation.live_number is not None:
        pending = translation.versions.filter(number__gt=translation.live_number).first()
        if pending is not None:
            return pending.title, pending.summary, pending.body
    return translation.title, translation.summary, translation.body


def article_pending_changes(*, article: Article) -> list[Change]:
    """For the reviewer: each translation's latest revision against its live text."""
    labels = (_("Title"), _("Summary"), _("Body"))
    changes = []
    for translation in article.translations.all():
        proposed = list(zip(labels, translation_latest_text(translation), strict=True))
        live = None
        if translation.live_number is not None:
            texts = (translation.title, translation.summary, translation.body)
            live = list(zip(labels, texts, strict=True))
        change = change_of(lang=translation.lang, live=live, proposed=proposed)
        if change is not None:
            changes.append(change)
    return changes
