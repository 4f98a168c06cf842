"""Screening writes: record the flags and the actions they require, mark an action done.

Each write and its audit row share one transaction. Audit rows name the screening or
the action by public id; no flag, name or case code reaches them.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.accounts.models import Hub, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.access import person_list_visible
from infohub.counselling.models import Consultation, Person
from infohub.screening.access import screening_hubs
from infohub.screening.errors import ScreeningError
from infohub.screening.models import (
    PRIORITY_RANK,
    Criterion,
    RequiredAction,
    Screening,
    ScreeningPriority,
)


def screening_priority(criteria: Iterable[Criterion]) -> str:
    """The highest priority among the flagged criteria, or "none" when nothing is flagged."""
    return max(
        (c.priority for c in criteria),
        key=PRIORITY_RANK.__getitem__,
        default=ScreeningPriority.NONE.value,
    )


def _subject(
    user: User, consultation: Consultation | None, person: Person | None
) -> tuple[Hub, Consultation | None, Person | None]:
    """The hub, consultation and person a screening belongs to, checked against the user."""
    if consultation is not None:
        if not screening_hubs(user).filter(pk=consultation.hub_id).exists():
            raise ScreeningError(_("You cannot screen this consultation."))
        if person is not None and consultation.person_id != person.pk:
            raise ScreeningError(_("The consultation is not this person's."))
        # A consultation tied to a person record screens that person.
        person = consultation.person
    if person is not None and not person_list_visible(user=user).filter(pk=person.pk).exists():
        raise ScreeningError(_("You cannot screen this person."))
    if consultation is not None:
        return consultation.hub, consultation, person
    if person is not None:
        return person.hub, None, person
    raise ScreeningError(_("A screening is of a consultation or of a person."))


def screening_record(
    *,
    user: User,
    criteria: Iterable[Criterion],
    consultation: Consultation | None = None,
    person: Person | None = None,
) -> Screening:
    """Record the flagged criteria; each flag with a deadline gets an action due by then."""
    hub, consultation, person = _subject(user, consultation, person)
    flagged = list({c.pk: c for c in criteria}.values())
    if any(not c.active for c in flagged):
        raise ScreeningError(_("A criterion is no longer in use. Reload the page."))
    now = timezone.now()
    with transaction.atomic():
        screening = Screening.objects.create(
            hub=hub,
            consultation=consultation,
            person=person,
            priority=screening_priority(flagged),
            recorded_by=user,
            at=now,
        )
        screening.criteria.set(flagged)
        RequiredAction.objects.bulk_create(
            RequiredAction(
                screening=screening,
                criterion=criterion,
                due_at=now + dt.timedelta(hours=criterion.action_deadline_hours),
            )
            for criterion in flagged
            if criterion.action_deadline_hours
        )
        audit_record(actor=user, action=AuditAction.SCREENING_RECORD, target=screening)
    return screening


def action_done(*, user: User, action: RequiredAction) -> RequiredAction:
    """Mark a required action done, once, by a case worker of the screening's hub."""
    with transaction.atomic():
        locked = (
            RequiredAction.objects.select_for_update(of=("self",))
            .filter(pk=action.pk, screening__hub__in=screening_hubs(user))
            .first()
        )
        if locked is None:
            raise ScreeningError(_("You cannot change this action."))
        if locked.done_at is not None:
            raise ScreeningError(_("This action is already marked done."))
        locked.done_at = timezone.now()
        locked.done_by = user
        locked.save(update_fields=["done_at", "done_by"])
        audit_record(actor=user, action=AuditAction.SCREENING_ACTION_DONE, target=locked)
    action.done_at, action.done_by = locked.done_at, locked.done_by
    return locked
