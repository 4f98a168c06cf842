"""Pages composed of panels that apps register: the staff desk, the person page.

A panel is a template and a function that gives its context for the page's subject
(the signed-in user, or the user and the person they read), or None when the panel has
nothing for that subject. Apps register their panels from ``AppConfig.ready()``; the
page renders what is registered, in order, and imports none of the apps. Each function
reads through its app's scoped selectors, with a fixed number of queries.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

S = TypeVar("S")


@dataclass(frozen=True)
class Panel(Generic[S]):
    name: str  # a short key, e.g. "referrals"
    order: int  # lower first
    template: str
    context: Callable[[S], Mapping[str, Any] | None]


class PanelRegistry(Generic[S]):
    def __init__(self) -> None:
        self._panels: dict[str, Panel[S]] = {}

    def register(self, panel: Panel[S]) -> None:
        """Add a panel; registering the same name again replaces it (module reloads)."""
        self._panels[panel.name] = panel

    def unregister(self, name: str) -> None:
        self._panels.pop(name, None)

    def panels(self) -> list[Panel[S]]:
        return sorted(self._panels.values(), key=lambda p: (p.order, p.name))

    def render(self, *, request: HttpRequest, subject: S) -> list[SafeString]:
        """The panels for this subject, rendered; a panel with nothing to show is left out."""
        rendered = []
        for panel in self.panels():
            context = panel.context(subject)
            if context is not None:
                html = render_to_string(panel.template, dict(context), request=request)
                rendered.append(mark_safe(html))  # noqa: S308 - rendered by the template engine
        return rendered
