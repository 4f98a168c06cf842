"""Portal pages for the knowledge base: topics and articles. No JavaScript needed."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from infohub.articles.models import Topic
from infohub.articles.selectors import (
    article_is_outdated,
    article_list_published,
    topic_list_in_use,
    topic_name,
    translation_for,
)


def language_name(code: str) -> str:
    names = dict(settings.LANGUAGES)
    return str(names.get(code) or LANG_INFO.get(code, {}).get("name_local", code))


def _cards(articles: object, lang: str) -> list[dict[str, object]]:
    cards = []
    for article in articles:  # type: ignore[attr-defined]
        chosen = translation_for(article=article, lang=lang)
        if chosen is not None:
            cards.append({"article": article, "translation": chosen.translation})
    return cards


@require_safe
def topic_list(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language()
    topics = [{"topic": t, "name": topic_name(topic=t, lang=lang)} for t in topic_list_in_use()]
    return render(request, "articles/topic_list.html", {"topics": topics})


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lang = translation.get_language()
    topic = get_object_or_404(Topic, slug=slug)
    articles = article_list_published(topic=slug)
    context = {
        "topic_name": topic_name(topic=topic, lang=lang),
        "cards": _cards(articles, lang),
    }
    return render(request, "articles/topic_detail.html", context)


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lang = translation.get_language()
    article = article_list_published().filter(slug=slug).first()
    chosen = translation_for(article=article, lang=lang) if article else None
    if article is None or chosen is None:
        raise Http404
    context = {
        "article": article,
        "translation": chosen.translation,
        "fallback_from": language_name(lang) if chosen.is_fallback else None,
        "fallback_to": language_name(chosen.translation.lang),
        "outdated": article_is_outdated(article=article, today=timezone.localdate()),
        "topics": [
            {"slug": t.slug, "name": topic_name(topic=t, lang=lang)} for t in article.topics.all()
        ],
    }
    return render(request, "articles/article_detail.html", context)
