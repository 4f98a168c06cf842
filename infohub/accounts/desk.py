"""The staff home is a work desk: each app registers the panels it offers there.

A panel is a template and a function that gives its context for a user, or None when
the panel is not part of that user's work. Apps register their panels in their
``AppConfig.ready()``; the home page renders what is registered, in order, and knows
none of the apps (the same shape as ``privacy.registry``). A panel's function reads
through its app's scoped selectors, so a panel shows only what the user may see, and it
reads a fixed number of queries however many rows lie behind its counts.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from infohub.accounts.models import User

PanelContext = Callable[[User], Mapping[str, Any] | None]


@dataclass(frozen=True)
class DeskPanel:
    name: str  # a short key, e.g. "counselling"
    order: int  # lower first: the day's work before the links
    template: str
    context: PanelContext


_PANELS: dict[str, DeskPanel] = {}


def register(panel: DeskPanel) -> None:
    """Add a panel; registering the same name again replaces it (module reloads)."""
    _PANELS[panel.name] = panel


def panels() -> list[DeskPanel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.name))


def desk_panels(*, request: HttpRequest, user: User) -> list[SafeString]:
    """The user's panels, rendered; a panel that is not part of their work is left out."""
    rendered = []
    for panel in panels():
        context = panel.context(user)
        if context is not None:
            html = render_to_string(panel.template, dict(context), request=request)
            rendered.append(mark_safe(html))  # noqa: S308 - rendered by the template engine
    return rendered
