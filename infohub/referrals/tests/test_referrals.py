"""Referrals: consent first, the provider sees only what its agreement allows, withdrawal."""

import socket
from collections.abc import Callable
from contextlib import AbstractContextManager
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import Http404

from infohub.audit.models import AuditEvent
from infohub.counselling.access import person_list_visible
from infohub.counselling.errors import CounsellingError
from infohub.counselling.models import ConsentPurpose, Person
from infohub.counselling.services import PersonInput, consent_give, person_create
from infohub.referrals.access import access_referral
from infohub.referrals.errors import ReferralError
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.services import (
    consent_withdraw,
    referral_create,
    referral_override_grant,
    referral_transition,
)
from infohub.referrals.sharing import shared_values
from infohub.testing.casework import Places, build_places, consent, make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., AbstractContextManager[Any]]

SENTINEL = "Qwertzuiop Sentinela"


@pytest.fixture
def places(world: World) -> Places:
    return build_places(world)


def test_a_referral_without_consent_for_that_provider_is_refused(
    world: World, places: Places
) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_b)
    with pytest.raises(ReferralError):
        referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)
    assert Referral.objects.count() == 0


def test_the_provider_sees_only_the_fields_its_agreement_allows(
    world: World, places: Places
) -> None:
    person = make_person(
        world.counsellor_a, given_names=SENTINEL, document="XY999", refer_to=world.provider_a
    )
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    seen, side = access_referral(user=world.provider_staff_a, public_id=referral.public_id)
    assert side == "provider"
    assert shared_values(seen) == {"given_names": SENTINEL, "phone": "+509 3700 0000"}
    with pytest.raises(Http404):
        access_referral(user=world.provider_staff_b, public_id=referral.public_id)
    assert AuditEvent.objects.filter(action="referral.read", actor=world.provider_staff_a).exists()


def test_the_provider_is_mailed_a_link_and_nothing_personal(
    world: World, places: Places, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    world.provider_staff_a.email = "staff@provider-a.example.org"
    world.provider_staff_a.save()
    person = make_person(world.counsellor_a, given_names=SENTINEL, refer_to=world.provider_a)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)
    (message,) = mail.outbox
    assert message.to == ["staff@provider-a.example.org"]
    assert "/staff/referrals/" in message.body
    assert SENTINEL not in f"{message.subject} {message.body}"
    assert person.case_code not in message.body


