"""Alerts follow the editorial workflow: translated, reviewed by a colleague, shown in a window."""

import datetime

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone, translation

from infohub.audit.models import AuditAction, AuditEvent
from infohub.news.errors import AlertError
from infohub.news.models import Alert
from infohub.news.selectors import alert_list_current, alert_text
from infohub.news.services import (
    alert_create,
    alert_publish,
    alert_transition,
    alert_translation_save,
    alert_withdraw,
)
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def write(world: World, *, starts_in: datetime.timedelta = -HOUR) -> Alert:
    starts_at = timezone.now() + starts_in
    return alert_create(
        severity="warning",
        title="Frontera cerrada",
        body="Use otro paso.",
        lang="es",
        starts_at=starts_at,
        expires_at=starts_at + DAY,
        topics=["documents"],
        actor=world.editor,
    )


def review(alert: Alert, world: World) -> Alert:
    alert_transition(alert=alert, to="in_review", actor=world.editor)
    return alert_publish(alert=alert, reviewer=world.admin)


def shown(lang: str) -> str:
    with translation.override(lang):
        return Template("{% load news_tags %}{% current_alerts %}").render(Context())


def current() -> list[Alert]:
    return list(alert_list_current(lang=None, now=timezone.now()))


def test_a_new_alert_is_not_shown_until_a_second_person_publishes_it(world: World) -> None:
    alert = write(world)
    assert current() == []
    alert_transition(alert=alert, to="in_review", actor=world.editor)
    with pytest.raises(AlertError, match="second person"):
        alert_publish(alert=alert, reviewer=world.editor)
    assert current() == []
    alert_publish(alert=alert, reviewer=world.admin)
    assert current() == [alert]
    assert "Frontera cerrada" in shown("es")
    assert list(alert.topics.values_list("slug", flat=True)) == ["documents"]
    actions = AuditEvent.objects.filter(object_id=alert.public_id).values_list("action", flat=True)
    assert set(actions) == {
        AuditAction.ALERT_CREATE,
        AuditAction.ALERT_TRANSITION,
        AuditAction.ALERT_PUBLISH,
    }


def test_an_alert_published_before_its_start_is_shown_from_its_start(world: World) -> None:
    alert = review(write(world, starts_in=DAY), world)
    assert current() == []
    with time_machine.travel(alert.starts_at + HOUR):
        assert current() == [alert]
    with time_machine.travel(alert.expires_at):
        assert current() == []


def test_an_alert_published_after_its_start_is_shown_from_its_publication(world: World) -> None:
    alert = review(write(world, starts_in=-2 * HOUR), world)
    assert alert.published_at is not None
    assert list(alert_list_current(lang=None, now=alert.starts_at + HOUR)) == []
    assert list(alert_list_current(lang=None, now=alert.published_at)) == [alert]


def test_a_changed_text_is_a_revision_the_live_text_stays_until_it_is_published(
    world: World,
) -> None:
    alert = review(write(world), world)
    alert_translation_save(
        alert=alert, lang="es", title="Frontera abierta", body="", author=world.editor
    )
    alert.refresh_from_db()
    assert alert.status == "draft"
    assert current() == [alert]
    assert "Frontera cerrada" in shown("es")
    assert "Frontera abierta" not in shown("es")
    review(alert, world)
    assert "Frontera abierta" in shown("es")


def test_a_translation_is_shown_once_published_and_readers_fall_back_along_the_chain(
    world: World,
) -> None:
    alert = review(write(world), world)
    alert_translation_save(
        alert=alert, lang="fr", title="Frontière fermée", body="", author=world.editor
    )
    text = alert_text(alert=alert, lang="ht")
    assert text is not None
    assert (text.lang, text.title) == ("es", "Frontera cerrada")  # fr is not live yet
    review(alert, world)
    text = alert_text(alert=alert, lang="ht")
    assert text is not None
    assert (text.lang, text.title, text.is_fallback) == ("fr", "Frontière fermée", True)
    assert '<span lang="fr">Frontière fermée' in shown("ht")


def test_withdrawing_is_audited_and_takes_the_alert_down_before_its_expiry(world: World) -> None:
    alert = review(write(world), world)
    alert_withdraw(alert=alert, actor=world.editor)
    assert current() == []
    assert AuditEvent.objects.filter(
        action=AuditAction.ALERT_WITHDRAW, object_id=alert.public_id
    ).exists()


def test_sending_a_live_alert_back_to_review_keeps_it_shown(world: World) -> None:
    alert = review(write(world), world)
    alert_transition(alert=alert, to="in_review", actor=world.editor)
    assert current() == [alert]
