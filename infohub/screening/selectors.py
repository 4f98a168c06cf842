"""Reads for screening: the checklist in the reader's language, and the actions due.

The dashboard's selectors are scoped to the hubs the user manages; the open-actions
list to the hubs the user is a case worker of. Open means not done yet.
"""

import datetime as dt
from collections.abc import Mapping

from django.db.models import QuerySet

from infohub.accounts.models import User
from infohub.languages import in_language
from infohub.screening.access import managed_hubs, screening_hubs
from infohub.screening.models import Criterion, RequiredAction, Screening

DUE_SOON = dt.timedelta(hours=24)


def text_in(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else along its fallback chain, else any, else ""."""
    return str(in_language(texts, lang) or "")


def criterion_name(criterion: Criterion, lang: str) -> str:
    return text_in(criterion.names, lang) or criterion.code


def criterion_action(criterion: Criterion, lang: str) -> str:
    return text_in(criterion.action, lang)


def criterion_list_active() -> QuerySet[Criterion]:
    return Criterion.objects.filter(active=True)


def _open_actions() -> QuerySet[RequiredAction]:
    return RequiredAction.objects.filter(done_at__isnull=True).select_related(
        "criterion", "screening__hub", "screening__person", "screening__consultation"
    )


def overdue_actions(*, user: User, now: dt.datetime) -> QuerySet[RequiredAction]:
    """Open actions past their deadline in the hubs the user manages, the oldest first."""
    return _open_actions().filter(screening__hub__in=managed_hubs(user), due_at__lt=now)


def due_soon(
    *, user: User, now: dt.datetime, within: dt.timedelta = DUE_SOON
) -> QuerySet[RequiredAction]:
    """Open actions due within ``within`` in the hubs the user manages, the soonest first."""
    return _open_actions().filter(
        screening__hub__in=managed_hubs(user), due_at__gte=now, due_at__lt=now + within
    )


def open_actions(*, user: User) -> QuerySet[RequiredAction]:
    """Every open action in the hubs the user is a case worker of, the soonest due first."""
    return _open_actions().filter(screening__hub__in=screening_hubs(user))


def screening_actions(*, screening: Screening) -> QuerySet[RequiredAction]:
    return screening.actions.select_related("criterion", "done_by")
