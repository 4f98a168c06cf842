"""What is kept of a report: its directive and the blocked source reduced to a host.

Both report formats are read: ``report-uri``'s ``{"csp-report": {...}}`` and the
Reporting API's list of ``{"type": "csp-violation", "body": {...}}``.
"""

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# A body may carry several reports (Reporting API); more than this is not a browser.
MAX_REPORTS_PER_BODY = 20
DIRECTIVE = re.compile(r"[a-z][a-z-]{0,39}")
HOST = re.compile(r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")
# What browsers write instead of an address for a blocked inline script, eval and the like.
KEYWORDS = frozenset({"inline", "eval", "wasm-eval", "trusted-types-policy", "trusted-types-sink"})
SCHEMES_KEPT = frozenset({"data", "blob", "filesystem", "about"})
WEB_SCHEMES = frozenset({"http", "https", "ws", "wss"})


class ReportError(ValueError):
    """The body is no CSP report."""


@dataclass(frozen=True)
class Violation:
    directive: str
    blocked: str


def directive_of(value: Any) -> str:
    words = value.split() if isinstance(value, str) else []
    name = words[0].lower() if words else ""
    return name if DIRECTIVE.fullmatch(name) else "other"


def blocked_of(value: Any) -> str:
    """The host of a blocked address, a keyword or a scheme; never a path or a query."""
    text = value.strip().lower() if isinstance(value, str) else ""
    if not text:
        return "unknown"
    return text if text in KEYWORDS else _source_of(text)


def _source_of(address: str) -> str:
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
    except ValueError:
        return "other"
    scheme = parts.scheme or address.rstrip(":")
    if scheme in SCHEMES_KEPT:
        return scheme
    if scheme.endswith("-extension"):
        return "extension"
    return host if scheme in WEB_SCHEMES and HOST.fullmatch(host) else "other"


def _violation(item: Any) -> Violation | None:
    if not isinstance(item, dict):
        return None
    old = item.get("csp-report")
    if isinstance(old, dict):
        directive = old.get("effective-directive") or old.get("violated-directive")
        return Violation(directive_of(directive), blocked_of(old.get("blocked-uri")))
    body = item.get("body")
    if item.get("type") == "csp-violation" and isinstance(body, dict):
        directive = body.get("effectiveDirective")
        return Violation(directive_of(directive), blocked_of(body.get("blockedURL")))
    return None


def violations(body: bytes) -> list[Violation]:
    """The violations a report body holds; ``ReportError`` when it holds none."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise ReportError from None
    items = data if isinstance(data, list) else [data]
    found = [v for v in map(_violation, items[:MAX_REPORTS_PER_BODY]) if v is not None]
    if not found:
        raise ReportError
    return found
