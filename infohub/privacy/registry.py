"""Where each app says what it holds about a person, for export and erasure.

Apps that keep data about a person register a section in their ``AppConfig.ready()``:
a function that exports it (plain JSON-able values, decrypted) and one that erases it
(returns how many rows it removed or anonymised). Data-subject requests walk every
registered section, so a new app cannot be forgotten by an export or an erasure
without someone deciding so in code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infohub.counselling.models import Person


@dataclass(frozen=True)
class SubjectDataSection:
    name: str  # a short key, e.g. "screenings"; the export's top-level key
    export: "Callable[[Person], Any]"
    erase: "Callable[[Person], int]"


_SECTIONS: dict[str, SubjectDataSection] = {}


def register(section: SubjectDataSection) -> None:
    """Add a section; registering the same name again replaces it (module reloads)."""
    _SECTIONS[section.name] = section


def sections() -> list[SubjectDataSection]:
    return [_SECTIONS[name] for name in sorted(_SECTIONS)]
