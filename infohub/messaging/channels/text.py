"""Shaping a reply's text for what a channel carries: numbered choices, GSM-7, parts."""

import functools
import re
import unicodedata
from collections.abc import Callable

from infohub.messaging.channels.base import OutboundMessage

# GSM 03.38's basic character set, each one septet (the escape character left out).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Its extension table: each one costs two septets (an escape, then the character).
GSM7_EXTENSION = frozenset("^{}\\[~]|€")
# Typographic characters phones and editors produce, and their plain GSM-7 forms.
_PLAIN = {
    # Single quotes, primes, accents used as apostrophes, single guillemets.
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`\u00b4\u2039\u203a", "'"),
    # Double quotes, double primes, guillemets.
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    # Hyphens, dashes, the minus sign, bullets.
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022", "-"),
    "…": "...",
    "·": ".",
    "\t": " ",
}
SINGLE_SEGMENT = 160  # septets in a message sent as one segment
CONCATENATED_SEGMENT = 153  # septets per segment once a message is split (the rest is a header)
_WORD = re.compile(r"\S+")


def numbered(message: OutboundMessage) -> OutboundMessage:
    """The message with its buttons written as a numbered list ("1. Title") after the text."""
    if not message.buttons:
        return message
    choices = "\n".join(f"{n}. {b.title}" for n, b in enumerate(message.buttons, start=1))
    text = "\n\n".join(part for part in (message.text.rstrip(), choices) if part)
    return OutboundMessage(text=text, template=message.template)


def split_text(text: str, *, fits: Callable[[str], bool]) -> tuple[str, ...]:
    """The text cut at spaces into parts that each ``fits``, in order.

    Words (and so links) are never split, unless one alone does not fit: only then is it
    cut where it must be. Line breaks inside a part are kept.
    """
    spans = [span for word in _WORD.finditer(text) for span in _fitting_spans(word, text, fits)]
    parts: list[str] = []
    start = end = None
    for span_start, span_end in spans:
        if start is None or end is None:
            start, end = span_start, span_end
        elif fits(text[start:span_end]):
            end = span_end
        else:
            parts.append(text[start:end])
            start, end = span_start, span_end
    if start is not None and end is not None:
        parts.append(text[start:end])
    return tuple(parts)


def _fitting_spans(
    word: re.Match[str], text: str, fits: Callable[[str], bool]
) -> list[tuple[int, int]]:
    start, end = word.span()
    spans: list[tuple[int, int]] = []
    while not fits(text[start:end]):
        cut = end - 1
        while cut > start + 1 and not fits(text[start:cut]):
            cut -= 1
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def fits_length(limit: int) -> Callable[[str], bool]:
    """A ``fits`` for ``split_text``: at most ``limit`` characters."""
    return lambda part: len(part) <= limit


def gsm7(text: str) -> str:
    """The text in GSM-7: typographic marks made plain, letters it lacks without accents.

    Characters GSM-7 has (é è ò à ñ ü ¿ ¡ …) stay; á becomes a, ê e, ç c; a character with
    no plain form becomes "?" and invisible formatting characters go.
    """
    return "".join(_gsm7_char(char) for char in text)


@functools.cache
def _gsm7_char(char: str) -> str:
    if char in GSM7_BASIC or char in GSM7_EXTENSION:
        return char
    if char in _PLAIN:
        return _PLAIN[char]
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if plain and all(c in GSM7_BASIC for c in plain):
        return plain
    category = unicodedata.category(char)
    if category.startswith("Z"):
        return "\n" if category in {"Zl", "Zp"} else " "
    if category.startswith(("M", "C")):
        return ""
    return "?"


def gsm7_segments(text: str) -> int:
    """How many SMS segments a GSM-7 text takes; an escape pair never straddles two."""
    sizes = [2 if char in GSM7_EXTENSION else 1 for char in text]
    if sum(sizes) <= SINGLE_SEGMENT:
        return 1
    segments, used = 1, 0
    for size in sizes:
        if used + size > CONCATENATED_SEGMENT:
            segments, used = segments + 1, 0
        used += size
    return segments
