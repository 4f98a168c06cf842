"""A provider's page of a finished referral says it is closed, not what it never shared."""

import pytest

from infohub.referrals.models import ReferralStatus
from infohub.referrals.services import referral_create, referral_transition
from infohub.referrals.tests.test_referral_pages import (
    GIVEN,
    detail_url,
    sentinel_person,
    signed_in,
    text,
)
from infohub.testing.casework import build_places
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

AGREEMENT_SAYS = "data-sharing agreement shares no personal data"


def test_it_tells_the_provider_a_completed_referral_is_closed(world: World) -> None:
    places = build_places(world)
    person = sentinel_person(world, world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    provider = signed_in(world.provider_staff_a)
    assert GIVEN in text(provider.get(detail_url(referral)))
    for step in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS):
        referral_transition(user=world.provider_staff_a, referral=referral, to=step, reason="")
    referral_transition(
        user=world.provider_staff_a, referral=referral, to=ReferralStatus.COMPLETED, reason="Done."
    )

    page = text(provider.get(detail_url(referral)))
    assert AGREEMENT_SAYS not in page
    assert "This referral is closed (Completed)" in page
    assert GIVEN not in page


def test_it_still_names_the_agreement_when_an_open_referral_shares_nothing(world: World) -> None:
    places = build_places(world)
    person = sentinel_person(world, world.provider_b)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.shelter_b
    )
    page = text(signed_in(world.provider_staff_b).get(detail_url(referral)))
    assert AGREEMENT_SAYS in page
    assert "This referral is closed" not in page
