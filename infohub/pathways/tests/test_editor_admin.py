"""Editors' pathway tools in the admin: review queue actions and translations, all audited."""

import pytest
from django.test import Client

from infohub.accounts.services import staff_create
from infohub.accounts.signals import sync_role_groups
from infohub.audit.models import AuditEvent
from infohub.pathways.models import Pathway
from infohub.pathways.tests.factories import make_pathway, make_question, question_texts
from infohub.testing.personas import PASSWORD, World, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathway() -> Pathway:
    make_question("age", "int", {"en": question_texts("How old are you?", "your age")})
    return make_pathway("cr-work", {"field": "age", "gte": 18}, status="in_review")


def editor_client(world: World) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.editor)
    return client


def test_an_editor_edits_a_translation_through_the_service(world: World, pathway: Pathway) -> None:
    client = editor_client(world)
    translation = pathway.translations.get(lang="en")
    response = client.post(
        f"/admin/pathways/pathwaytranslation/{translation.pk}/change/",
        {"title": "Work permit", "summary": "Short.", "steps_text": "One\n\nTwo"},
    )
    assert response.status_code == 302, response.content[:600]
    translation.refresh_from_db()
    assert translation.steps == ["One", "Two"]
    assert translation.last_author == world.editor
    assert AuditEvent.objects.filter(action="pathway.translation_save").count() == 1


def test_the_last_author_cannot_publish_and_a_colleague_can(world: World, pathway: Pathway) -> None:
    client = editor_client(world)
    translation = pathway.translations.get(lang="en")
    client.post(
        f"/admin/pathways/pathwaytranslation/{translation.pk}/change/",
        {"title": "Work permit", "summary": "", "steps_text": ""},
    )
    selected = {"action": "publish", "_selected_action": [pathway.pk]}
    page = client.post("/admin/pathways/pathway/", selected, follow=True).content.decode()
    assert "A second person must review" in page
    pathway.refresh_from_db()
    assert pathway.status == "in_review"

    second, _ = staff_create(
        username="editor-two", role="editor", organisation=world.network_b, password=PASSWORD
    )
    colleague = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(colleague, second)
    colleague.post("/admin/pathways/pathway/", selected, follow=True)
    pathway.refresh_from_db()
    assert pathway.status == "published"
    assert pathway.last_reviewed_by == second


def test_the_rule_is_shown_read_only(world: World, pathway: Pathway) -> None:
    client = editor_client(world)
    page = client.get(f"/admin/pathways/pathway/{pathway.pk}/change/").content.decode()
    assert "&quot;gte&quot;: 18" in page
    client.post(f"/admin/pathways/pathway/{pathway.pk}/change/", {"slug": "renamed"})
    pathway.refresh_from_db()
    assert pathway.slug == "cr-work"


def test_editors_granted_before_an_app_existed_gain_its_permissions(world: World) -> None:
    group = world.editor.groups.get(name="role:editor")
    group.permissions.remove(*group.permissions.filter(content_type__app_label="pathways"))
    assert not world.editor.has_perm("pathways.view_pathway")
    sync_role_groups()
    editor = type(world.editor).objects.get(pk=world.editor.pk)  # fresh permission cache
    assert editor.has_perm("pathways.view_pathway")
    assert not editor.has_perm("pathways.delete_pathway")
