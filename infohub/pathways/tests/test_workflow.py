"""The pathways' editorial workflow: allowed moves, a second reviewer, audit and search rows."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings

from infohub.accounts.models import User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.pathways.errors import PathwayError
from infohub.pathways.models import Pathway, PathwayTranslation
from infohub.pathways.selectors import ChosenTranslation, pathway_list_published, translation_for
from infohub.pathways.services import (
    pathway_publish,
    pathway_transition,
    pathway_translation_save,
)
from infohub.pathways.tests.factories import (
    make_pathway,
    make_question,
    pathway_texts,
    question_texts,
)
from infohub.search.models import SearchChange, SearchDocumentKind
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def pathway(status: str = "draft") -> Pathway:
    """A pathway in Spanish and English, imported with no author, in ``status``."""
    make_question("age", "int", {"en": question_texts("How old are you?", "your age")})
    return make_pathway(
        "cr-work",
        {"field": "age", "gte": 18},
        status=status,
        source_language="es",
        translations={
            "es": pathway_texts("Permiso de trabajo", steps=["Uno."]),
            "en": pathway_texts("Work permit", steps=["One."]),
        },
    )


def translate(item: Pathway, lang: str, title: str, author: User) -> PathwayTranslation:
    return pathway_translation_save(
        pathway=item, lang=lang, title=title, summary="", steps=["Step."], author=author
    )


def audit_rows(item: Pathway, action: AuditAction) -> list[int | None]:
    """The actors of the audit rows with ``action`` on the pathway."""
    rows = AuditEvent.objects.filter(action=action, object_id=item.public_id)
    return list(rows.values_list("actor_id", flat=True))


def search_changes(item: Pathway) -> int:
    return SearchChange.objects.filter(
        kind=SearchDocumentKind.PATHWAY, object_id=item.public_id
    ).count()


def stored_status(item: Pathway) -> str:
    return Pathway.objects.get(pk=item.pk).status


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("draft", "in_review"),
        ("in_review", "draft"),
        ("published", "in_review"),
        ("archived", "draft"),
    ],
)
def test_a_pathway_moves_along_an_allowed_edge_with_one_audit_row(
    world: World, start: str, to: str
) -> None:
    item = pathway(start)

    pathway_transition(pathway=item, to=to, actor=world.editor)

    assert stored_status(item) == to
    assert audit_rows(item, AuditAction.PATHWAY_TRANSITION) == [world.editor.pk]


@pytest.mark.parametrize("start", ["draft", "published"])
def test_archiving_is_a_withdrawal_with_its_own_audit_row(world: World, start: str) -> None:
    item = pathway(start)

    pathway_transition(pathway=item, to="archived", actor=world.editor)

    assert stored_status(item) == "archived"
    assert not Pathway.objects.get(pk=item.pk).live
    assert audit_rows(item, AuditAction.PATHWAY_WITHDRAW) == [world.editor.pk]
    assert audit_rows(item, AuditAction.PATHWAY_TRANSITION) == []


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("draft", "published"),
        ("in_review", "published"),
        ("in_review", "archived"),
        ("published", "draft"),
        ("archived", "in_review"),
        ("archived", "published"),
        ("draft", "draft"),
    ],
)
def test_a_move_off_the_workflow_is_refused_and_writes_nothing(
    world: World, start: str, to: str
) -> None:
    item = pathway(start)
    changes = search_changes(item)

    with pytest.raises(PathwayError):
        pathway_transition(pathway=item, to=to, actor=world.editor)

    assert stored_status(item) == start
    assert audit_rows(item, AuditAction.PATHWAY_TRANSITION) == []
    assert search_changes(item) == changes


def test_publishing_through_a_transition_points_to_the_publish_action(world: World) -> None:
    item = pathway("in_review")
    with pytest.raises(PathwayError, match="use the publish action"):
        pathway_transition(pathway=item, to="published", actor=world.admin)


@pytest.mark.parametrize("start", ["draft", "published", "archived"])
def test_only_a_pathway_in_review_can_be_published(world: World, start: str) -> None:
    item = pathway(start)
    with pytest.raises(PathwayError, match="Only a pathway in review"):
        pathway_publish(pathway=item, reviewer=world.admin)
    assert stored_status(item) == start
    assert audit_rows(item, AuditAction.PATHWAY_PUBLISH) == []


def test_a_pathway_without_translations_cannot_be_published(world: World) -> None:
    item = Pathway.objects.create(
        slug="empty",
        country="CR",
        category="work",
        status="in_review",
        source_language="es",
        eligibility={"field": "age", "gte": 18},
    )
    with pytest.raises(PathwayError, match="at least one translation"):
        pathway_publish(pathway=item, reviewer=world.admin)


def test_the_last_author_of_a_translation_cannot_publish(world: World) -> None:
    item = pathway()
    translate(item, "en", "Work permit, revised", world.editor)
    pathway_transition(pathway=item, to="in_review", actor=world.editor)

    with pytest.raises(PathwayError, match="second person"):
        pathway_publish(pathway=item, reviewer=world.editor)

    assert stored_status(item) == "in_review"
    assert audit_rows(item, AuditAction.PATHWAY_PUBLISH) == []


def test_a_second_person_publishes_and_the_review_is_recorded(world: World) -> None:
    item = pathway()
    translate(item, "en", "Work permit, revised", world.editor)
    pathway_transition(pathway=item, to="in_review", actor=world.editor)
    changes = search_changes(item)

    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        pathway_publish(pathway=item, reviewer=world.admin)

    item.refresh_from_db()
    assert (item.status, item.last_reviewed_by) == ("published", world.admin)
    assert item.published_at is not None
    assert item.published_at.date() == dt.date(2026, 3, 1)
    assert item.review_due == dt.date(2026, 3, 1) + dt.timedelta(
        days=settings.INFOHUB_REVIEW_PERIOD_DAYS
    )
    assert audit_rows(item, AuditAction.PATHWAY_PUBLISH) == [world.admin.pk]
    assert search_changes(item) == changes + 1
    assert list(pathway_list_published()) == [item]


def test_publishing_again_keeps_the_first_publication_date(world: World) -> None:
    with time_machine.travel("2026-01-01 10:00 +0000", tick=False):
        item = pathway("published")
    pathway_transition(pathway=item, to="in_review", actor=world.editor)
    with time_machine.travel("2026-06-01 10:00 +0000", tick=False):
        pathway_publish(pathway=item, reviewer=world.admin)
    item.refresh_from_db()
    assert item.published_at is not None
    assert item.published_at.date() == dt.date(2026, 1, 1)
    assert item.last_reviewed_at is not None
    assert item.last_reviewed_at.date() == dt.date(2026, 6, 1)


def test_withdrawing_writes_a_search_change_and_takes_the_pathway_offline(world: World) -> None:
    item = pathway("published")
    changes = search_changes(item)

    pathway_transition(pathway=item, to="archived", actor=world.editor)

    assert search_changes(item) == changes + 1
    assert list(pathway_list_published()) == []


def test_a_published_pathway_sent_back_to_review_stays_live(world: World) -> None:
    item = pathway("published")
    changes = search_changes(item)

    pathway_transition(pathway=item, to="in_review", actor=world.editor)

    assert search_changes(item) == changes
    assert list(pathway_list_published()) == [item]


def test_moves_between_unpublished_statuses_write_no_search_change(world: World) -> None:
    item = pathway()
    pathway_transition(pathway=item, to="in_review", actor=world.editor)
    pathway_transition(pathway=item, to="draft", actor=world.editor)
    pathway_transition(pathway=item, to="archived", actor=world.editor)
    assert search_changes(item) == 0


def test_a_translation_save_on_a_published_pathway_is_audited_and_waits_for_review(
    world: World,
) -> None:
    item = pathway("published")
    changes = search_changes(item)

    translate(item, "es", "Permiso de trabajo temporal", world.editor)
    translate(item, "fr", "Permis de travail", world.editor)

    assert audit_rows(item, AuditAction.PATHWAY_TRANSLATION_SAVE) == [world.editor.pk] * 2
    assert search_changes(item) == changes  # the live texts did not change
    shown = Pathway.objects.get(pk=item.pk)
    assert (shown.status, shown.live) == ("draft", True)
    assert [chosen.translation.title for chosen in live_titles(shown)] == ["Permiso de trabajo"]
    assert not shown.translations.get(lang="fr").is_live

    pathway_transition(pathway=shown, to="in_review", actor=world.editor)
    with pytest.raises(PathwayError, match="second person"):
        pathway_publish(pathway=shown, reviewer=world.editor)
    pathway_publish(pathway=shown, reviewer=world.admin)

    assert search_changes(item) == changes + 1
    assert [c.translation.title for c in live_titles(shown)] == ["Permiso de trabajo temporal"]
    assert shown.translations.get(lang="fr").is_live


def live_titles(item: Pathway) -> list[ChosenTranslation]:
    chosen = translation_for(pathway=Pathway.objects.get(pk=item.pk), lang="es")
    return [chosen] if chosen else []


def test_a_translation_save_on_a_draft_is_audited_but_not_sent_to_search(world: World) -> None:
    item = pathway()

    translate(item, "fr", "Permis de travail", world.editor)

    assert audit_rows(item, AuditAction.PATHWAY_TRANSLATION_SAVE) == [world.editor.pk]
    assert search_changes(item) == 0


def test_a_new_source_text_flags_the_other_translations(world: World) -> None:
    item = pathway()
    translate(item, "es", "Permiso de trabajo temporal", world.editor)
    flags = dict(item.translations.values_list("lang", "needs_update"))
    assert flags == {"es": False, "en": True}

    translate(item, "en", "Temporary work permit", world.editor)

    flags = dict(item.translations.values_list("lang", "needs_update"))
    assert flags == {"es": False, "en": False}


def test_a_translation_records_its_author_and_leaves_the_others_alone(world: World) -> None:
    item = pathway()
    saved = translate(item, "fr", "Permis de travail", world.editor)
    assert (saved.lang, saved.last_author, saved.steps) == ("fr", world.editor, ["Step."])
    authors = dict(item.translations.values_list("lang", "last_author"))
    assert authors == {"en": None, "es": None, "fr": world.editor.pk}


@pytest.mark.parametrize(
    ("lang", "title", "message"),
    [("de", "Arbeit", "not enabled"), ("fr", "   ", "title is required")],
)
def test_a_translation_that_cannot_be_saved_is_refused(
    world: World, lang: str, title: str, message: str
) -> None:
    item = pathway()
    with pytest.raises(PathwayError, match=message):
        translate(item, lang, title, world.editor)
    assert sorted(item.translations.values_list("lang", flat=True)) == ["en", "es"]
    assert audit_rows(item, AuditAction.PATHWAY_TRANSLATION_SAVE) == []


class AuditWriteError(Exception):
    pass


def break_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on every audit row fails, after the change it records was made."""

    def fail(**_: object) -> None:
        raise AuditWriteError

    monkeypatch.setattr("infohub.pathways.services.audit_record", fail)


