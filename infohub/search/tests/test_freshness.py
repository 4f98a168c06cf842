"""Only live content is found, in its live version, and every change is seen by the next search."""

import datetime

import pytest
from pytest_django.fixtures import Settings

from infohub.articles.models import ArticleStatus
from infohub.articles.services import (
    article_publish,
    article_transition,
    translation_save,
)
from infohub.news.models import NewsItem
from infohub.search.index import search_index
from infohub.search.models import SearchChange, SearchDocumentKind
from infohub.search.tests.conftest import WORK_PERMIT, find, found_ids
from infohub.testing.content import draft, publish
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

QUERY = "permiso de trabajo"


def test_drafts_and_articles_in_review_never_appear(world: World) -> None:
    draft(world, "a-draft", WORK_PERMIT)
    in_review = draft(world, "in-review", {"es": WORK_PERMIT["es"]})
    article_transition(article=in_review, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    assert found_ids(QUERY) == []
    assert found_ids("permit", "en") == []


def test_publishing_makes_an_article_findable_on_the_next_search(world: World) -> None:
    assert found_ids(QUERY) == []  # the index is built now, before the article exists
    article = draft(world, "work-permit", WORK_PERMIT)
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    assert found_ids(QUERY) == []
    article_publish(article=article, reviewer=world.admin)
    assert found_ids(QUERY) == [article.public_id]


def test_archiving_a_published_article_removes_it_on_the_next_search(world: World) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids(QUERY) == [article.public_id]
    article_transition(article=article, to=ArticleStatus.ARCHIVED, actor=world.editor)
    assert found_ids(QUERY) == []
    assert found_ids("permit", "en") == []


def test_sending_a_published_article_back_to_review_keeps_its_live_version_found(
    world: World,
) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids(QUERY) == [article.public_id]
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    assert found_ids(QUERY) == [article.public_id]


def test_an_edit_to_a_published_translation_is_searched_once_a_second_person_publishes_it(
    world: World,
) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids("cebolla") == []
    title, summary, body = WORK_PERMIT["es"]
    translation_save(
        article=article,
        lang="es",
        title=title,
        summary=summary,
        body=body + "\n\nNo hace falta llevar cebolla.",
        author=world.editor,
    )
    assert found_ids("cebolla") == []
    assert found_ids(QUERY) == [article.public_id]
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    article_publish(article=article, reviewer=world.admin)
    assert "<mark>cebolla</mark>" in find("cebolla").results[0].snippet


def test_a_process_whose_index_lags_still_shows_nothing_unpublished(world: World) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids(QUERY) == [article.public_id]
    # Archive without logging the change, as if this process had not seen it yet.
    type(article).objects.filter(pk=article.pk).update(status=ArticleStatus.ARCHIVED, live=False)
    assert found_ids(QUERY) == []


def test_a_change_committed_late_with_a_lower_id_is_still_applied(world: World) -> None:
    assert found_ids("volcanes") == []
    early, late = (
        NewsItem.objects.create(
            lang="es",
            date=datetime.date(2026, 1, 1),
            title=f"Volcanes {n}",
            body="Erupción de volcanes.",
            fingerprint=f"volcanes-{n}",
        )
        for n in (1, 2)
    )
    base = SearchChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    SearchChange.objects.create(id=base + 2, kind=SearchDocumentKind.NEWS, object_id=late.public_id)
    assert found_ids("volcanes") == [late.public_id]
    SearchChange.objects.create(
        id=base + 1, kind=SearchDocumentKind.NEWS, object_id=early.public_id
    )
    assert set(found_ids("volcanes")) == {early.public_id, late.public_id}


def test_a_rewritten_change_log_rebuilds_the_index(world: World) -> None:
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids(QUERY) == [article.public_id]
    # A database restored from an older backup: the changes the index saw are gone.
    SearchChange.objects.all().delete()
    type(article).objects.filter(pk=article.pk).update(status=ArticleStatus.DRAFT, live=False)
    search_index().ensure_fresh()
    assert search_index().document_count == 0


def test_the_refresh_interval_setting_spaces_out_reads_of_the_log(
    world: World, settings: Settings
) -> None:
    settings.INFOHUB_SEARCH_REFRESH_SECONDS = 3600
    assert found_ids(QUERY) == []
    article = publish(world, "work-permit", WORK_PERMIT)
    assert found_ids(QUERY) == []
    settings.INFOHUB_SEARCH_REFRESH_SECONDS = 0
    assert found_ids(QUERY) == [article.public_id]
