"""The export as lines for the printable page: any section's shape, walked in order."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Line:
    depth: int  # 0 for a section, deeper for what it holds
    label: str
    text: str  # empty for a heading
    heading: bool


def _label(key: object) -> str:
    return str(key).replace("_", " ").capitalize()


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _walk(label: str, value: Any, depth: int, lines: list[Line]) -> None:
    if isinstance(value, dict):
        lines.append(Line(depth, label, "", heading=True))
        if not value:
            lines.append(Line(depth + 1, "", "—", heading=False))
        for key, item in value.items():
            _walk(_label(key), item, depth + 1, lines)
    elif isinstance(value, list | tuple) and any(isinstance(i, dict | list) for i in value):
        lines.append(Line(depth, f"{label} ({len(value)})", "", heading=True))
        for number, item in enumerate(value, start=1):
            _walk(f"{label} {number}", item, depth + 1, lines)
    elif isinstance(value, list | tuple):
        lines.append(Line(depth, label, ", ".join(_text(i) for i in value) or "—", heading=False))
    else:
        lines.append(Line(depth, label, _text(value), heading=False))


def printable_lines(export: dict[str, Any]) -> list[Line]:
    lines: list[Line] = []
    for name, value in export.items():
        _walk(_label(name), value, 0, lines)
    return lines
