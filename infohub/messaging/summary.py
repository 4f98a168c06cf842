"""The chat finder's printable summary: a signed, expiring link to the conversation's answers.

The answers stay in the conversation (encrypted); the link names the conversation by a
signed token, never the answers, and stops working after ``MAX_AGE`` or once the
conversation is erased. Opening it shows one button that posts the answers to the
portal's printable summary, which keeps nothing.
"""

import datetime as dt
import json
from typing import Any

from django.core import signing

from infohub.messaging.models import Conversation

SALT = "infohub.messaging.finder-summary"
MAX_AGE = dt.timedelta(days=7)


def summary_token(conversation: Conversation) -> str:
    """A token that names the conversation for ``MAX_AGE``."""
    return signing.dumps(str(conversation.public_id), salt=SALT)


def finder_answers(token: str) -> dict[str, Any] | None:
    """The finder's country, answers and skipped questions, or None for a bad or old link."""
    try:
        public_id = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    conversation = Conversation.objects.filter(public_id=public_id).first()
    if conversation is None:
        return None
    finder = json.loads(conversation.state or "{}").get("finder") or {}
    if not finder.get("country") or "results" not in finder:
        return None
    return {
        "country": str(finder["country"]),
        "answers": dict(finder.get("answers") or {}),
        "skipped": [str(key) for key in finder.get("skipped") or []],
    }
