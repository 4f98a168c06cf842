"""Who may see which consultations and person records. Every lookup goes through here.

Scopes, by role: a counsellor and a hub manager see their hub's consultations and
people; a community advisor sees only the consultations they recorded; every other
role, superusers included, sees none of them here (the data protection officer works
through the data-subject tools; analysts' aggregates are not built yet). An inactive
account sees nothing. Lookups by id answer 404 for anything out of scope, so an id reveals
nothing; every read of a person record writes an audit row in the same transaction.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import Hub, Organisation, Role, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.case_codes import case_code_canonical
from infohub.counselling.models import Consultation, Person

CASE_ROLES = (Role.COUNSELLOR, Role.HUB_MANAGER)


def hubs_where(user: User, roles: tuple[str, ...]) -> QuerySet[Hub]:
    """The hubs in which the user holds one of ``roles`` directly (never by organisation)."""
    if not user.is_active:
        return Hub.objects.none()
    return Hub.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def _hub_ids(user: User, roles: tuple[str, ...]) -> list[int]:
    # Evaluated first, so the big tables are filtered on constants: the databases then
    # walk the (hub, date) index instead of sorting every row a subquery lets through.
    return list(hubs_where(user, roles).values_list("pk", flat=True))


def consultation_list_visible(*, user: User) -> QuerySet[Consultation]:
    if not user.is_active:
        return Consultation.objects.none()
    scope = Q(hub_id__in=_hub_ids(user, CASE_ROLES))
    advised = _hub_ids(user, (Role.COMMUNITY_ADVISOR,))
    if advised:
        scope |= Q(hub_id__in=advised, recorded_by=user)
    return Consultation.objects.filter(scope)


def person_list_visible(*, user: User) -> QuerySet[Person]:
    """People of the user's hubs, except records whose legal basis was withdrawn."""
    hubs = _hub_ids(user, CASE_ROLES)
    return Person.objects.filter(hub_id__in=hubs, withdrawn_at__isnull=True)


def dpo_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations in which the user is the data protection officer."""
    if not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.DPO
    ).distinct()


def is_dpo_for(user: User, person: Person) -> bool:
    """Whether the user is the data protection officer of the person's hub's organisation."""
    return dpo_organisations(user).filter(pk=person.hub.organisation_id).exists()


def person_for_dpo(*, user: User, case_code: str) -> Person | None:
    """A person of a hub run by an organisation the user is the DPO of, by case code.

    Data protection officers handle consent and data-subject requests; they find a
    person by the pseudonymous code, never by browsing.
    """
    code = case_code_canonical(case_code)
    if not code:
        return None
    people = Person.objects.filter(hub__organisation__in=dpo_organisations(user))
    return people.filter(case_code=code).select_related("hub").first()


def access_consultation(*, user: User, public_id: object) -> Consultation:
    found = consultation_list_visible(user=user).filter(public_id=as_uuid(public_id)).first()
    if found is None:
        raise Http404
    return found


def access_person(*, user: User, public_id: object) -> Person:
    """The person record, read on the record: the read is audited before it is returned."""
    found = person_list_visible(user=user).filter(public_id=as_uuid(public_id)).first()
    if found is None:
        raise Http404
    with transaction.atomic():
        audit_record(actor=user, action=AuditAction.PERSON_READ, target=found)
    return found


def recordable_hubs(*, user: User) -> QuerySet[Hub]:
    """Hubs in which the user may record a consultation."""
    return hubs_where(user, (*CASE_ROLES, Role.COMMUNITY_ADVISOR))
