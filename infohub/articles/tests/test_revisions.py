"""Revisions of a published article: the live version stays public until a second person
publishes the new one, on every channel, and only withdrawing takes it offline."""

from pathlib import Path

import pytest
from django.test import Client

from infohub.articles.errors import ArticleError
from infohub.articles.imports import articles_export, articles_import
from infohub.articles.models import Article, ArticleStatus
from infohub.articles.selectors import article_pending_changes, translation_latest_text
from infohub.articles.services import (
    article_publish,
    article_transition,
    article_withdraw,
    translation_save,
)
from infohub.audit.models import AuditAction, AuditEvent
from infohub.search.tests.conftest import found_ids
from infohub.testing.content import publish
from infohub.testing.personas import World, sign_in

pytestmark = pytest.mark.django_db

LIVE = ("Permiso de trabajo", "Cómo pedirlo.", "Lleve su **pasaporte**.")
NEW_BODY = "Lleve su **pasaporte** y una foto reciente."


@pytest.fixture
def article(world: World) -> Article:
    return publish(world, "work-permit", {"es": LIVE, "fr": ("Permis", "", "Votre passeport.")})


def revise(article: Article, world: World, body: str = NEW_BODY) -> None:
    title, summary, _ = LIVE
    translation_save(
        article=article, lang="es", title=title, summary=summary, body=body, author=world.editor
    )


def page(lang: str = "es") -> str:
    response = Client().get(f"/{lang}/articles/work-permit/")
    assert response.status_code == 200
    return response.content.decode()


def api_body() -> str:
    response = Client().get("/api/v1/articles?lang=es")
    assert response.status_code == 200
    [item] = response.json()["items"]
    detail = Client().get(f"/api/v1/articles/{item['id']}?lang=es").json()
    return str(detail["body_html"])


def test_a_saved_change_is_kept_as_a_revision_and_the_live_text_stays_everywhere(
    world: World, article: Article
) -> None:
    revise(article, world)
    article.refresh_from_db()
    assert (article.status, article.live) == (ArticleStatus.DRAFT, True)
    translation = article.translations.get(lang="es")
    assert translation_latest_text(translation)[2] == NEW_BODY
    assert "foto reciente" not in page()
    assert "foto reciente" not in api_body()
    assert found_ids("foto reciente") == []
    assert found_ids("permiso de trabajo") == [article.public_id]


def test_sending_the_revision_to_review_keeps_the_live_version_public(
    world: World, article: Article
) -> None:
    revise(article, world)
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    assert "<strong>pasaporte</strong>" in page()
    assert "Votre passeport." in page("fr")
    assert found_ids("permiso de trabajo") == [article.public_id]


def test_the_author_of_the_revision_cannot_publish_it_a_second_person_can(
    world: World, article: Article
) -> None:
    revise(article, world)
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    with pytest.raises(ArticleError, match="second person"):
        article_publish(article=article, reviewer=world.editor)
    assert "foto reciente" not in page()
    article_publish(article=article, reviewer=world.admin)
    assert "foto reciente" in page()
    assert "foto reciente" in api_body()
    assert found_ids("foto reciente") == [article.public_id]
    es = article.translations.get(lang="es")
    assert es.live_number == es.versions.count() == 2


def test_a_language_added_after_publication_waits_for_its_review(
    world: World, article: Article
) -> None:
    translation_save(
        article=article, lang="ht", title="Pèmi travay", summary="", body="Pote paspò w.",
        author=world.editor,
    )  # fmt: skip
    assert "Pèmi travay" not in page("ht")  # the reader still gets the French fallback
    assert "Votre passeport." in page("ht")
    article_transition(article=article, to=ArticleStatus.IN_REVIEW, actor=world.editor)
    article_publish(article=article, reviewer=world.admin)
    assert "Pèmi travay" in page("ht")


def test_the_pending_changes_are_the_diff_between_live_and_proposed(
    world: World, article: Article
) -> None:
    assert article_pending_changes(article=article) == []
    revise(article, world)
    [change] = article_pending_changes(article=article)
    assert change.lang == "es"
    [body] = change.fields
    assert [(line.kind, line.text) for line in body.lines] == [
        ("removed", "Lleve su **pasaporte**."),
        ("added", NEW_BODY),
    ]


def test_withdrawing_is_its_own_audited_step_and_takes_the_article_offline(
    world: World, article: Article
) -> None:
    article_withdraw(article=article, actor=world.editor)
    assert Client().get("/es/articles/work-permit/").status_code == 404
    assert found_ids("permiso de trabajo") == []
    assert AuditEvent.objects.filter(
        action=AuditAction.ARTICLE_WITHDRAW, object_id=article.public_id
    ).exists()


def test_the_admin_shows_the_diff_and_edits_the_latest_revision(
    world: World, article: Article
) -> None:
    revise(article, world)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.editor)
    change = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "<ins>+ Lleve su **pasaporte** y una foto reciente.</ins>" in change
    assert "<del>- Lleve su **pasaporte**.</del>" in change
    form = client.get(f"/admin/articles/article/{article.pk}/translate/es/").content.decode()
    assert "foto reciente" in form.split('name="body"')[1].split("</textarea>")[0]


def test_exporting_and_importing_a_pending_revision_changes_nothing(
    world: World, article: Article, tmp_path: Path
) -> None:
    revise(article, world)
    articles_export(directory=tmp_path)
    assert NEW_BODY in (tmp_path / "work-permit.es.md").read_text()
    versions = article.translations.get(lang="es").versions.count()

    articles_import(directory=tmp_path, actor=world.editor)

    assert article.translations.get(lang="es").versions.count() == versions
    assert "foto reciente" not in page()
