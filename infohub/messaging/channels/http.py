"""What the kinds share to call a provider's API and to check what a provider sends us."""

import hmac
import math
import re
import threading
from collections.abc import Collection, Mapping
from typing import Any

import requests

from infohub.messaging.channels.base import SendError

# Connect, then read: a provider that does not answer in time is retried by the outbox
# later rather than holding a sender (and its lease) for long.
TIMEOUT = (3.05, 10.0)
# Phone numbers a provider may quote in an error's text ("The 'To' number +1... is not valid"):
# seven digits or more, so that error codes (six at most) stay readable.
_PHONE_LIKE = re.compile(r"\+?\d(?:[ ().-]?\d){6,}")
_MAX_TITLE = 120

_local = threading.local()


def _session() -> requests.Session:
    # One session per thread: it keeps connections alive between sends, and sessions are
    # not documented as safe to share between threads.
    session: requests.Session | None = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


def post(
    url: str,
    *,
    json: Any = None,
    data: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    auth: tuple[str, str] | None = None,
) -> requests.Response:
    """POST to a provider; a connection failure or timeout is a retryable ``SendError``."""
    try:
        return _session().post(
            url, json=json, data=data, headers=headers, auth=auth, timeout=TIMEOUT
        )
    # ``from None``: requests' own messages carry the URL, and Telegram's holds the token.
    except requests.Timeout:
        raise SendError("timeout", retryable=True) from None
    except requests.RequestException:
        raise SendError("connection error", retryable=True) from None


def json_object(response: requests.Response) -> dict[str, Any]:
    """The response's body as a JSON object, or an empty one if it is anything else."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def refusal(
    status: int,
    *,
    code: object = "",
    title: object = "",
    retryable_codes: Collection[str] = (),
    retry_after: float | None = None,
) -> SendError:
    """The error for a provider's refusal: retryable on 429, 5xx or a throttling code."""
    code_text = "" if code is None else str(code)
    retryable = status == 429 or status >= 500 or code_text in retryable_codes
    detail = " ".join(part for part in (f"HTTP {status}", code_text, safe_title(title)) if part)
    return SendError(detail, retryable=retryable, retry_after=retry_after)


def safe_title(title: object) -> str:
    """A provider's error title fit for logs: numbers masked, kept short."""
    text = "" if title is None else " ".join(str(title).split())
    return _PHONE_LIKE.sub("[number]", text)[:_MAX_TITLE]


def retry_after(value: object) -> float | None:
    """A provider's retry hint in seconds, if it gave a usable one."""
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def same_secret(given: str | None, expected: str) -> bool:
    """Whether a secret a request carries is ours, compared in constant time."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())
