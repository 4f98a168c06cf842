"""The staff home is a work desk: each app registers the panels it offers there.

A panel (``core.panels``) is a template and a function of the signed-in user that
gives its context, or None when the panel is not part of that user's work. Apps
register their panels in their ``AppConfig.ready()``; the home page renders what is
registered, in order, and knows none of the apps (the same shape as
``privacy.registry``). A panel reads through its app's scoped selectors, so it shows
only what the user may see, with a fixed number of queries however many rows lie
behind its counts.
"""

from django.http import HttpRequest
from django.utils.safestring import SafeString

from infohub.accounts.models import User
from infohub.core.panels import Panel, PanelRegistry

DeskPanel = Panel[User]

_DESK = PanelRegistry[User]()
register = _DESK.register
unregister = _DESK.unregister
panels = _DESK.panels


def desk_panels(*, request: HttpRequest, user: User) -> list[SafeString]:
    """The user's panels, rendered; a panel that is not part of their work is left out."""
    return _DESK.render(request=request, subject=user)
