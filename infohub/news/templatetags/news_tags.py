"""``{% current_alerts %}`` and ``{% latest_news %}`` for the home page."""

from typing import Any

from django import template
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from infohub.news.selectors import alert_list_current, alert_text, news_list_for_reader

register = template.Library()

# Named here, not taken from Django's catalogs, which have no Haitian Creole: readers
# of every portal language see the names in their own language.
LANGUAGE_NAMES = {
    "en": _("English"),
    "es": _("Spanish"),
    "fr": _("French"),
    "ht": _("Haitian Creole"),
}


@register.filter
def language_name(code: str) -> str:
    """The name of language ``code`` in the active language: ``{{ item.lang|language_name }}``."""
    name = LANGUAGE_NAMES.get(code)
    if name is not None:
        return str(name)
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


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
