"""Withdrawing a consent ends what other apps registered as relying on it, in one transaction."""

from collections.abc import Iterator

import pytest

from infohub.accounts.models import User
from infohub.counselling import consent_hooks
from infohub.counselling.errors import CounsellingError
from infohub.counselling.models import Consent, ConsentPurpose
from infohub.counselling.services import consent_withdraw
from infohub.referrals.services import referrals_withdraw_for_consent
from infohub.testing.casework import make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


class HandlerFailedError(RuntimeError):
    """The handler of a test could not end what relied on the consent."""


def _failing_handler(*, consent: Consent, actor: User | None) -> int:
    raise HandlerFailedError


@pytest.fixture
def failing_handler() -> Iterator[None]:
    consent_hooks.on_consent_withdrawn(_failing_handler)
    yield
    consent_hooks._handlers.remove(_failing_handler)


def test_referrals_registers_its_handler_once() -> None:
    consent_hooks.on_consent_withdrawn(referrals_withdraw_for_consent)
    assert consent_hooks._handlers.count(referrals_withdraw_for_consent) == 1


def test_a_failing_handler_leaves_the_consent_given(world: World, failing_handler: None) -> None:
    person = make_person(world.counsellor_a)
    record = person.consents.get(purpose=ConsentPurpose.COUNSELLING_RECORD)
    with pytest.raises(HandlerFailedError):
        consent_withdraw(user=world.counsellor_a, consent=record)
    record.refresh_from_db()
    person.refresh_from_db()
    assert record.withdrawn_at is None
    assert person.withdrawn_at is None


def test_it_refuses_a_user_outside_the_persons_hub_with_a_counselling_error(
    world: World,
) -> None:
    person = make_person(world.counsellor_a)
    record = person.consents.get(purpose=ConsentPurpose.COUNSELLING_RECORD)
    with pytest.raises(CounsellingError, match="You cannot change this person's consents"):
        consent_withdraw(user=world.counsellor_b, consent=record)
