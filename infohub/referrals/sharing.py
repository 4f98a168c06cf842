"""What a provider sees of the person it receives: only what its agreement allows.

And only while the referral is open (sent, accepted or in progress) on a consent that
still holds: once it is declined, completed, closed or withdrawn, or the consent ends,
the provider keeps the referral's history but no longer sees the person.
"""

from typing import Any

from infohub.counselling.models import Person
from infohub.referrals.models import Referral, SharedField, SharingAgreement
from infohub.referrals.workflow import PENDING

PLAIN_FIELDS = (
    SharedField.GIVEN_NAMES,
    SharedField.FAMILY_NAMES,
    SharedField.DATE_OF_BIRTH,
    SharedField.NATIONALITY,
    SharedField.PHONE,
    SharedField.ADDRESS,
)


def allowed_fields(referral: Referral) -> list[str]:
    agreement = SharingAgreement.objects.filter(provider_id=referral.provider_id).first()
    if agreement is None:
        return []  # no agreement, nothing personal is shared
    return [f for f in SharedField.values if f in agreement.fields]


def sharing_is_open(referral: Referral) -> bool:
    consent = referral.consent
    return (
        referral.status in PENDING
        and referral.person_id is not None
        and consent is not None
        and consent.withdrawn_at is None
    )


def sharing_closed_because(referral: Referral) -> str | None:
    """Why the provider no longer sees the person (``closed``, ``erased``, ``consent``), if so."""
    if referral.status not in PENDING:
        return "closed"
    if referral.person_id is None:
        return "erased"
    if not sharing_is_open(referral):
        return "consent"
    return None


def shared_values(referral: Referral) -> dict[str, Any]:
    """The person's values the provider may see, by field; decrypted only for those."""
    person: Person | None = referral.person
    if person is None or not sharing_is_open(referral):
        return {}
    allowed = allowed_fields(referral)
    shared: dict[str, Any] = {f: getattr(person, f) for f in PLAIN_FIELDS if f in allowed}
    if SharedField.DOCUMENTS in allowed:
        shared["documents"] = [
            {"kind": d.kind, "issuing_country": d.issuing_country, "number": d.number}
            for d in person.documents.all()
        ]
    if SharedField.HOUSEHOLD in allowed:
        shared["household"] = [
            {"relation": m.relation, "name": m.name, "birth_year": m.birth_year}
            for m in person.household.all()
        ]
    return shared
