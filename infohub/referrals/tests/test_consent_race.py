"""A referral and a withdrawal of its consent, at the same moment, on two connections."""

import threading
from typing import Any

import pytest

from infohub.counselling.models import Consent, ConsentPurpose
from infohub.counselling.services import consent_withdraw
from infohub.referrals import services as referral_services
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.services import referral_create
from infohub.referrals.workflow import PENDING
from infohub.testing.casework import build_places, make_person
from infohub.testing.personas import World
from infohub.testing.races import ON_POSTGRESQL, PAUSE_SECONDS, in_thread

pytestmark = ON_POSTGRESQL


def test_it_never_leaves_a_pending_referral_on_a_consent_withdrawn_meanwhile(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    places = build_places(world)
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    consent = person.consents.get(purpose=ConsentPurpose.REFERRAL)
    consent_read, withdrawn = threading.Event(), threading.Event()
    real_read = referral_services.referral_consent

    def read_then_pause(*args: Any) -> Consent | None:
        found = real_read(*args)
        consent_read.set()
        withdrawn.wait(PAUSE_SECONDS)  # let the withdrawal run now, if nothing stops it
        return found

    monkeypatch.setattr(referral_services, "referral_consent", read_then_pause)

    def refer() -> None:
        referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)

    def withdraw() -> None:
        assert consent_read.wait(10)
        consent_withdraw(user=world.counsellor_a, consent=Consent.objects.get(pk=consent.pk))
        withdrawn.set()

    errors: list[BaseException] = []
    threads = [in_thread(refer, errors), in_thread(withdraw, errors)]
    for thread in threads:
        thread.join(30)
    assert errors == []
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    # The withdrawal waited for the referral and withdrew it, as it does any pending one.
    (referral,) = Referral.objects.filter(person=person)
    assert referral.status == ReferralStatus.WITHDRAWN
    assert not Referral.objects.filter(consent=consent, status__in=PENDING).exists()
