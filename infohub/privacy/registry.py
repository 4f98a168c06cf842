"""Where each app says what it holds about people: for export, erasure and retention.

Apps that keep data about a person register a section in their ``AppConfig.ready()``:
a function that exports it (plain JSON-able values, decrypted), one that erases it
(returns how many rows it removed or anonymised), the models it covers and, where they
apply, the lines the data protection officer's page shows, the parts of the person's
printable copy in words (``readable``, built with ``privacy.readable``), what erasing would
drop that still needs attention (``erase_warnings``), the activity that keeps a record
alive and the links that tie a consultation to a person. Apps whose personal data
ages out register a retention rule. Data-subject requests and ``enforce_retention`` walk
what is registered, never the apps, so a new app cannot be forgotten by an export, an
erasure or a retention run without someone deciding so in code (a test walks the models).
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from django.db.models import Exists, Model

if TYPE_CHECKING:
    from infohub.counselling.models import Person
    from infohub.privacy.readable import Part

Progress = Callable[[str, int, int], None]
BATCH = 200
T = TypeVar("T")


@dataclass(frozen=True)
class ConsultationLinks:
    """Rows of another app that tie a consultation to a person."""

    # An ``Exists`` over the app's rows linking ``OuterRef("pk")`` (a consultation) to a person.
    held: Callable[[], Exists]
    # Unlinks the consultations with these primary keys; returns how many rows changed.
    detach: Callable[[Sequence[int]], int]


@dataclass(frozen=True)
class SubjectDataSection:
    name: str  # a short key, e.g. "screenings"; the export's top-level key
    export: "Callable[[Person], Any]"
    erase: "Callable[[Person], int]"
    models: tuple[type[Model], ...] = ()  # the models whose rows it covers
    # What the data protection officer's page lists about the person (translated lines).
    summary: "Callable[[Person], list[str]] | None" = None
    # The section in the person's printable copy, called with the copy's language active
    # and the hub's time zone current; without it the export is shown generically.
    readable: "Callable[[Person], list[Part]] | None" = None
    # Translated lines naming what erasing the person would drop that still needs
    # attention (an open child-protection action); any line makes the erasure ask why.
    erase_warnings: "Callable[[Person], list[str]] | None" = None
    # An ``Exists`` of the app's rows showing activity of ``OuterRef("pk")`` (a person)
    # since the given time; any activity keeps the record from retention.
    active_since: Callable[[dt.datetime], Exists] | None = None
    consultation_links: ConsultationLinks | None = None


class RetentionRun(Protocol):
    """Applies a rule, or only counts on a dry run; returns its counts by name."""

    def __call__(
        self, *, now: dt.datetime, dry_run: bool, progress: Progress
    ) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class RetentionRule:
    name: str
    run: RetentionRun
    # The command's line from the counts and "were" or "would be", in English.
    report: Callable[[Mapping[str, int], str], str]
    models: tuple[type[Model], ...] = ()


_SECTIONS: dict[str, SubjectDataSection] = {}
_RULES: dict[str, RetentionRule] = {}


def register(section: SubjectDataSection) -> None:
    """Add a section; registering the same name again replaces it (module reloads)."""
    _SECTIONS[section.name] = section


def sections() -> list[SubjectDataSection]:
    return [_SECTIONS[name] for name in sorted(_SECTIONS)]


def register_retention(rule: RetentionRule) -> None:
    """Add a rule; rules run in the order the apps register them (``INSTALLED_APPS``)."""
    _RULES[rule.name] = rule


def retention_rules() -> list[RetentionRule]:
    return list(_RULES.values())


def in_batches(ids: Sequence[T]) -> list[Sequence[T]]:
    """Split ids so each retention transaction stays short."""
    return [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]


def cutoff(now: dt.datetime, days: int) -> dt.datetime:
    return now - dt.timedelta(days=days)
