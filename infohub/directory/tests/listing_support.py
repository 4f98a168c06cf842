"""Small directories for the listing tests: two provider organizations with a service each."""

import datetime as dt
from dataclasses import dataclass

from django.test import Client

from infohub.accounts.models import User
from infohub.directory.listings.services import provider_link_set
from infohub.directory.models import (
    Contact,
    ListingStatus,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
)
from infohub.testing.personas import World, enrol_authenticator, sign_in

CONTACT_EMAIL = "ana.perez@legal-a.example.org"
CONTACT_NAME = "Ana Pérez"
SERVICE_EMAIL = "info@legal-a.example.org"
PHONE = "+506 2222 0000"


def make_service(
    organization: Organization,
    *,
    name: str,
    email: str = "",
    last_verified: dt.date | None = None,
    listing_status: str = ListingStatus.PUBLISHED,
) -> Service:
    return Service.objects.create(
        organization=organization,
        name=name,
        description="Orientación legal gratuita.",
        status="active",
        email=email,
        url="https://legal-a.example.org",
        listing_status=listing_status,
        last_verified=last_verified,
        source_language="es",
    )


@dataclass
class Listings:
    org_a: Organization
    org_b: Organization
    service_a: Service
    service_b: Service


def build_listings(world: World | None = None) -> Listings:
    """Service A (with a contact and a phone) of organization A, service B of organization B;
    with a world, A is linked to provider A and B to provider B."""
    org_a = Organization.objects.create(name="Legal A", description="Ayuda legal.")
    org_b = Organization.objects.create(name="Refugio B", description="Albergue.")
    service_a = make_service(org_a, name="Asesoría legal", email=SERVICE_EMAIL)
    service_b = make_service(org_b, name="Alojamiento", email="info@refugio-b.example.org")
    Contact.objects.create(service=service_a, name=CONTACT_NAME, email=CONTACT_EMAIL)
    Phone.objects.create(service=service_a, number=PHONE)
    if world is not None:
        provider_link_set(organization=org_a, organisation=world.provider_a, actor=None)
        provider_link_set(organization=org_b, organisation=world.provider_b, actor=None)
    return Listings(org_a=org_a, org_b=org_b, service_a=service_a, service_b=service_b)


def add_confidential_place(service: Service, *, contact_email: str) -> Location:
    shelter = Location.objects.create(
        location_type="physical", name="Albergue Confidencial", confidential=True
    )
    ServiceAtLocation.objects.create(service=service, location=shelter)
    Contact.objects.create(
        service=service, location=shelter, name="Persona Oculta", email=contact_email
    )
    return shelter


def signed_in(user: User) -> Client:
    """A client signed in through the real forms, second factor included."""
    enrol_authenticator(user)
    client = Client()
    sign_in(client, user)
    return client
