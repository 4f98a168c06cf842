"""The referral lists, sent and inbox, read as many queries for many rows as for a few."""

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.referrals.services import referral_create
from infohub.testing.casework import build_places, make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in
from infohub.testing.queries import RowMaker, query_counts

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def referrals_to_provider_a(world: World) -> RowMaker:
    """Adds referrals from hub A to provider A's place, one person each; their ids."""
    places = build_places(world)

    def add(count: int) -> list[str]:
        made = []
        for _ in range(count):
            person = make_person(world.counsellor_a, refer_to=world.provider_a)
            referral = referral_create(
                user=world.counsellor_a, person=person, service_at_location=places.legal_a
            )
            made.append(str(referral.public_id))
        return made

    return add


def test_the_sent_list_reads_as_many_queries_for_many_rows(world: World) -> None:
    add = referrals_to_provider_a(world)
    few, many = query_counts(signed_in(world.counsellor_a), "/staff/referrals/?box=sent", add)
    assert few == many


def test_the_inbox_reads_as_many_queries_for_many_rows(world: World) -> None:
    add = referrals_to_provider_a(world)
    few, many = query_counts(signed_in(world.provider_staff_a), "/staff/referrals/?box=inbox", add)
    assert few == many
