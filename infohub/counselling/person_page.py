"""The person page's sections that other apps add: their screenings, their referrals.

Each app registers a section (``core.panels``) whose function gets the reader and the
person, read through ``access_person`` (audited) before any section runs, and returns
what the app's scoped selectors let that reader see. Counselling imports none of them.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.safestring import SafeString

from infohub.accounts.models import User
from infohub.core.panels import Panel, PanelRegistry
from infohub.counselling.models import Person


@dataclass(frozen=True)
class PersonPage:
    user: User
    person: Person  # returned by ``access_person``


PersonSection = Panel[PersonPage]

_SECTIONS = PanelRegistry[PersonPage]()
register = _SECTIONS.register
unregister = _SECTIONS.unregister


def person_sections(*, request: HttpRequest, user: User, person: Person) -> list[SafeString]:
    return _SECTIONS.render(request=request, subject=PersonPage(user=user, person=person))
