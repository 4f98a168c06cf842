"""The difference between the live text and the proposed one, for the reviewer."""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str


def text_diff(live: str, proposed: str) -> list[DiffLine]:
    """Line by line: what the proposal removes from the live text and what it adds."""
    lines: list[DiffLine] = []
    before, after = live.splitlines(), proposed.splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [DiffLine("same", text) for text in before[a1:a2]]
            continue
        lines += [DiffLine("removed", text) for text in before[a1:a2]]
        lines += [DiffLine("added", text) for text in after[b1:b2]]
    return lines


def has_changes(lines: list[DiffLine]) -> bool:
    return any(line.kind != "same" for line in lines)


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: list[DiffLine]


@dataclass(frozen=True)
class Change:
    """The proposed revision of one translation against its live text."""

    lang: str
    heading: str
    fields: list[FieldDiff] = field(default_factory=list)


def change_of(
    *, lang: str, live: Sequence[tuple[str, str]] | None, proposed: Sequence[tuple[str, str]]
) -> Change | None:
    """Pairs of (label, text), live and proposed in the same order; None when equal.

    A translation that is not live yet is shown as wholly added.
    """
    fields = []
    for index, (label, text) in enumerate(proposed):
        before = live[index][1] if live is not None else ""
        lines = text_diff(before, text)
        if has_changes(lines):
            fields.append(FieldDiff(label=label, lines=lines))
    if not fields:
        return None
    heading = (
        _("%(lang)s: changes to the live version") % {"lang": lang}
        if live is not None
        else _("%(lang)s: not live yet") % {"lang": lang}
    )
    return Change(lang=lang, heading=heading, fields=fields)


def render_changes(changes: Sequence[Change]) -> SafeString:
    """The admin's view of the changes a reviewer is asked to publish."""
    return SafeString(render_to_string("admin/editorial/diff.html", {"changes": changes}))
