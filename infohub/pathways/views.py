"""Portal pages for pathways: the list, one pathway, the finder and its printable summary.

The finder works without JavaScript: a short form per question, each skippable, that
asks only what can still change a result (``selectors.next_question``).
"""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from infohub.countries import country_name, country_options
from infohub.directory.nearby.municipalities import Municipality, municipality_list
from infohub.pathways.finder import FinderState, destination, posted_state
from infohub.pathways.models import Question
from infohub.pathways.places import apply_places
from infohub.pathways.presenting import answer_text, pathway_facts, question_view, result_groups
from infohub.pathways.selectors import (
    country_list_with_pathways,
    next_question,
    pathway_get_published,
    pathway_list_published,
    pathway_match,
    question_list,
    translation_for,
)


def _country_options(lang: str) -> list[dict[str, str]]:
    codes = country_list_with_pathways()
    options = [{"code": c, "name": country_name(c, lang)} for c in codes]
    return sorted(options, key=lambda o: o["name"].casefold())


def _places_near(codes: list[str]) -> list[Municipality]:
    return sorted(
        (m for m in municipality_list() if m.country in codes), key=lambda m: m.label.casefold()
    )


@require_safe
def pathway_index(request: HttpRequest) -> HttpResponse:
    return _index_page(request)


def _index_page(request: HttpRequest, *, error: str = "") -> HttpResponse:
    lang = translation.get_language()
    by_country: dict[str, list[dict[str, Any]]] = {}
    for pathway in pathway_list_published():
        chosen = translation_for(pathway=pathway, lang=lang)
        if chosen:
            by_country.setdefault(pathway.country, []).append(
                {"pathway": pathway, "translation": chosen.translation}
            )
    context = {
        "countries": _country_options(lang),
        "places": _places_near(list(by_country)),
        "groups": [
            {"name": country_name(code, lang), "cards": cards}
            for code, cards in sorted(by_country.items(), key=lambda i: country_name(i[0], lang))
        ],
        "error": error,
    }
    return render(request, "pathways/index.html", context)


@require_safe
def pathway_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lang = translation.get_language()
    pathway = pathway_get_published(slug)
    chosen = translation_for(pathway=pathway, lang=lang) if pathway else None
    if pathway is None or chosen is None:
        raise Http404
    context = {
        "pathway": pathway,
        "country_name": country_name(pathway.country, lang),
        "translation": chosen.translation,
        "fallback_from": _language_name(lang) if chosen.fallback else None,
        "fallback_to": _language_name(chosen.translation.lang),
        "facts": pathway_facts(pathway, lang, apply_places([pathway], lang=lang)[pathway.pk]),
        "outdated": bool(pathway.review_due and pathway.review_due < timezone.localdate()),
    }
    return render(request, "pathways/detail.html", context)


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


def _no_destination() -> str:
    return _("Choose the country you want to go to or stay in.")


def _step(
    request: HttpRequest, state: FinderState, template: str, questions: list[Question]
) -> HttpResponse:
    lang = translation.get_language()
    by_key = {q.key: q for q in questions}
    pathways = list(pathway_list_published(country=state.country))
    asked = None
    if template == "pathways/question.html":
        asked = next_question(
            pathways=pathways, questions=questions, answers=state.answers, skipped=state.skipped
        )
        template = template if asked else "pathways/results.html"
    context: dict[str, Any] = {
        "state": state,
        "country_name": country_name(state.country, lang),
        "hidden": state.hidden_fields(by_key),
        "step": len(state.answers) + len(state.skipped) + 1,
    }
    if asked is not None:
        context["question"] = question_view(asked, lang, country_options(lang))
    else:
        matches = pathway_match(
            pathways=pathways, questions=questions, answers=state.answers, lang=lang
        )
        near = (state.near.lat, state.near.lon) if state.near else None
        places = apply_places(pathways, lang=lang, near=near)
        context["groups"] = result_groups(matches, places, lang)
        context["given"] = _given(questions, state, lang)
        context["today"] = timezone.localdate()
    return render(request, template, context)


def _given(questions: list[Question], state: FinderState, lang: str) -> list[dict[str, str]]:
    return [
        {"question": question_view(q, lang, []).text, "answer": answer_text(q, state, lang)}
        for q in questions
        if q.key in state.answers or q.key in state.skipped
    ]


# The finder writes nothing and keeps nothing: a forged post can only show its sender
# a result, so it needs no CSRF token, and phones without cookies can use it.
@csrf_exempt
@never_cache
def pathway_finder(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    questions = question_list()
    if request.method != "POST":
        start = destination(request.GET)
        state = FinderState(*start) if start else None
    else:
        state = posted_state(request.POST, {q.key: q for q in questions})
    if state is None:
        return _index_page(request, error=_no_destination())
    return _step(request, state, "pathways/question.html", questions)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pathway_summary(request: HttpRequest) -> HttpResponse:
    """The results as a page to print or save: the person keeps it, we keep nothing."""
    if request.method != "POST":
        # A reload or a bookmark comes without the answers, which never go in a URL.
        return render(request, "pathways/summary_again.html")
    questions = question_list()
    state = posted_state(request.POST, {q.key: q for q in questions})
    if state is None:
        return _index_page(request, error=_no_destination())
    return _step(request, state, "pathways/summary.html", questions)
