"""Snippets: the passage of a result that best matches the query, as safe HTML.

Matched words are wrapped in ``<mark>``; everything else is HTML-escaped, so a snippet
can be inserted into a page as it is.
"""

from html import escape

from infohub.search.plaintext import Block, sentence_spans
from infohub.search.text import Analyzer, Token

SNIPPET_LENGTH = 200
LEAD_IN = 60  # characters shown before the first match of a long sentence


def _sentences(blocks: list[Block]) -> list[str]:
    return [
        block.text[start:end]
        for block in blocks
        if not block.heading
        for start, end in sentence_spans(block.text)
    ]


def _matches(tokens: list[Token], terms: set[str]) -> list[Token]:
    return [token for token in tokens if token.term is not None and token.term in terms]


def _window(text: str, tokens: list[Token], matched: list[Token]) -> tuple[int, int]:
    """Where a snippet of at most SNIPPET_LENGTH characters starts and ends, on word edges."""
    if len(text) <= SNIPPET_LENGTH:
        return 0, len(text)
    first = matched[0].start if matched else 0
    start = next((t.start for t in tokens if t.start >= first - LEAD_IN), 0)
    end = max(
        (t.end for t in tokens if t.start >= start and t.end <= start + SNIPPET_LENGTH),
        default=min(len(text), start + SNIPPET_LENGTH),
    )
    return start, end


def highlight(text: str, tokens: list[Token], terms: set[str]) -> str:
    """The text, escaped, with matched words marked and long text shortened around them."""
    matched = _matches(tokens, terms)
    start, end = _window(text, tokens, matched)
    parts = ["…" if start > 0 else ""]
    position = start
    for token in matched:
        if token.start < start or token.end > end:
            continue
        parts.append(escape(text[position : token.start]))
        parts.append(f"<mark>{escape(text[token.start : token.end])}</mark>")
        position = token.end
    parts.append(escape(text[position:end]))
    parts.append("…" if end < len(text.rstrip()) else "")
    return "".join(parts)


def snippet(blocks: list[Block], analyzer: Analyzer, terms: set[str]) -> str:
    """The sentence matching the most query terms (the first on a tie), highlighted."""
    best: tuple[int, str, list[Token]] | None = None
    for sentence in _sentences(blocks):
        tokens = analyzer.tokens(sentence)
        count = len({t.term for t in _matches(tokens, terms)})
        if best is None or count > best[0]:
            best = (count, sentence, tokens)
    if best is None:
        return ""
    _, sentence, tokens = best
    return highlight(sentence, tokens, terms)
