"""Two reviewers publish the same article at the same moment, on two connections.

Each publication locks the article's row and reads its status again (``editorial.steps.
lock``), so the second waits for the first and then finds nothing left to publish.
"""

import threading
from collections.abc import Iterable
from typing import Any

import pytest

from infohub.articles.errors import ArticleError
from infohub.articles.models import Article, ArticlePublication, ArticleStatus
from infohub.articles.services import article_publish
from infohub.articles.tests.test_stale_workflow_steps import in_review
from infohub.editorial import steps
from infohub.testing.personas import World
from infohub.testing.races import ON_POSTGRESQL, PAUSE_SECONDS, in_thread

pytestmark = ON_POSTGRESQL


def test_two_reviewers_publishing_at_once_make_one_publication(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = in_review(world)
    first_checked, second_done = threading.Event(), threading.Event()
    real_check = steps.check_reviewer

    def check_then_pause(*, obj: Any, reviewer_id: int, authors: Iterable[int | None]) -> None:
        real_check(obj=obj, reviewer_id=reviewer_id, authors=authors)
        if not first_checked.is_set():
            first_checked.set()
            second_done.wait(PAUSE_SECONDS)  # let the other publish now, if nothing stops it

    monkeypatch.setattr(steps, "check_reviewer", check_then_pause)
    refused: list[ArticleError] = []

    def publish(reviewer: Any, *, after: threading.Event | None = None) -> None:
        if after is not None:
            assert after.wait(10)
        try:
            article_publish(article=Article.objects.get(pk=article.pk), reviewer=reviewer)
        except ArticleError as error:
            refused.append(error)
        finally:
            if after is not None:
                second_done.set()

    errors: list[BaseException] = []
    threads = [
        in_thread(lambda: publish(world.admin), errors),
        in_thread(lambda: publish(world.manager_a, after=first_checked), errors),
    ]
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert ArticlePublication.objects.filter(article=article).count() == 1
    assert len(refused) == 1, "the second reviewer is told there is nothing left to publish"
    article.refresh_from_db()
    assert (article.status, article.live) == (ArticleStatus.PUBLISHED, True)
