"""Alert subscriptions: opt-in by country and topic, confirmed; nothing without both choices."""

import datetime as dt

import pytest

from infohub.articles.services import topic_names_set
from infohub.messaging.conversation.types import Subscribe
from infohub.messaging.tests.conversation_support import chat_in, text_of
from infohub.news.services import alert_create, alert_publish, alert_transition
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(world: World) -> None:
    """A live alert about Mexico on work; topics named in Kreyòl."""
    alert = alert_create(
        severity="warning",
        title="Nuevo horario",
        lang="es",
        starts_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        expires_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
        countries=["MX"],
        topics=["work", "health"],
        actor=world.editor,
    )
    alert_transition(alert=alert, to="in_review", actor=world.editor)
    alert_publish(alert=alert, reviewer=world.admin)
    topic_names_set(slug="work", names={"es": "Trabajo", "ht": "Travay"})
    topic_names_set(slug="health", names={"es": "Salud", "ht": "Sante"})


def test_it_subscribes_by_country_and_topic_once_both_are_chosen(alerts: None) -> None:
    chat = chat_in("ht")
    asked = chat.send("Alèt")
    assert [title for _, title in chat.buttons()] == ["Repiblik Dominikèn", "Meksik"]
    assert asked.actions == ()

    topic_step = chat.press("Meksik")
    assert topic_step.actions == ()
    assert [title for _, title in chat.buttons()] == ["Tout sijè yo", "Sante", "Travay"]

    step = chat.press("Travay")

    assert step.actions == (Subscribe(country="MX", topic="work"),)
    assert "w ap resevwa alèt sou Meksik (travay)" in text_of(step)
    assert "ARETE" in text_of(step)


def test_all_topics_subscribes_with_an_empty_topic_and_a_typed_country_works(
    alerts: None,
) -> None:
    chat = chat_in("es")
    chat.send(choice="menu:alerts")
    chat.send("guatemala")

    step = chat.send("1")

    assert step.actions == (Subscribe(country="GT", topic=""),)


def test_an_unknown_country_asks_again_and_subscribes_nothing(alerts: None) -> None:
    chat = chat_in("en")
    chat.send(choice="menu:alerts")

    step = chat.send("Narnia")

    assert step.actions == ()
    assert "I do not know that country" in text_of(step)
    assert chat.state["flow"] == "alerts_country"


def test_stop_after_subscribing_unsubscribes(alerts: None) -> None:
    chat = chat_in("fr")
    chat.send(choice="menu:alerts")
    chat.send(choice="ac:MX")
    chat.send(choice="at:0")

    assert chat.send("ARRÊT").actions[0].__class__.__name__ == "Unsubscribe"