def test_a_mail_server_that_does_not_answer_leaves_the_referral_saved(
    world: World,
    places: Places,
    django_capture_on_commit_callbacks: CaptureCallbacks,
    settings: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port
    world.provider_staff_a.email = "staff@provider-a.example.org"
    world.provider_staff_a.save()
    person = make_person(world.counsellor_a, given_names=SENTINEL, refer_to=world.provider_a)
    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_create(
            user=world.counsellor_a, person=person, service_at_location=places.legal_a
        )
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.SENT
    (record,) = [r for r in caplog.records if r.name == "infohub.referrals"]
    assert str(referral.public_id) in record.getMessage()
    assert "provider-a.example.org" not in record.getMessage()
    assert SENTINEL not in record.getMessage()


def test_only_the_provider_accepts_and_only_the_hub_withdraws(world: World, places: Places) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    with pytest.raises(ReferralError):
        referral_transition(user=world.counsellor_a, referral=referral, to="accepted")
    referral_transition(user=world.provider_staff_a, referral=referral, to="accepted")
    with pytest.raises(ReferralError):
        referral_transition(user=world.provider_staff_a, referral=referral, to="completed")
    referral_transition(user=world.provider_staff_a, referral=referral, to="in_progress")
    with pytest.raises(ReferralError):
        referral_transition(user=world.provider_staff_a, referral=referral, to="completed")
    referral_transition(
        user=world.provider_staff_a, referral=referral, to="completed", reason="Case opened."
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    steps = list(referral.events.values_list("to_status", flat=True))
    assert steps == ["sent", "accepted", "in_progress", "completed"]
    assert AuditEvent.objects.filter(action="referral.transition").count() == 3


def test_withdrawing_consent_withdraws_pending_referrals(world: World, places: Places) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    given = person.consents.get(purpose=ConsentPurpose.REFERRAL)
    assert consent_withdraw(user=world.counsellor_a, consent=given) == 1
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    with pytest.raises(ReferralError):
        referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)


def test_an_override_needs_the_dpo_and_a_reason_and_is_audited(
    world: World, places: Places
) -> None:
    person = make_person(world.counsellor_a)
    reason = "Immediate danger; the person cannot give consent now."
    with pytest.raises(ReferralError):
        referral_override_grant(
            user=world.counsellor_a, person=person, provider=world.provider_a, reason=reason
        )
    with pytest.raises(ReferralError):
        referral_override_grant(user=world.dpo, person=person, provider=world.provider_a, reason="")
    referral_override_grant(user=world.dpo, person=person, provider=world.provider_a, reason=reason)
    referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert "referral.override" in actions


def test_a_referral_consent_names_its_provider(world: World) -> None:
    person = make_person(world.counsellor_a)
    with pytest.raises(CounsellingError):
        consent_give(user=world.counsellor_a, person=person, data=consent("referral"))


def test_an_override_allows_one_referral_only(world: World, places: Places) -> None:
    person = make_person(world.counsellor_a)
    reason = "Immediate danger; the person cannot give consent now."
    referral_override_grant(user=world.dpo, person=person, provider=world.provider_a, reason=reason)
    referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)
    with pytest.raises(ReferralError):
        referral_create(user=world.counsellor_a, person=person, service_at_location=places.legal_a)


def test_the_provider_stops_seeing_the_person_when_the_referral_ends(
    world: World, places: Places
) -> None:
    person = make_person(world.counsellor_a, given_names=SENTINEL, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    referral_transition(user=world.provider_staff_a, referral=referral, to="accepted")
    assert shared_values(Referral.objects.get(pk=referral.pk))["given_names"] == SENTINEL
    referral_transition(user=world.provider_staff_a, referral=referral, to="closed", reason="Gone.")
    assert shared_values(Referral.objects.get(pk=referral.pk)) == {}


def test_the_provider_stops_seeing_the_person_when_consent_ends(
    world: World, places: Places
) -> None:
    person = make_person(world.counsellor_a, given_names=SENTINEL, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    consent_withdraw(
        user=world.counsellor_a, consent=person.consents.get(purpose=ConsentPurpose.REFERRAL)
    )
    assert shared_values(Referral.objects.get(pk=referral.pk)) == {}


def test_withdrawing_the_consent_that_was_the_legal_basis_closes_the_record(
    world: World,
) -> None:
    person = make_person(world.counsellor_a)
    record = person.consents.get(purpose=ConsentPurpose.COUNSELLING_RECORD)
    consent_withdraw(user=world.counsellor_a, consent=record)
    person.refresh_from_db()
    assert person.withdrawn_at is not None
    assert not person_list_visible(user=world.counsellor_a).filter(pk=person.pk).exists()
    call_command("enforce_retention", stdout=StringIO())
    assert not Person.objects.filter(pk=person.pk).exists()


def test_a_record_on_another_legal_basis_stays_when_a_consent_ends(world: World) -> None:
    data = PersonInput(legal_basis="vital_interests", given_names="Ana")
    person = person_create(
        user=world.counsellor_a,
        hub=world.hub_a,
        data=data,
        consents=[consent(ConsentPurpose.COUNSELLING_RECORD)],
    )
    record = person.consents.get(purpose=ConsentPurpose.COUNSELLING_RECORD)
    consent_withdraw(user=world.counsellor_a, consent=record)
    person.refresh_from_db()
    assert person.withdrawn_at is None
    assert person_list_visible(user=world.counsellor_a).filter(pk=person.pk).exists()
