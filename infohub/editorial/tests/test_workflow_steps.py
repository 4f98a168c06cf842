"""The editorial steps shared by articles, pathways and alerts, on an unsaved object."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings

from infohub.articles.models import Article
from infohub.editorial import steps
from infohub.editorial.diff import change_of, text_diff
from infohub.editorial.errors import EditorialError
from infohub.editorial.workflow import TRANSITIONS, EditorialStatus, can_transition
from infohub.news.models import Alert
from infohub.pathways.models import Pathway


def test_the_transitions_are_those_of_the_one_workflow() -> None:
    assert {
        "draft": {"in_review", "archived"},
        "in_review": {"draft", "published"},
        "published": {"in_review", "archived"},
        "archived": {"draft"},
    } == TRANSITIONS
    assert can_transition("in_review", "published")
    assert not can_transition("draft", "published")


def test_articles_pathways_and_alerts_share_the_statuses() -> None:
    for model in (Article, Pathway, Alert):
        assert model._meta.get_field("status").choices == EditorialStatus.choices
        assert model._meta.get_field("live").default is False


def test_moving_to_review_keeps_a_live_object_live() -> None:
    article = Article(status=EditorialStatus.PUBLISHED, live=True)
    steps.move(article, EditorialStatus.IN_REVIEW)
    assert (article.status, article.live) == (EditorialStatus.IN_REVIEW, True)


@pytest.mark.parametrize(
    ("to", "message"),
    [("published", "use the publish action"), ("archived", "use the withdraw action")],
)
def test_publishing_and_archiving_are_not_plain_moves(to: str, message: str) -> None:
    with pytest.raises(EditorialError, match=message):
        steps.move(Article(status=EditorialStatus.IN_REVIEW), to)


def test_saving_a_change_to_a_published_object_starts_a_draft_revision() -> None:
    article = Article(status=EditorialStatus.PUBLISHED, live=True)
    steps.start_revision(article)
    assert (article.status, article.live) == (EditorialStatus.DRAFT, True)
    in_review = Article(status=EditorialStatus.IN_REVIEW, live=True)
    steps.start_revision(in_review)
    assert in_review.status == EditorialStatus.IN_REVIEW


def test_the_last_author_cannot_publish_and_only_from_review() -> None:
    with pytest.raises(EditorialError, match="second person"):
        steps.check_reviewer(
            obj=Article(status=EditorialStatus.IN_REVIEW), reviewer_id=7, authors=[3, 7]
        )
    with pytest.raises(EditorialError, match="Only content in review"):
        steps.check_reviewer(obj=Article(status=EditorialStatus.DRAFT), reviewer_id=7, authors=[])
    steps.check_reviewer(obj=Article(status=EditorialStatus.IN_REVIEW), reviewer_id=7, authors=[3])


def test_publishing_sets_the_review_dates_and_keeps_the_first_publication() -> None:
    first = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    article = Article(status=EditorialStatus.IN_REVIEW, published_at=first)
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        due = steps.publish(article, reviewer_id=None)
    assert article.live
    assert article.published_at == first
    assert due == dt.date(2026, 6, 1) + dt.timedelta(days=settings.INFOHUB_REVIEW_PERIOD_DAYS)


def test_withdrawing_takes_the_object_offline_and_says_whether_it_was_live() -> None:
    article = Article(status=EditorialStatus.IN_REVIEW, live=True)
    with pytest.raises(EditorialError):
        steps.withdraw(article)  # in review: back to draft first
    article.status = EditorialStatus.PUBLISHED
    assert steps.withdraw(article) is True
    assert (article.status, article.live) == (EditorialStatus.ARCHIVED, False)


def test_the_diff_shows_removed_and_added_lines_in_order() -> None:
    lines = text_diff("one\ntwo\nthree", "one\nTWO\nthree\nfour")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "one"),
        ("removed", "two"),
        ("added", "TWO"),
        ("same", "three"),
        ("added", "four"),
    ]


def test_a_change_lists_only_fields_that_differ_and_none_when_equal() -> None:
    live = [("Title", "A"), ("Body", "same")]
    change = change_of(lang="es", live=live, proposed=[("Title", "B"), ("Body", "same")])
    assert change is not None
    assert [f.label for f in change.fields] == ["Title"]
    assert change_of(lang="es", live=live, proposed=live) is None
    new = change_of(lang="ht", live=None, proposed=[("Title", "C")])
    assert new is not None
    assert "not live yet" in new.heading
