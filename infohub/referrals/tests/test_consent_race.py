"""A referral and a withdrawal of its consent, at the same moment, on two connections.

SQLite runs one writer at a time, so the race cannot happen there; CI's PostgreSQL pass
(``make test-postgres``) runs it with a real server.
"""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from infohub.counselling.models import Consent, ConsentPurpose
from infohub.counselling.services import consent_withdraw
from infohub.referrals import services as referral_services
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.services import referral_create
from infohub.referrals.workflow import PENDING
from infohub.testing.casework import build_places, make_person
from infohub.testing.personas import World

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Decided before the database is set up: flushing SQLite after a transactional test
    # meets the audit log's append-only trigger.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race needs PostgreSQL (make test-postgres)",
    ),
]

# How long the referral waits, after reading the consent, for the withdrawal to finish:
# without the lock the withdrawal finishes well within it; with it, it cannot.
PAUSE_SECONDS = 2.0


def _in_thread(work: Callable[[], Any], errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()  # each thread opened its own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


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
    threads = [_in_thread(refer, errors), _in_thread(withdraw, errors)]
    for thread in threads:
        thread.join(30)
    assert errors == []
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    # The withdrawal waited for the referral and withdrew it, as it does any pending one.
    (referral,) = Referral.objects.filter(person=person)
    assert referral.status == ReferralStatus.WITHDRAWN
    assert not Referral.objects.filter(consent=consent, status__in=PENDING).exists()
