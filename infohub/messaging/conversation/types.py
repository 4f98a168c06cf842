"""What the conversation's step function takes and gives.

``respond(state, turn, context) -> Step`` (in ``conversation/engine.py``) is pure apart
from reading published content: it writes nothing. The messaging services store the new
state, queue the replies in the outbox and carry out the actions, in the webhook's
transaction.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from infohub.messaging.channels.base import Location, OutboundMessage

# The conversation's state as stored (encrypted) on the conversation: JSON values only.
# ``{}`` is a conversation that has not started. The engine owns its keys, except
# "language", which the services read (the language replies and alerts are sent in).
State = Mapping[str, Any]


@dataclass(frozen=True)
class Turn:
    """One inbound message, as the conversation sees it."""

    text: str = ""
    choice: str = ""  # the id of a button the person chose, if the channel has buttons
    location: Location | None = None
    reported_language: str = ""  # what the person's app says their language is, if anything


@dataclass(frozen=True)
class Context:
    """What the engine needs to know about the channel, the hub and the time."""

    now: dt.datetime
    languages: tuple[str, ...]  # the channel's languages, the first its default
    has_buttons: bool
    max_text: int
    site_url: str  # the portal's absolute root, no trailing slash, for links
    notice_version: str  # the privacy notice's current version
    hub_name: str
    hub_country: str  # ISO 3166-1 alpha-2
    # None while the hub is open; otherwise when it next opens (aware, in the hub's zone),
    # or None too when it publishes no hours (then the engine says "as soon as possible").
    hub_opens_at: dt.datetime | None = None
    hub_is_open: bool = True
    # A signed token naming this conversation, for the link to the finder's printable
    # summary (``messaging-portal:summary``); "" when there is none to give.
    summary_token: str = ""


@dataclass(frozen=True)
class Handover:
    """Hand the conversation to the hub's counsellors."""

    reason: Literal["asked", "not_found"]


@dataclass(frozen=True)
class Erase:
    """Delete the person's conversation at once (self-service erasure)."""


@dataclass(frozen=True)
class Subscribe:
    country: str  # ISO 3166-1 alpha-2
    topic: str  # a topic slug, or "" for every topic


@dataclass(frozen=True)
class Unsubscribe:
    """End every alert subscription of this address on this channel."""


@dataclass(frozen=True)
class ConsentGiven:
    """The person agreed, in the chat, that the hub may keep a counselling record."""

    notice_version: str
    language: str


Action = Handover | Erase | Subscribe | Unsubscribe | ConsentGiven


@dataclass(frozen=True)
class Step:
    state: State
    replies: tuple[OutboundMessage, ...] = field(default=())
    actions: tuple[Action, ...] = field(default=())
