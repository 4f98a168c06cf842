"""Public pages for migrants: small, server-rendered, no JavaScript needed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from infohub.articles.selectors import topic_list_in_use, topic_name
from infohub.search.selectors import search as search_content


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language()
    topics = [{"slug": t.slug, "name": topic_name(topic=t, lang=lang)} for t in topic_list_in_use()]
    return render(request, "portal/home.html", {"topics": topics})


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    response = (
        search_content(query=query, lang=translation.get_language(), limit=10) if query else None
    )
    answer_source = None
    if response and response.answer:
        answer_source = next(
            (
                r
                for r in response.results
                if r.kind == "article" and r.id == response.answer.article_id
            ),
            None,
        )
    context = {"query": query, "response": response, "answer_source": answer_source}
    return render(request, "portal/search.html", context)
