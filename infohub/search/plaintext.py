"""Markdown as plain text: blocks (headings, paragraphs, list items) and their sentences.

A light, fast conversion: search reads every article body when it builds its index, and
needs the words a reader sees, not the markup. Each block's text is the rendered words
of one paragraph, list item or heading, so a sentence is a slice of its block.
"""

import html
import re
from dataclasses import dataclass

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_INLINE: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<[^>]+>"), ""),  # raw HTML tags
    (re.compile(r"`+"), ""),
    (re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)"), ""),  # emphasis markers
    (re.compile(r"\s*\|\s*"), " "),  # table cells
    (re.compile(r"\s+"), " "),
]
# A sentence ends at . ! ? or … followed by a space and a capital, a digit or an opening mark.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»)]?\s+(?=[¿¡\"'“«(\[]?[A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False


_MARKUP = re.compile(r"[!\[\]<>`*_|&]")


def inline_text(markdown: str) -> str:
    """One line of Markdown as the words a reader sees."""
    if not _MARKUP.search(markdown):
        return " ".join(markdown.split())
    for pattern, replacement in _INLINE:
        markdown = pattern.sub(replacement, markdown)
    return html.unescape(markdown).strip()


def _line_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        text = inline_text(" ".join(paragraph))
        if text:
            blocks.append(Block(text))
        paragraph.clear()

    for line in lines:
        heading = _HEADING.match(line)
        if not line.strip() or _RULE.match(line) or _TABLE_SEPARATOR.match(line):
            flush()
        elif heading:
            flush()
            blocks.append(Block(inline_text(heading.group(1)), heading=True))
        elif _LIST_ITEM.match(line):
            flush()
            paragraph.append(_LIST_ITEM.sub("", line, count=1))
        else:
            paragraph.append(line.strip().removeprefix(">").strip())
    flush()
    return blocks


def markdown_blocks(markdown: str) -> list[Block]:
    """The headings, paragraphs and list items of a Markdown text, as plain text."""
    lines = [line for line in markdown.splitlines() if not _FENCE.match(line)]
    return [block for block in _line_blocks(lines) if block.text]


def markdown_text(markdown: str) -> str:
    """A Markdown text as plain text, one block per line."""
    return "\n".join(block.text for block in markdown_blocks(markdown))


def paragraphs_blocks(text: str) -> list[Block]:
    """Plain text (news bodies) split into paragraphs at blank lines."""
    return [Block(" ".join(p.split())) for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a block starts and ends."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]
