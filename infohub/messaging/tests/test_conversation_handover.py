"""Handover to a counsellor: who answers and when, and consent asked once in the chat."""

import datetime as dt
import zoneinfo

import pytest

from infohub.messaging.conversation.engine import back_to_bot
from infohub.messaging.conversation.types import ConsentGiven, Handover
from infohub.messaging.tests.conversation_support import (
    NOTICE_VERSION,
    chat_in,
    make_context,
    text_of,
)

pytestmark = pytest.mark.django_db

SANTO_DOMINGO = zoneinfo.ZoneInfo("America/Santo_Domingo")
MONDAY_MORNING = dt.datetime(2026, 12, 7, 8, 30, tzinfo=SANTO_DOMINGO)


def test_a_closed_hub_says_in_kreyol_when_it_opens_with_kreyol_weekday_and_month() -> None:
    context = make_context(hub_is_open=False, hub_opens_at=MONDAY_MORNING)
    chat = chat_in("ht", context)

    step = chat.send("MOUN")

    assert step.actions == (Handover("asked"),)
    text = text_of(step)
    assert "Yon konseye nan Hub Santo Domingo ap reponn ou isit la." in text
    assert "Biwo a fèmen kounye a" in text
    assert "Lendi 7 desanm, 08:30" in text


def test_a_closed_hub_without_hours_says_as_soon_as_possible() -> None:
    chat = chat_in("es", make_context(hub_is_open=False))

    step = chat.send(choice="menu:human")

    assert "lo antes posible" in text_of(step)


def test_an_open_hub_only_says_a_counsellor_will_answer() -> None:
    step = chat_in("fr").send("agent")

    assert "Un conseiller de Hub Santo Domingo vous répondra ici." in text_of(step)
    assert "fermé" not in text_of(step)


def test_consent_is_asked_once_and_yes_gives_it_with_the_notice_version_and_language() -> None:
    chat = chat_in("ht")
    asked = chat.send("MOUN")
    assert [b.title for b in asked.replies[-1].buttons] == ["Wi", "Non"]
    assert "/ht/privacy/" in asked.replies[-1].text

    step = chat.press("Wi")

    assert step.actions == (ConsentGiven(notice_version=NOTICE_VERSION, language="ht"),)
    assert chat.state["flow"] == "waiting"
    again = chat.send("MOUN")
    assert again.actions == (Handover("asked"),)
    assert not any(r.buttons for r in again.replies)


def test_no_gives_no_consent_and_a_typed_number_answers_too() -> None:
    chat = chat_in("es", make_context(has_buttons=False))
    chat.send("persona")

    step = chat.send("2")

    assert step.actions == ()
    assert "no se guardará" in text_of(step)


def test_messages_while_waiting_for_a_counsellor_get_no_bot_reply() -> None:
    chat = chat_in("en")
    chat.send("human")
    chat.send("something else")  # not an answer to the consent question

    step = chat.send("Are you there?")

    assert step.replies == ()
    assert chat.state["flow"] == "waiting"


def test_once_the_counsellor_closes_the_bot_answers_again() -> None:
    chat = chat_in("en")
    chat.send("human")
    chat.send("no")
    chat.state = back_to_bot(chat.state)

    step = chat.send("Are you there?")

    assert "I found nothing on that" in text_of(step)
