"""The staff home's list of hubs reads as many queries for many hubs as for a few."""

import pytest
from django.test import Client

from infohub.accounts.models import Hub
from infohub.accounts.services import hub_create
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import query_counts

pytestmark = pytest.mark.django_db


def test_the_staff_home_reads_as_many_queries_for_many_hubs(world: World) -> None:
    def add(rows: int) -> list[str]:
        numbers = range(Hub.objects.count(), Hub.objects.count() + rows)
        hubs = [
            hub_create(
                slug=f"hub-{n}",
                name=f"Hub number {n}",
                organisation=world.network_a,
                country="CR",
                municipality=f"Town {n}",
            )
            for n in numbers
        ]
        return [hub.name for hub in hubs]

    enrol_authenticator(world.admin)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, world.admin)
    few, many = query_counts(client, "/staff/", add)
    assert few == many
