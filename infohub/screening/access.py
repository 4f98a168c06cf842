"""Who may see screenings: the case workers (counsellors, hub managers) of the hub.

Flags are sensitive personal data. Every other role, superusers, community advisors,
analysts, editors, provider staff and the data protection officer included, sees none
of them: lookups answer 404, the same as for an unknown or malformed id. Opening a
screening that belongs to a person is a read of that person's record, and is audited.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import Hub, Role, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.access import (
    CASE_ROLES,
    access_consultation,
    access_person,
    hubs_where,
)
from infohub.counselling.models import Consultation, Person
from infohub.screening.models import RequiredAction, Screening


def screening_hubs(user: User) -> QuerySet[Hub]:
    """The hubs whose screenings the user may see and record."""
    return hubs_where(user, CASE_ROLES)


def screening_list_visible(*, user: User) -> QuerySet[Screening]:
    return Screening.objects.filter(hub__in=screening_hubs(user))


def access_screening(*, user: User, public_id: object) -> Screening:
    """The screening; when it is a person's, the read is audited as a read of their record."""
    found = (
        screening_list_visible(user=user)
        .select_related("hub", "person", "consultation")
        .filter(public_id=as_uuid(public_id))
        .first()
    )
    if found is None:
        raise Http404
    if found.person is not None:
        with transaction.atomic():
            audit_record(actor=user, action=AuditAction.PERSON_READ, target=found.person)
    return found


def access_required_action(*, user: User, public_id: object) -> RequiredAction:
    found = (
        RequiredAction.objects.filter(screening__hub__in=screening_hubs(user))
        .select_related("screening", "criterion")
        .filter(public_id=as_uuid(public_id))
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_screening_consultation(*, user: User, public_id: object) -> Consultation:
    """A consultation the user may screen: one of their hub's, as a case worker.

    A community advisor sees the consultations they recorded, but not their flags.
    """
    consultation = access_consultation(user=user, public_id=public_id)
    if not screening_hubs(user).filter(pk=consultation.hub_id).exists():
        raise Http404
    return consultation


def access_screening_person(*, user: User, public_id: object) -> Person:
    """A person the user may screen; the read of their record is audited."""
    return access_person(user=user, public_id=public_id)


def managed_hubs(user: User) -> QuerySet[Hub]:
    """The hubs the user manages: the scope of the overdue-actions dashboard."""
    return hubs_where(user, (Role.HUB_MANAGER,))


def access_dashboard(*, user: User) -> QuerySet[Hub]:
    """The hubs on the user's dashboard; 404 for anyone who manages none."""
    hubs = managed_hubs(user)
    if not hubs.exists():
        raise Http404
    return hubs


def access_case_worker(*, user: User) -> QuerySet[Hub]:
    """The hubs whose open actions the user works on; 404 for anyone who is no case worker."""
    hubs = screening_hubs(user)
    if not hubs.exists():
        raise Http404
    return hubs
