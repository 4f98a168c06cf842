"""Fixtures for the news tests: the regional news files and news items to show."""

import datetime
import os
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from infohub.news.models import Alert, NewsItem
from infohub.news.services import alert_create, alert_publish_imported, news_create

# The repository's parent folder holds the shared data, next to the repository.
SHARED_NEWS = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "news"


@pytest.fixture
def news_files() -> list[Path]:
    """The regional news files; missing, they skip the test, except in CI where they fail it."""
    files = sorted(SHARED_NEWS.glob("*.txt")) if SHARED_NEWS.is_dir() else []
    if not files:
        reason = f"the regional news files are not in {SHARED_NEWS.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return files


def make_news(
    title: str,
    *,
    lang: str = "en",
    date: datetime.date = datetime.date(2024, 5, 1),
    body: str = "First paragraph.\n\nSecond paragraph.",
    countries: tuple[str, ...] = (),
) -> NewsItem:
    return news_create(lang=lang, date=date, title=title, body=body, countries=countries)


def make_alert(
    title: str,
    *,
    lang: str = "es",
    severity: str = "warning",
    starts_in: datetime.timedelta = datetime.timedelta(hours=-1),
    lasts: datetime.timedelta = datetime.timedelta(days=1),
    countries: tuple[str, ...] = (),
) -> Alert:
    """An alert published by its start (or now, if that is earlier), as reviewed content.

    The review itself is tested apart, in test_alert_workflow.py.
    """
    now = timezone.now()
    starts_at = now + starts_in
    with time_machine.travel(min(starts_at, now), tick=False):
        alert = alert_create(
            severity=severity,
            title=title,
            lang=lang,
            starts_at=starts_at,
            expires_at=starts_at + lasts,
            countries=countries,
        )
        return alert_publish_imported(alert=alert)
