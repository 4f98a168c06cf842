"""The main menu: ask a question, find your pathway, services near me, alerts, a person."""

from infohub.messaging.channels.base import Button
from infohub.messaging.conversation import texts
from infohub.messaging.conversation.dialogue import Dialogue
from infohub.messaging.conversation.texts import button, say

ASK = "menu:ask"
FINDER = "menu:finder"
NEARBY = "menu:nearby"
ALERTS = "menu:alerts"
HUMAN = "menu:human"
MENU = "menu:menu"


def menu_buttons(lang: str) -> tuple[Button, ...]:
    return (
        button(lang, ASK, texts.BUTTON_ASK),
        button(lang, FINDER, texts.BUTTON_FINDER),
        button(lang, NEARBY, texts.BUTTON_NEARBY),
        button(lang, ALERTS, texts.BUTTON_ALERTS),
        button(lang, HUMAN, texts.BUTTON_HUMAN),
    )


def show_menu(dialogue: Dialogue, *, before: str = "") -> None:
    """The menu, after ``before`` when something has to be said first."""
    lang = dialogue.lang
    dialogue.state["flow"] = "menu"
    prompt = say(lang, texts.MENU_PROMPT)
    dialogue.send(f"{before}\n{prompt}" if before else prompt, menu_buttons(lang))


def ask_question(dialogue: Dialogue) -> None:
    dialogue.state["flow"] = "menu"
    dialogue.send(say(dialogue.lang, texts.ASK_PROMPT))
