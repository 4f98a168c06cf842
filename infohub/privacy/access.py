"""Who may act on a person's data-subject rights. Every lookup goes through here.

The hub's case workers (counsellors and hub managers of the person's hub) and the data
protection officer of the organisation that runs the hub may export and rectify a
person record; only that data protection officer may erase it. A record closed because
its legal basis was withdrawn is the data protection officer's alone until retention
erases it: case workers no longer see it, here as on their person pages. Every other role,
superusers included, sees nothing here. Lookups answer 404 for unknown ids, malformed
ids and people out of scope alike, and an inactive account sees nothing.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import User
from infohub.counselling.access import CASE_ROLES, dpo_organisations, hubs_where
from infohub.counselling.case_codes import case_code_canonical
from infohub.counselling.models import Person


def subject_list_handled(*, user: User) -> QuerySet[Person]:
    """People whose export and rectification the user may handle."""
    if not user.is_active:
        return Person.objects.none()
    return Person.objects.filter(
        Q(hub__in=hubs_where(user, CASE_ROLES), withdrawn_at__isnull=True)
        | Q(hub__organisation__in=dpo_organisations(user))
    )


def subject_list_erasable(*, user: User) -> QuerySet[Person]:
    """People the user may erase: only their organisation's data protection officer."""
    if not user.is_active:
        return Person.objects.none()
    return Person.objects.filter(hub__organisation__in=dpo_organisations(user))


def handles_subjects(user: User) -> bool:
    """Whether the user holds a role that may handle data-subject requests at all."""
    return hubs_where(user, CASE_ROLES).exists() or dpo_organisations(user).exists()


def may_handle(user: User, person: Person) -> bool:
    return subject_list_handled(user=user).filter(pk=person.pk).exists()


def may_erase(user: User, person: Person) -> bool:
    return subject_list_erasable(user=user).filter(pk=person.pk).exists()


def access_subject(*, user: User, public_id: object) -> Person:
    found = subject_list_handled(user=user).filter(public_id=as_uuid(public_id)).first()
    if found is None:
        raise Http404
    return found


def access_subject_by_case_code(*, user: User, case_code: str) -> Person:
    code = case_code_canonical(case_code)
    found = subject_list_handled(user=user).filter(case_code=code).first() if code else None
    if found is None:
        raise Http404
    return found


def access_subject_for_erasure(*, user: User, public_id: object) -> Person:
    found = subject_list_erasable(user=user).filter(public_id=as_uuid(public_id)).first()
    if found is None:
        raise Http404
    return found
