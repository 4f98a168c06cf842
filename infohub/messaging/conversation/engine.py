"""The conversation's step function: ``respond(state, turn, context) -> Step``.

Order of precedence in a turn: the stop-words and the erase word (at once, whatever the
flow), then the first contact (privacy notice and language), then the other keywords
(menu, language, a person), a button or typed choice of the menu, and last the current
flow (the finder, services near me, alerts, consent), or a question answered from search.
See ``types.py`` for the contract; nothing here writes.
"""

from collections.abc import Callable
from typing import Any

from infohub.messaging.channels.base import OutboundMessage
from infohub.messaging.conversation import texts
from infohub.messaging.conversation.alerts import alerts_turn, start_alerts
from infohub.messaging.conversation.answers import answer_question
from infohub.messaging.conversation.dialogue import OFFERED, Dialogue
from infohub.messaging.conversation.finder import finder_turn, start_finder
from infohub.messaging.conversation.handover import consent_answer, hand_over, privacy_link
from infohub.messaging.conversation.keywords import Keyword, folded, keyword_in
from infohub.messaging.conversation.language import (
    chosen_language,
    detected_language,
    language_buttons,
    language_named,
    language_of_sentence,
)
from infohub.messaging.conversation.menu import (
    ALERTS,
    ASK,
    FINDER,
    HUMAN,
    MENU,
    NEARBY,
    ask_question,
    show_menu,
)
from infohub.messaging.conversation.nearby import nearby_turn, start_nearby
from infohub.messaging.conversation.texts import cut, say
from infohub.messaging.conversation.types import (
    Action,
    Context,
    Erase,
    State,
    Step,
    Turn,
    Unsubscribe,
)

__all__ = ["back_to_bot", "keyword_action", "keyword_step", "respond"]

_STARTS: dict[str, Callable[[Dialogue], None]] = {
    ASK: ask_question,
    FINDER: start_finder,
    NEARBY: start_nearby,
    ALERTS: start_alerts,
    MENU: show_menu,
}
_FLOWS: dict[str, Callable[[Dialogue], None]] = {
    "finder": finder_turn,
    "finder_country": finder_turn,
    "nearby": nearby_turn,
    "alerts_country": alerts_turn,
    "alerts_topic": alerts_turn,
}


def keyword_action(text: str, *, language: str) -> Action | None:
    """``Unsubscribe`` or ``Erase`` when the message is a stop-word or the erase word.

    Every language's words count, whatever ``language`` the conversation is in.
    """
    keyword = keyword_in(text)
    if keyword is Keyword.UNSUBSCRIBE:
        return Unsubscribe()
    return Erase() if keyword is Keyword.ERASE else None


def keyword_step(state: State, turn: Turn, context: Context) -> Step | None:
    """The whole step for a stop-word or the erase word, with its confirmation; else None.

    For the wiring while a counsellor has the conversation: these words still work then.
    """
    action = keyword_action(turn.text, language=str(state.get("language", "")))
    if action is None or turn.choice:
        return None
    languages = context.languages
    reported = detected_language(text="", reported=turn.reported_language, languages=languages)
    lang = str(state.get("language") or reported or languages[0])
    erased = isinstance(action, Erase)
    reply = OutboundMessage(
        text=cut(say(lang, texts.ERASED if erased else texts.UNSUBSCRIBED), context.max_text)
    )
    # An erased conversation starts again from nothing, notice included.
    new_state = {} if erased else {**state, OFFERED: []}
    return Step(state=new_state, replies=(reply,), actions=(action,))


def back_to_bot(state: State) -> dict[str, Any]:
    """The state once a counsellor closes the conversation: the bot answers again."""
    return {**state, "flow": "menu", OFFERED: []}


def respond(state: State, turn: Turn, context: Context) -> Step:
    """The conversation's next step after ``turn``."""
    stopped = keyword_step(state, turn, context)
    if stopped is not None:
        return stopped
    dialogue = Dialogue.start(state, turn, context)
    if "notice" not in dialogue.state:
        _first_contact(dialogue)
    elif "language" not in dialogue.state:
        _language_answer(dialogue)
    else:
        if dialogue.state["notice"] != context.notice_version:
            _notice(dialogue)  # the notice changed since the person was given it
        _turn(dialogue)
    return dialogue.step()