def test_a_transition_whose_audit_row_fails_is_rolled_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = pathway("published")
    changes = search_changes(item)
    break_audit(monkeypatch)

    with pytest.raises(AuditWriteError):
        pathway_transition(pathway=item, to="archived", actor=world.editor)

    assert stored_status(item) == "published"
    assert search_changes(item) == changes


def test_a_publication_whose_audit_row_fails_is_rolled_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = pathway("in_review")
    break_audit(monkeypatch)

    with pytest.raises(AuditWriteError):
        pathway_publish(pathway=item, reviewer=world.admin)

    stored = Pathway.objects.get(pk=item.pk)
    assert (stored.status, stored.review_due, stored.last_reviewed_by) == ("in_review", None, None)
    assert search_changes(item) == 0


def test_a_translation_whose_audit_row_fails_is_rolled_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = pathway("published")
    changes = search_changes(item)
    break_audit(monkeypatch)

    with pytest.raises(AuditWriteError):
        translate(item, "es", "Otro título", world.editor)

    titles = dict(item.translations.values_list("lang", "title"))
    assert titles == {"es": "Permiso de trabajo", "en": "Work permit"}
    assert not item.translations.filter(needs_update=True).exists()
    assert search_changes(item) == changes


def test_saving_a_translation_unchanged_writes_nothing(world: World) -> None:
    item = pathway(status="published")
    translate(item, "en", "Work permit, new", world.editor)
    before = (audit_rows(item, AuditAction.PATHWAY_TRANSLATION_SAVE), search_changes(item))
    translate(item, "en", "Work permit, new", world.editor)
    after = (audit_rows(item, AuditAction.PATHWAY_TRANSLATION_SAVE), search_changes(item))
    assert after == before
    assert len(before[0]) == 1
