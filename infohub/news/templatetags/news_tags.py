"""``{% current_alerts %}`` and ``{% latest_news %}`` for the home page."""

from typing import Any

from django import template
from django.utils import timezone, translation

from infohub import languages
from infohub.news.selectors import alert_list_current, alert_text, news_list_for_reader

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The name of language ``code`` in the active language: ``{{ item.lang|language_name }}``."""
    return languages.language_name(code)


@register.inclusion_tag("news/alerts.html")
def current_alerts(country: str | None = None) -> dict[str, Any]:
    """Live alerts in force, each in the active language or the first along its chain."""
    lang = translation.get_language()
    shown = (
        alert_text(alert=alert, lang=lang)
        for alert in alert_list_current(lang=None, country=country, now=timezone.now())
    )
    return {"alerts": [text for text in shown if text is not None]}


@register.inclusion_tag("news/latest.html")
def latest_news(count: int = 3) -> dict[str, Any]:
    """The newest few items, those in the active language first."""
    return {"items": list(news_list_for_reader(lang=translation.get_language())[:count])}
