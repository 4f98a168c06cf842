"""One turn being answered: the state it changes, the replies and actions it gathers.

The choices of the last reply are kept in the state ("offered") so that a typed number or
a button's title picks the choice on a channel that shows them as a numbered list.
"""

import copy
from dataclasses import dataclass, field
from typing import Any

from infohub.messaging.channels.base import Button, OutboundMessage
from infohub.messaging.conversation.keywords import folded
from infohub.messaging.conversation.texts import chunks
from infohub.messaging.conversation.types import Action, Context, State, Step, Turn

OFFERED = "offered"
# Room each numbered choice takes when the channel writes buttons as "1. Title" lines.
_NUMBERED_LINE = 5
# Even a channel that numbers ten choices in a short message gets this much text with them.
_SHORTEST = 40


@dataclass
class Dialogue:
    state: dict[str, Any]
    turn: Turn
    context: Context
    replies: list[OutboundMessage] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @classmethod
    def start(cls, state: State, turn: Turn, context: Context) -> "Dialogue":
        # A deep copy: the flows change nested values, and the caller's state stays as it was.
        return cls(copy.deepcopy(dict(state)), turn, context)

    @property
    def lang(self) -> str:
        """The conversation's language, or the channel's first until one is known."""
        return str(self.state.get("language") or self.context.languages[0])

    @property
    def flow(self) -> str:
        return str(self.state.get("flow", ""))

    def send(self, text: str, buttons: tuple[Button, ...] = ()) -> None:
        """Queue a reply, in as many messages as the channel needs; buttons on the last."""
        limit = self.context.max_text
        if not self.context.has_buttons:
            limit -= sum(len(b.title) + _NUMBERED_LINE for b in buttons)
        *first, last = chunks([text], max(limit, _SHORTEST))
        self.replies.extend(OutboundMessage(text=part) for part in first)
        self.replies.append(OutboundMessage(text=last, buttons=buttons))

    def act(self, action: Action) -> None:
        self.actions.append(action)

    def picked(self, *, numbers: bool = True) -> str:
        """The id of the choice this turn makes: a button, a typed number or a title."""
        if self.turn.choice:
            return self.turn.choice
        offered: list[list[str]] = self.state.get(OFFERED, [])
        typed = folded(self.turn.text)
        if numbers and typed.isdigit() and 1 <= int(typed) <= len(offered):
            return offered[int(typed) - 1][0]
        return next((choice for choice, title in offered if folded(title) == typed), "")

    def step(self) -> Step:
        """The step, remembering the choices of the last reply."""
        last = self.replies[-1].buttons if self.replies else ()
        self.state[OFFERED] = [[b.id, b.title] for b in last]
        return Step(state=self.state, replies=tuple(self.replies), actions=tuple(self.actions))
