"""Casework fixtures built through the real services: services to refer to, people, consents.

Provider A runs "Legal A" and provider B runs "Shelter B" in the directory; provider A's
data-sharing agreement shares given names and phone, provider B has no agreement.
"""

from dataclasses import dataclass

from infohub.accounts.models import Organisation, User
from infohub.counselling.models import ConsentPurpose, Person
from infohub.counselling.services import ConsentInput, DocumentInput, PersonInput, person_create
from infohub.directory.listings.services import provider_link_set
from infohub.directory.models import (
    ListingStatus,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
)
from infohub.referrals.models import SharedField, SharingAgreement
from infohub.testing.personas import World

NOTICE = {"notice_version": "2026-01", "notice_language": "es"}


@dataclass
class Places:
    legal_a: ServiceAtLocation
    shelter_b: ServiceAtLocation


def _place(name: str, provider: Organisation) -> ServiceAtLocation:
    organization = Organization.objects.create(name=name, description=name)
    service = Service.objects.create(
        organization=organization,
        name=name,
        status="active",
        listing_status=ListingStatus.PUBLISHED,
        source_language="es",
    )
    location = Location.objects.create(location_type="physical", name=name)
    provider_link_set(organization=organization, organisation=provider, actor=None)
    return ServiceAtLocation.objects.create(service=service, location=location)


def build_places(world: World) -> Places:
    SharingAgreement.objects.create(
        provider=world.provider_a, fields=[SharedField.GIVEN_NAMES, SharedField.PHONE]
    )
    return Places(
        legal_a=_place("Legal A", world.provider_a),
        shelter_b=_place("Shelter B", world.provider_b),
    )


def consent(purpose: str, provider: Organisation | None = None) -> ConsentInput:
    return ConsentInput(purpose=purpose, provider=provider, **NOTICE)


def make_person(
    user: User,
    *,
    given_names: str = "Marie",
    phone: str = "+509 3700 0000",
    document: str = "",
    refer_to: Organisation | None = None,
) -> Person:
    """A person in the user's hub with consent to a record (and to a referral, if asked)."""
    consents = [consent(ConsentPurpose.COUNSELLING_RECORD)]
    if refer_to is not None:
        consents.append(consent(ConsentPurpose.REFERRAL, refer_to))
    documents = [DocumentInput("passport", document, "HT")] if document else []
    hub = user.memberships.get().hub
    assert hub is not None, "a person is made by a hub's case worker"
    data = PersonInput(
        legal_basis="consent", given_names=given_names, phone=phone, documents=documents
    )
    return person_create(user=user, hub=hub, data=data, consents=consents)