def _notice(dialogue: Dialogue) -> None:
    context = dialogue.context
    dialogue.state["notice"] = context.notice_version
    dialogue.state["notice_language"] = dialogue.lang
    notice = say(
        dialogue.lang,
        texts.NOTICE,
        hub=context.hub_name,
        version=context.notice_version,
        link=privacy_link(dialogue),
    )
    dialogue.send(notice)


def _first_contact(dialogue: Dialogue) -> None:
    """The notice, then the language menu; or, when the language is obvious, the answer."""
    turn, languages = dialogue.turn, dialogue.context.languages
    found = detected_language(text=turn.text, reported=turn.reported_language, languages=languages)
    greeting = language_named(turn.text, languages) is not None
    if found is None:
        _notice(dialogue)
        if folded(turn.text) and not greeting:
            dialogue.state["pending"] = turn.text
        _ask_language(dialogue)
        return
    dialogue.state["language"] = found
    _notice(dialogue)
    if greeting or not (turn.text or turn.location):
        show_menu(dialogue)
    else:
        _turn(dialogue)


def _ask_language(dialogue: Dialogue) -> None:
    languages = dialogue.context.languages
    prompt = " / ".join(dict.fromkeys(say(code, texts.LANGUAGE_PROMPT) for code in languages))
    dialogue.state["flow"] = "language"
    dialogue.send(f"{prompt}:", language_buttons(languages))


def _language_answer(dialogue: Dialogue) -> None:
    """The language chosen from the menu, typed, or clear from what was typed instead."""
    languages, text = dialogue.context.languages, dialogue.turn.text
    lang = chosen_language(dialogue.picked(), languages) or language_named(text, languages)
    question = ""
    if lang is None and (lang := language_of_sentence(text, languages)):
        question = text
    if lang is None:
        _ask_language(dialogue)
        return
    _set_language(dialogue, lang)
    dialogue.state["flow"] = "menu"
    pending = str(dialogue.state.pop("pending", "")) or question
    if pending:
        dialogue.turn = Turn(text=pending)
        _turn(dialogue)
    else:
        show_menu(dialogue)


def _set_language(dialogue: Dialogue, lang: str) -> None:
    """Keep the language; the notice again in it when it was given in another."""
    dialogue.state["language"] = lang
    if dialogue.state.get("notice_language") != lang:
        _notice(dialogue)


def _turn(dialogue: Dialogue) -> None:
    """A turn once the language is known."""
    if _keyword(dialogue) or _global_choice(dialogue):
        return
    turn, flow = dialogue.turn, dialogue.flow
    if not (turn.text or turn.choice or turn.location):
        before = say(dialogue.lang, texts.TEXT_ONLY)
        if flow in ("waiting", "consent"):
            dialogue.send(before)
        else:
            show_menu(dialogue, before=before)
    elif turn.location is not None:
        nearby_turn(dialogue)
    elif flow == "consent":
        if not consent_answer(dialogue):
            dialogue.state["flow"] = "waiting"
    elif flow == "waiting":
        return  # the message is for the counsellor, who reads the history
    elif flow in _FLOWS:
        _FLOWS[flow](dialogue)
    elif flow == "language":
        _ask_language(dialogue)
    else:
        answer_question(dialogue, turn.text)


def _keyword(dialogue: Dialogue) -> bool:
    keyword = None if dialogue.turn.choice else keyword_in(dialogue.turn.text)
    if keyword is Keyword.MENU:
        show_menu(dialogue)
    elif keyword is Keyword.LANGUAGE:
        _ask_language(dialogue)
    elif keyword is Keyword.HUMAN:
        hand_over(dialogue, "asked")
    return keyword is not None


def _global_choice(dialogue: Dialogue) -> bool:
    """A menu button or a language button, from whichever message it was on."""
    choice = dialogue.picked(numbers=dialogue.flow != "finder")
    lang = chosen_language(choice, dialogue.context.languages)
    if lang is not None:
        _set_language(dialogue, lang)
        show_menu(dialogue)
        return True
    if choice == HUMAN:
        hand_over(dialogue, "not_found" if dialogue.flow == "not_found" else "asked")
        return True
    start = _STARTS.get(choice)
    if start is not None:
        start(dialogue)
    return start is not None
