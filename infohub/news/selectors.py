"""Reads of news items and alerts. Both are public: there is nothing to scope."""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from infohub.languages import best_language, fallback_chain
from infohub.news.models import Alert, AlertSeverity, NewsItem


def country_q(code: str) -> Q:
    """Rows whose comma-separated ``countries`` include ``code``."""
    code = code.upper()
    return (
        Q(countries=code)
        | Q(countries__startswith=f"{code},")
        | Q(countries__endswith=f",{code}")
        | Q(countries__contains=f",{code},")
    )


def news_list(*, lang: str | None = None, country: str | None = None) -> QuerySet[NewsItem]:
    """News items, newest first, optionally in one language or about one country."""
    items = NewsItem.objects.all()
    if lang:
        items = items.filter(lang=lang)
    if country:
        items = items.filter(country_q(country))
    return items.order_by("-date", "id")


def _language_rank(lang: str) -> Case:
    """0 for the reader's language, then 1, 2, ... along its fallback chain."""
    chain = fallback_chain(lang, settings.INFOHUB_LANGUAGE_FALLBACKS, settings.LANGUAGE_CODE)
    return Case(
        *(When(lang=code, then=Value(rank)) for rank, code in enumerate(chain)),
        default=Value(len(chain)),
        output_field=IntegerField(),
    )


def news_list_for_reader(*, lang: str) -> QuerySet[NewsItem]:
    """Every news item: those in the reader's language first, then the fallbacks, then the rest.

    Within each language, newest first.
    """
    return NewsItem.objects.annotate(language_rank=_language_rank(lang)).order_by(
        "language_rank", "-date", "id"
    )


def news_get(*, public_id: uuid.UUID) -> NewsItem | None:
    return NewsItem.objects.filter(public_id=public_id).first()


def alert_list_current(
    *, lang: str | None, country: str | None = None, now: datetime.datetime
) -> QuerySet[Alert]:
    """Live alerts in force at ``now``, the most severe first, then the most recent.

    An alert is in force from its publication, or its start if later, until its expiry.
    ``lang=None`` means any language, else alerts with a live text in ``lang``. With a
    ``country``, alerts for that country and alerts for no country in particular.
    """
    alerts = Alert.objects.filter(
        live=True, published_at__lte=now, starts_at__lte=now, expires_at__gt=now
    )
    if lang:
        alerts = alerts.filter(translations__lang=lang, translations__is_live=True)
    if country:
        alerts = alerts.filter(country_q(country) | Q(countries=""))
    severity_rank = Case(
        When(severity=AlertSeverity.DANGER, then=Value(0)),
        When(severity=AlertSeverity.WARNING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        alerts.annotate(severity_rank=severity_rank)
        .order_by("severity_rank", "-starts_at", "id")
        .prefetch_related("translations")
    )


@dataclass(frozen=True)
class AlertText:
    """An alert as a reader of ``requested`` sees it: its live text along the chain."""

    alert: Alert
    lang: str
    title: str
    body: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return self.lang != self.requested

    @property
    def severity(self) -> str:
        return self.alert.severity

    def get_severity_display(self) -> str:
        return str(AlertSeverity(self.alert.severity).label)

    @property
    def expires_at(self) -> datetime.datetime:
        return self.alert.expires_at


def alert_text(*, alert: Alert, lang: str) -> AlertText | None:
    """The live text in ``lang``, or the first one along its fallback chain."""
    live = {t.lang: t for t in alert.translations.all() if t.is_live}
    code = best_language(live, lang)
    if code is None:
        return None
    chosen = live[code]
    return AlertText(
        alert=alert, lang=code, title=chosen.live_title, body=chosen.live_body, requested=lang
    )
