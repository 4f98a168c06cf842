"""Editors' tools in the admin: create, translate side by side, review queue, lists."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from infohub.accounts.models import Hub, User
from infohub.accounts.services import staff_create
from infohub.articles.models import Article, ArticleStatus
from infohub.testing.personas import PASSWORD, World, sign_in

pytestmark = pytest.mark.django_db


def editor_client(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


@pytest.fixture
def second_editor(world: World) -> User:
    user, _ = staff_create(
        username="editor-two", role="editor", organisation=world.network_b, password=PASSWORD
    )
    return user


def create_and_translate(client: Client) -> Article:
    response = client.post(
        "/admin/articles/article/add/",
        {
            "slug": "asylum",
            "source_language": "es",
            "audience_list": ["transit"],
            "sources_text": "https://www.unhcr.org/",
        },
    )
    assert response.status_code == 302, response.content[:800]
    article = Article.objects.get(slug="asylum")
    for lang in ("es", "ht"):
        response = client.post(
            f"/admin/articles/article/{article.pk}/translate/{lang}/",
            {"title": f"Asilo {lang}", "summary": "", "body": f"Texto {lang}"},
        )
        assert response.status_code == 302, response.content[:800]
    return article


def act(client: Client, action: str, article: Article) -> str:
    response = client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [article.pk]},
        follow=True,
    )
    return response.content.decode()


def test_editors_may_open_the_content_admin_but_counsellors_may_not(world: World) -> None:
    assert editor_client(world.editor).get("/admin/articles/article/").status_code == 200
    hub_staff = Client()
    sign_in(hub_staff, world.analyst_a)
    assert hub_staff.get("/admin/articles/article/").status_code == 302


def test_the_side_by_side_view_shows_the_source_beside_the_form(world: World) -> None:
    client = editor_client(world.editor)
    article = create_and_translate(client)
    page = client.get(f"/admin/articles/article/{article.pk}/translate/fr/").content.decode()
    assert "Texto es" in page
    assert 'name="body"' in page
    history = client.get(f"/admin/articles/article/{article.pk}/translate/ht/").content.decode()
    assert "Saved by editor-a" in history


def test_an_editor_cannot_publish_their_own_work_but_a_colleague_can(
    world: World, second_editor: User
) -> None:
    author = editor_client(world.editor)
    article = create_and_translate(author)
    act(author, "submit_for_review", article)
    page = act(author, "publish", article)
    assert "second person" in page
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    act(editor_client(second_editor), "publish", article)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.last_reviewed_by == second_editor


def test_the_due_and_needs_update_lists(world: World, second_editor: User) -> None:
    author = editor_client(world.editor)
    article = create_and_translate(author)
    act(author, "submit_for_review", article)
    act(editor_client(second_editor), "publish", article)
    author.post(
        f"/admin/articles/article/{article.pk}/translate/es/",
        {"title": "Asilo es", "summary": "", "body": "Texto nuevo"},
    )
    needs_update = author.get("/admin/articles/article/?review=needs_update").content.decode()
    assert "asylum" in needs_update
    article.refresh_from_db()
    assert article.review_due is not None
    # Noon UTC: the next day in every hub's time zone, which staff pages use.
    next_day = dt.datetime.combine(
        article.review_due + dt.timedelta(days=1), dt.time(12), tzinfo=dt.UTC
    )
    with time_machine.travel(next_day):
        due = editor_client(world.editor).get("/admin/articles/article/?review=due")
    assert "asylum" in due.content.decode()
    assert "asylum" not in author.get("/admin/articles/article/?review=due").content.decode()


def test_hub_records_stay_out_of_the_editors_admin(world: World) -> None:
    client = editor_client(world.editor)
    assert client.get("/admin/accounts/hub/").status_code == 403
    assert Hub.objects.count() == 2
