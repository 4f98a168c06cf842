"""Creating one news item: validated, unique per language, date and title, audited."""

import datetime

import pytest

from infohub.audit.models import AuditAction, AuditEvent
from infohub.news.errors import NewsError
from infohub.news.models import NewsItem
from infohub.news.services import news_create, news_fingerprint
from infohub.search.models import SearchChange

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 5, 1)


def test_it_creates_an_item_with_an_audit_row_and_a_search_change() -> None:
    item = news_create(lang="fr", date=DAY, title="  Des  centres ouvrent ", countries=["cr"])
    assert item.title == "Des centres ouvrent"
    assert [c.code for c in item.countries] == ["CR"]
    assert item.fingerprint == news_fingerprint(lang="fr", date=DAY, title="des centres OUVRENT")
    assert AuditEvent.objects.get(object_id=item.public_id).action == AuditAction.NEWS_CREATE
    assert SearchChange.objects.get().object_id == item.public_id


def test_the_same_title_on_the_same_day_in_another_language_is_another_item() -> None:
    news_create(lang="fr", date=DAY, title="Migration")
    news_create(lang="en", date=DAY, title="Migration")
    news_create(lang="en", date=DAY + datetime.timedelta(days=1), title="Migration")
    assert NewsItem.objects.count() == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": " "}, "A news item needs a title."),
        ({"lang": "de"}, "de is not an enabled language."),
        ({"countries": ["XX"]}, "Not ISO 3166 country codes: XX."),
        ({"tags": "Not A Slug"}, "is not a valid tag"),
        ({"tags": ",".join(f"t{n}" for n in range(11))}, "at most 10 tags"),
        ({"title": "EXISTING item"}, "exists in this language"),
    ],
)
def test_an_invalid_item_is_refused_with_a_reason(changes: dict[str, object], message: str) -> None:
    news_create(lang="en", date=DAY, title="Existing item")
    arguments: dict[str, object] = {"lang": "en", "date": DAY, "title": "New item"}
    with pytest.raises(NewsError, match=message):
        news_create(**{**arguments, **changes})  # type: ignore[arg-type]
    assert NewsItem.objects.count() == 1
