"""A provider's list of its listings reads as many queries for many rows as for a few."""

import pytest
from django.test import Client

from infohub.directory.listings.services import provider_link_set
from infohub.directory.models import ListingStatus, Organization, Service
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db


def test_the_provider_listings_read_as_many_queries_for_many_rows(world: World) -> None:
    def add(rows: int) -> list[str]:
        names = [f"Listing {Service.objects.count() + n}" for n in range(rows)]
        for name in names:
            organization = Organization.objects.create(name=name, description=name)
            Service.objects.create(
                organization=organization,
                name=name,
                status="active",
                listing_status=ListingStatus.PUBLISHED,
                source_language="en",
            )
            provider_link_set(organization=organization, organisation=world.provider_a, actor=None)
        return names

    enrol_authenticator(world.provider_staff_a)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.provider_staff_a)
    few, many = query_counts(client, "/staff/listings/", add)
    assert few == many
