"""Public news pages: a paginated list and one page per item, no JavaScript needed."""

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from infohub.news.selectors import news_get, news_list_for_reader

PER_PAGE = 20


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    lang = translation.get_language()
    paginator = Paginator(news_list_for_reader(lang=lang), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "news/list.html", {"page": page})


@require_safe
def detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    item = news_get(public_id=public_id)
    if item is None:
        raise Http404
    return render(request, "news/detail.html", {"item": item})
