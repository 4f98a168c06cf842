"""Driving the conversation in tests: a context, a chat that keeps its state, the replies' text."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from infohub.messaging.channels.base import Location, OutboundMessage
from infohub.messaging.conversation.engine import respond
from infohub.messaging.conversation.types import Context, Step, Turn
from infohub.search.index import reset_search_index

SITE = "https://infohub.example"
NOTICE_VERSION = "2026-01"
LANGUAGES = ("es", "en", "fr", "ht")


def make_context(**changes: Any) -> Context:
    base = Context(
        now=dt.datetime(2026, 12, 7, 15, 0, tzinfo=dt.UTC),
        languages=LANGUAGES,
        has_buttons=True,
        max_text=1024,
        site_url=SITE,
        notice_version=NOTICE_VERSION,
        hub_name="Hub Santo Domingo",
        hub_country="DO",
    )
    return replace(base, **changes)


def text_of(step: Step) -> str:
    return "\n".join(reply.text for reply in step.replies)


class Chat:
    """One person's conversation: each message goes through ``respond`` with the kept state."""

    def __init__(self, context: Context | None = None) -> None:
        self.context = context or make_context()
        self.state: dict[str, Any] = {}
        self.last: Step = Step(state={})

    def send(
        self,
        text: str = "",
        *,
        choice: str = "",
        location: Location | None = None,
        reported_language: str = "",
    ) -> Step:
        turn = Turn(
            text=text, choice=choice, location=location, reported_language=reported_language
        )
        self.last = respond(self.state, turn, self.context)
        self.state = dict(self.last.state)
        return self.last

    def buttons(self) -> list[tuple[str, str]]:
        """(id, title) of the buttons of the last reply that has any."""
        with_buttons = [r for r in self.last.replies if r.buttons]
        return [(b.id, b.title) for b in with_buttons[-1].buttons] if with_buttons else []

    def press(self, title: str) -> Step:
        """Press the button titled ``title``, as a channel with buttons sends it."""
        choice = {t: i for i, t in self.buttons()}[title]
        return self.send(title, choice=choice)


def chat_in(lang: str, context: Context | None = None) -> Chat:
    """A chat past its first contact, in ``lang`` as the person's app reports it."""
    chat = Chat(context)
    chat.send(reported_language=lang)
    assert chat.state["language"] == lang
    return chat


def replies(step: Step) -> tuple[OutboundMessage, ...]:
    return step.replies


@pytest.fixture
def fresh_index() -> Iterator[None]:
    """A search index this process has never built, before and after the test."""
    reset_search_index()
    yield
    reset_search_index()
