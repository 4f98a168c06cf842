"""Where other apps prefill a new consultation from what they hold, such as a callback request.

An app registers a source under a query parameter's name from its ``AppConfig.ready()``;
the consultation form calls it with the user and the parameter's value (a public id,
never a personal value) and gets the form's starting values, or a 404 when the object
is out of the user's scope. Counselling knows none of the apps that register.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from infohub.accounts.models import Hub, User


@dataclass(frozen=True)
class ConsultationPrefill:
    hub: Hub
    label: str  # what the form says it starts from, e.g. "Callback request 1A2B3C4D"
    channel: str = ""
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # topic slugs

    def initial(self) -> dict[str, Any]:
        values: dict[str, Any] = {"hub": self.hub}
        if self.channel:
            values["channel"] = self.channel
        if self.languages:
            values["languages"] = list(self.languages)
        if self.topics:
            values["topics"] = list(self.topics)
        return values


# Takes the user and the parameter's value; raises Http404 out of scope.
PrefillSource = Callable[[User, str], ConsultationPrefill]

_SOURCES: dict[str, PrefillSource] = {}


def register(parameter: str, source: PrefillSource) -> None:
    """Add a source; registering the same parameter again replaces it (module reloads)."""
    _SOURCES[parameter] = source


def consultation_prefill(*, user: User, query: Mapping[str, str]) -> ConsultationPrefill | None:
    """The starting values named by the first registered parameter in the query, if any."""
    for parameter, source in sorted(_SOURCES.items()):
        if parameter in query:
            return source(user, query[parameter])
    return None
