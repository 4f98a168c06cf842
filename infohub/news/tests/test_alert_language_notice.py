"""An alert shown in another language than the page says so, in the reader's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from infohub.news.tests.conftest import make_alert

pytestmark = pytest.mark.django_db


def render_alerts(lang: str) -> str:
    with translation.override(lang):
        return Template("{% load news_tags %}{% current_alerts %}").render(Context())


def test_a_spanish_alert_on_a_kreyol_page_is_marked_and_says_it_is_only_in_spanish() -> None:
    make_alert("Frontera cerrada", lang="es")
    html = render_alerts("ht")
    assert '<span lang="es">Frontera cerrada</span>' in html
    assert '<small class="only-in">(sèlman an panyòl)</small>' in html


def test_an_alert_in_the_readers_language_has_no_notice() -> None:
    make_alert("Fwontyè a fèmen", lang="ht")
    html = render_alerts("ht")
    assert "<span>Fwontyè a fèmen</span>" in html
    assert "only-in" not in html
