"""Stop-words, the erase word and the other keywords work at once, from any flow."""

import pytest

from infohub.messaging.channels.base import Location
from infohub.messaging.conversation.engine import keyword_action, keyword_step
from infohub.messaging.conversation.keywords import Keyword, keyword_in
from infohub.messaging.conversation.types import Erase, Turn, Unsubscribe
from infohub.messaging.tests.conversation_support import Chat, chat_in, make_context, text_of

pytestmark = pytest.mark.django_db

STOP_WORDS = [("es", "BAJA"), ("en", "STOP"), ("fr", "ARRÊT"), ("fr", "arret"), ("ht", "ARETE")]
ERASE_WORDS = [("es", "BORRAR"), ("en", "delete"), ("fr", "Effacer"), ("ht", "EFASE")]


@pytest.mark.parametrize(("lang", "word"), STOP_WORDS)
@pytest.mark.parametrize("flow", ["menu", "finder", "nearby", "alerts", "consent", "first"])
def test_a_stop_word_in_each_language_unsubscribes_from_any_flow(
    lang: str, word: str, flow: str
) -> None:
    chat = _chat_in_flow(lang, flow)

    step = chat.send(word)

    assert step.actions == (Unsubscribe(),)
    (reply,) = step.replies
    assert reply.text


@pytest.mark.parametrize(("lang", "word"), ERASE_WORDS)
def test_the_erase_word_erases_and_the_conversation_starts_again(lang: str, word: str) -> None:
    chat = _chat_in_flow(lang, "nearby")

    step = chat.send(word)

    assert step.actions == (Erase(),)
    assert step.state == {}
    assert len(step.replies) == 1


def test_the_confirmations_are_in_the_conversations_language() -> None:
    assert "alèt" in text_of(chat_in("ht").send("STOP"))
    assert "alertas" in text_of(chat_in("es").send("STOP"))
    assert "efase" in text_of(chat_in("ht").send("BORRAR")).casefold()


def test_a_keyword_inside_a_sentence_is_not_a_keyword() -> None:
    assert keyword_in("¿Cómo me doy de baja del programa?") is None
    assert keyword_action("please stop sending", language="en") is None
    assert keyword_in("  Baja! ") is Keyword.UNSUBSCRIBE
    assert keyword_in("Meni") is Keyword.MENU
    assert keyword_in("moun") is Keyword.HUMAN
    assert keyword_in("Idioma") is Keyword.LANGUAGE


def test_the_keyword_step_serves_a_conversation_a_counsellor_has() -> None:
    state = {"language": "fr", "flow": "waiting", "notice": "2026-01"}
    context = make_context()

    assert keyword_step(state, Turn(text="bonjour"), context) is None
    step = keyword_step(state, Turn(text="STOP"), context)

    assert step is not None
    assert step.actions == (Unsubscribe(),)
    assert step.state["language"] == "fr"


def test_menu_and_person_keywords_work_in_a_flow() -> None:
    chat = _chat_in_flow("ht", "nearby")
    assert chat.send("MENI").replies[-1].buttons
    assert chat.state["flow"] == "menu"
    step = _chat_in_flow("ht", "alerts").send("MOUN")
    assert [type(a).__name__ for a in step.actions] == ["Handover"]


def _chat_in_flow(lang: str, flow: str) -> Chat:
    if flow == "first":
        return Chat()
    chat = chat_in(lang)
    if flow == "consent":
        chat.send(choice="menu:human")
        assert chat.state["flow"] == "consent"
    elif flow == "nearby":
        chat.send(choice="menu:nearby")
    elif flow == "alerts":
        chat.send(choice="menu:alerts")
    elif flow == "finder":
        chat.state["flow"] = "finder"
        chat.state["finder"] = {"country": "CR", "answers": {}, "skipped": [], "asked": "age"}
    assert chat.state.get("flow") == ("alerts_country" if flow == "alerts" else flow)
    return chat


def test_a_location_outside_the_nearby_flow_is_still_read_as_services_near_me() -> None:
    step = chat_in("en").send(location=Location(latitude=0.0, longitude=0.0))
    assert "no service" in text_of(step)
