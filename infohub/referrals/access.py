"""Who may see which referrals: the referring hub's case workers, and the provider's staff.

Provider staff see only referrals addressed to their organisation, and of the person
only the fields their data-sharing agreement allows (``sharing.py``). Everyone else
sees none. Lookups answer 404 out of scope; a provider's read is audited.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from infohub.accounts.access import as_uuid
from infohub.accounts.models import Organisation, Role, User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.counselling.access import CASE_ROLES, hubs_where
from infohub.referrals.models import Referral
from infohub.referrals.workflow import HUB, PROVIDER


def provider_organisations(user: User) -> QuerySet[Organisation]:
    if not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.PROVIDER_STAFF
    ).distinct()


def referral_list_visible(*, user: User) -> QuerySet[Referral]:
    return Referral.objects.filter(
        Q(hub__in=hubs_where(user, CASE_ROLES)) | Q(provider__in=provider_organisations(user))
    )


def referral_side(*, user: User, referral: Referral) -> str | None:
    """ "hub" or "provider" for the user's part in this referral; None when they have none."""
    if hubs_where(user, CASE_ROLES).filter(pk=referral.hub_id).exists():
        return HUB
    if provider_organisations(user).filter(pk=referral.provider_id).exists():
        return PROVIDER
    return None


def access_referral(*, user: User, public_id: object) -> tuple[Referral, str]:
    """The referral and the user's side in it; a provider's read is audited."""
    found = referral_list_visible(user=user).filter(public_id=as_uuid(public_id)).first()
    side = referral_side(user=user, referral=found) if found else None
    if found is None or side is None:
        raise Http404
    if side == PROVIDER:
        with transaction.atomic():
            audit_record(actor=user, action=AuditAction.REFERRAL_READ, target=found)
    return found, side
