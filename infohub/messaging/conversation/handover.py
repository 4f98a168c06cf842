"""Handing the person to a counsellor, saying when one will answer, and asking consent once."""

from typing import Literal

from infohub.messaging.conversation import texts
from infohub.messaging.conversation.dialogue import Dialogue
from infohub.messaging.conversation.keywords import folded
from infohub.messaging.conversation.texts import button, say
from infohub.messaging.conversation.types import ConsentGiven, Handover

CONSENT_YES = "consent:yes"
CONSENT_NO = "consent:no"
# Typed answers to the consent question, folded, in the four languages.
_YES = frozenset({"yes", "y", "si", "oui", "wi", "ok"})
_NO = frozenset({"no", "n", "non", "pa"})


def privacy_link(dialogue: Dialogue) -> str:
    return f"{dialogue.context.site_url}/{dialogue.lang}/privacy/"


def hand_over(dialogue: Dialogue, reason: Literal["asked", "not_found"]) -> None:
    """Hand over, say who answers and when, and ask for consent if not asked before."""
    context, lang = dialogue.context, dialogue.lang
    dialogue.act(Handover(reason))
    said = say(lang, texts.HANDOVER, hub=context.hub_name)
    if not context.hub_is_open:
        later = (
            say(lang, texts.CLOSED_UNTIL, when=texts.when(context.hub_opens_at, lang))
            if context.hub_opens_at
            else say(lang, texts.CLOSED_SOON)
        )
        said = f"{said}\n{later}"
    dialogue.state["flow"] = "waiting"
    if dialogue.state.get("consent_asked"):
        dialogue.send(said)
        return
    dialogue.state["consent_asked"] = True
    dialogue.state["flow"] = "consent"
    dialogue.send(said)
    question = say(lang, texts.CONSENT_ASK, hub=context.hub_name, link=privacy_link(dialogue))
    yes, no = button(lang, CONSENT_YES, texts.BUTTON_YES), button(lang, CONSENT_NO, texts.BUTTON_NO)
    dialogue.send(question, (yes, no))


def consent_answer(dialogue: Dialogue) -> bool:
    """Take the answer to the consent question; False when this turn is not one."""
    choice = dialogue.picked() or _typed(dialogue.turn.text)
    if choice not in (CONSENT_YES, CONSENT_NO):
        return False
    dialogue.state["flow"] = "waiting"
    if choice == CONSENT_YES:
        dialogue.act(ConsentGiven(dialogue.context.notice_version, dialogue.lang))
        dialogue.send(say(dialogue.lang, texts.CONSENT_YES))
    else:
        dialogue.send(say(dialogue.lang, texts.CONSENT_NO))
    return True


def _typed(text: str) -> str:
    word = folded(text)
    if word in _YES:
        return CONSENT_YES
    return CONSENT_NO if word in _NO else ""
