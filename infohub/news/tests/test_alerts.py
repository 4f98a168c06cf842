"""Alerts: created through the service, shown on the home page only while live and in force."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import timezone, translation

from infohub.audit.models import AuditAction, AuditEvent
from infohub.news.errors import AlertError
from infohub.news.models import Alert
from infohub.news.selectors import alert_list_current, alert_text
from infohub.news.services import alert_create
from infohub.news.tests.conftest import make_alert, make_news

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def render_alerts(lang: str, country: str = "") -> str:
    template = Template(
        "{% load news_tags %}"
        + ("{% current_alerts country %}" if country else "{% current_alerts %}")
    )
    with translation.override(lang):
        return template.render(Context({"country": country}))


def test_the_tag_shows_current_alerts_but_not_expired_or_future_ones() -> None:
    make_alert("Border crossing closed today", starts_in=-HOUR, lasts=DAY)
    make_alert("Expired yesterday", starts_in=-2 * DAY, lasts=DAY)
    make_alert("Starts tomorrow", starts_in=DAY, lasts=DAY)
    html = render_alerts("es")
    assert "Border crossing closed today" in html
    assert "Expired yesterday" not in html
    assert "Starts tomorrow" not in html
    assert '<li class="alert alert-warning">' in html


def test_an_alert_ends_exactly_at_its_expiry() -> None:
    alert = make_alert("Short", starts_in=-HOUR, lasts=HOUR * 2)
    assert list(alert_list_current(lang="es", now=alert.expires_at - HOUR)) == [alert]
    assert list(alert_list_current(lang="es", now=alert.expires_at)) == []
    assert list(alert_list_current(lang="es", now=alert.starts_at)) == [alert]


def test_the_most_severe_alerts_come_first() -> None:
    make_alert("Just so you know", severity="info")
    make_alert("Danger ahead", severity="danger")
    make_alert("Be careful", severity="warning")
    alerts = alert_list_current(lang="es", now=timezone.now())
    titles = [text.title for a in alerts if (text := alert_text(alert=a, lang="es"))]
    assert titles == ["Danger ahead", "Be careful", "Just so you know"]


def test_the_tag_shows_every_alert_in_force_in_the_readers_language_or_along_the_chain() -> None:
    make_alert("Frontera cerrada", lang="es")
    make_alert("Fwontyè a fèmen", lang="ht")
    html = render_alerts("ht")
    assert "<span>Fwontyè a fèmen" in html
    assert '<span lang="es">Frontera cerrada' in html


def test_without_alerts_in_the_readers_language_it_falls_back_to_any_language() -> None:
    make_alert("Frontera cerrada", lang="es")
    html = render_alerts("fr")
    assert '<span lang="es">Frontera cerrada' in html


def test_nothing_is_rendered_without_current_alerts() -> None:
    make_alert("Expired", starts_in=-2 * DAY, lasts=DAY)
    assert render_alerts("es").strip() == ""


def test_alerts_can_be_limited_to_a_country() -> None:
    make_alert("Costa Rica only", countries=("CR",))
    make_alert("Costa Rica and Panama", countries=("PA", "CR", "DO"))
    make_alert("Everywhere")
    make_alert("Haiti only", countries=("HT",))
    html = render_alerts("es", country="CR")
    for title in ("Costa Rica only", "Costa Rica and Panama", "Everywhere"):
        assert title in html
    assert "Haiti only" not in html


def test_creating_an_alert_writes_an_audit_row() -> None:
    alert = make_alert("Audited")
    event = AuditEvent.objects.filter(object_id=alert.public_id).earliest("id")
    assert event.action == AuditAction.ALERT_CREATE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"severity": "panic"}, "Unknown severity panic"),
        ({"title": "   "}, "An alert needs a title."),
        ({"lang": "xx"}, "xx is not an enabled language."),
        ({"expires_at": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)}, "expire after"),
        ({"starts_at": datetime.datetime(2024, 1, 3)}, "with a time zone"),  # noqa: DTZ001
        ({"countries": ["CR", "ZZ"]}, "Not ISO 3166 country codes: ZZ."),
    ],
)
def test_an_invalid_alert_is_refused_with_a_reason(
    changes: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "severity": "info",
        "title": "Valid",
        "lang": "es",
        "starts_at": datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC),
        "expires_at": datetime.datetime(2024, 1, 5, tzinfo=datetime.UTC),
    }
    with pytest.raises(AlertError, match=message):
        alert_create(**{**arguments, **changes})  # type: ignore[arg-type]
    assert not Alert.objects.exists()


def test_the_database_refuses_an_alert_that_expires_before_it_starts() -> None:
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(source_language="es", starts_at=now, expires_at=now - HOUR)


@pytest.mark.urls("infohub.news.tests.urls")
def test_the_latest_news_tag_lists_the_newest_items_and_links_to_all_news() -> None:
    for day in range(1, 6):
        make_news(f"Day {day}", date=datetime.date(2024, 1, day))
    with translation.override("fr"):
        html = Template("{% load news_tags %}{% latest_news 2 %}").render(Context())
    assert html.count("<li>") == 2
    assert "Day 5" in html
    assert "Day 4" in html
    assert 'href="/fr/news/"' in html
