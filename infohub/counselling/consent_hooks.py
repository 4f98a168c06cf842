"""What other apps do when a person's consent ends.

Counselling owns consents but not what relies on them: an app whose records need a
consent registers a handler here from its ``AppConfig.ready()``, so counselling never
imports it. ``consent_withdraw`` calls every handler inside its own transaction, so the
consent and everything that relied on it end together or not at all.
"""

from typing import Protocol

from infohub.accounts.models import User
from infohub.counselling.models import Consent


class ConsentEndedHandler(Protocol):
    """Ends what relied on ``consent`` and returns how many things it ended."""

    def __call__(self, *, consent: Consent, actor: User | None) -> int: ...


_handlers: list[ConsentEndedHandler] = []


def on_consent_withdrawn(handler: ConsentEndedHandler) -> ConsentEndedHandler:
    """Register ``handler`` to run whenever a consent is withdrawn; registering twice is a no-op."""
    if handler not in _handlers:
        _handlers.append(handler)
    return handler


def consent_withdrawn(*, consent: Consent, actor: User | None) -> int:
    """Run every registered handler in the caller's transaction; return the total they ended."""
    return sum(handler(consent=consent, actor=actor) for handler in _handlers)
