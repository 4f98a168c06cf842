"""First contact: the privacy notice before anything else, then the language, asked once."""

import pytest

from infohub.messaging.conversation.language import detected_language
from infohub.messaging.conversation.menu import FINDER
from infohub.messaging.tests.conversation_support import (
    LANGUAGES,
    NOTICE_VERSION,
    SITE,
    Chat,
    make_context,
    text_of,
)

pytestmark = pytest.mark.django_db


def test_it_gives_the_notice_with_its_version_and_link_then_the_language_menu() -> None:
    step = Chat().send("?")

    notice, menu = step.replies
    assert NOTICE_VERSION in notice.text
    assert f"{SITE}/es/privacy/" in notice.text
    assert [b.id for b in menu.buttons] == [f"lang:{code}" for code in LANGUAGES]
    assert [b.title for b in menu.buttons] == ["Español", "English", "Français", "Kreyòl"]
    assert step.state["notice"] == NOTICE_VERSION


def test_a_language_the_app_reports_skips_the_language_menu() -> None:
    step = Chat().send(reported_language="fr-CA")

    notice, menu = step.replies
    assert f"{SITE}/fr/privacy/" in notice.text
    assert "version 2026-01" in notice.text
    assert FINDER in [b.id for b in menu.buttons]
    assert step.state["language"] == "fr"


@pytest.mark.parametrize(
    ("greeting", "lang"), [("bonjou", "ht"), ("Hola!", "es"), ("Bonjour", "fr"), ("hello", "en")]
)
def test_a_greeting_gives_the_notice_in_its_language_and_the_menu(greeting: str, lang: str) -> None:
    step = Chat().send(greeting)

    assert f"{SITE}/{lang}/privacy/" in step.replies[0].text
    assert step.state["language"] == lang
    assert step.state["flow"] == "menu"


def test_a_number_typed_back_on_a_channel_without_buttons_picks_the_language() -> None:
    chat = Chat(make_context(has_buttons=False, max_text=459))
    chat.send("?")

    step = chat.send("4")

    assert chat.state["language"] == "ht"
    assert f"{SITE}/ht/privacy/" in step.replies[0].text
    assert "Kisa ou ta renmen fè?" in text_of(step)


def test_a_title_typed_back_picks_the_choice_too() -> None:
    chat = Chat()
    chat.send("?")
    chat.send("kreyol")
    assert chat.state["language"] == "ht"

    chat.send("Sèvis toupre m")

    assert chat.state["flow"] == "nearby"


def test_a_first_question_is_kept_until_the_language_is_chosen() -> None:
    chat = Chat()
    chat.send("xyzzy plugh")
    assert chat.state["pending"] == "xyzzy plugh"

    step = chat.send(choice="lang:en")

    assert "pending" not in chat.state
    assert "I found nothing on that" in text_of(step)


def test_an_answer_that_is_no_language_asks_again() -> None:
    chat = Chat()
    chat.send("?")

    step = chat.send("xyz")

    assert "language" not in chat.state
    assert step.replies[-1].buttons[0].id == "lang:es"


def test_the_language_can_be_changed_later_with_a_keyword() -> None:
    chat = Chat()
    chat.send("hola")
    chat.send("IDIOMA")

    step = chat.send("3")

    assert chat.state["language"] == "fr"
    assert f"{SITE}/fr/privacy/" in step.replies[0].text


def test_an_image_or_voice_note_gets_text_only_and_the_menu() -> None:
    chat = Chat()
    chat.send("bonjou")

    step = chat.send()

    assert "Mwen ka li tèks sèlman." in step.replies[-1].text
    assert step.replies[-1].buttons


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ki dokiman mwen bezwen pou yon pèmi travay?", "ht"),
        ("¿Dónde puedo pedir un permiso para trabajar?", "es"),
        ("Quels documents pour une demande de visa ? Je suis en Haïti", "fr"),
        ("What do I need for a work permit?", "en"),
        ("permiso", None),
        ("ok", None),
    ],
)
def test_a_sentences_language_is_detected_only_when_obvious(text: str, lang: str | None) -> None:
    assert detected_language(text=text, reported="", languages=LANGUAGES) == lang


def test_a_reported_language_the_channel_does_not_offer_is_not_taken() -> None:
    assert detected_language(text="", reported="ht", languages=("es", "en")) is None


def test_a_new_notice_version_is_given_once_before_the_next_answer() -> None:
    chat = Chat()
    chat.send("hello")
    chat.context = make_context(notice_version="2027-01")

    first = chat.send("MENU")
    second = chat.send("MENU")

    assert "version 2027-01" in first.replies[0].text
    assert chat.state["notice"] == "2027-01"
    assert "2027-01" not in text_of(second)
