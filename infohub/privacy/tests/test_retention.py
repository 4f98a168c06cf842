"""enforce_retention: exactly what is past its period, idempotent, dry runs, English output."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from time_machine import TimeMachineFixture

from infohub.audit.models import AuditEvent
from infohub.callbacks.models import CallbackRequest
from infohub.callbacks.services import callback_request
from infohub.counselling.models import Consultation, Person
from infohub.counselling.services import ConsultationInput, consultation_record
from infohub.privacy.tests.support import START
from infohub.referrals.models import Referral, ReferralEvent
from infohub.referrals.services import referral_create, referral_transition
from infohub.screening.services import action_done, screening_record
from infohub.screening.tests.support import CHILD, criteria
from infohub.testing.casework import Places, make_person
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db


def _days(n: int) -> dt.datetime:
    return START + dt.timedelta(days=n)


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("enforce_retention", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _visit(world: World, person: Person | None = None, languages: tuple[str, ...] = ()) -> None:
    data = ConsultationInput(
        date=timezone.localdate(),
        channel="phone",
        migrant_status="current",
        outcome="informed",
        nationality="HT",
        languages=languages,
    )
    consultation_record(user=world.counsellor_a, hub=world.hub_a, data=data, person=person)


def test_retention_erases_exactly_the_people_past_their_period(
    world: World, places: Places, clock: TimeMachineFixture
) -> None:
    idle = make_person(world.counsellor_a)
    consulted = make_person(world.counsellor_a)
    referred = make_person(world.counsellor_a, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=referred, service_at_location=places.legal_a
    )
    clock.move_to(_days(400), tick=False)
    _visit(world, consulted)
    referral_transition(user=world.provider_staff_a, referral=referral, to="accepted")
    recent = make_person(world.counsellor_a)

    clock.move_to(_days(730), tick=False)
    out, _ = _run()
    assert "People: 0 record(s) were erased" in out
    clock.move_to(_days(731), tick=False)
    out, _ = _run()
    assert "People: 1 record(s) were erased (no activity for 730 days)." in out
    assert set(Person.objects.values_list("pk", flat=True)) == {
        consulted.pk,
        referred.pk,
        recent.pk,
    }
    (row,) = AuditEvent.objects.filter(action="person.erase")
    assert (row.actor, row.object_id, row.request_id[:4]) == (None, idle.public_id, "cli:")

    clock.move_to(_days(400 + 731), tick=False)
    out, _ = _run()
    assert "People: 3 record(s) were erased" in out
    assert not Person.objects.exists()
    assert Referral.objects.get().person is None
    assert not ReferralEvent.objects.exists()


def test_a_second_run_changes_nothing(
    world: World, places: Places, clock: TimeMachineFixture
) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    _visit(world, person, languages=("ht",))
    _visit(world, None, languages=("fr",))
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    referral_transition(user=world.provider_staff_a, referral=referral, to="declined", reason="x")
    clock.move_to(_days(2000), tick=False)
    out, _ = _run()
    assert "People: 1 record(s) were erased" in out
    assert "Consultations: 2 were reduced" in out
    rows = AuditEvent.objects.count()
    again, _ = _run()
    assert again == (
        "People: 0 record(s) were erased (no activity for 730 days).\n"
        "Consultations: 0 were reduced to anonymous counts (older than 1825 days).\n"
        "Referrals: 0 reason(s) on 0 finished referral(s) were blanked "
        "(finished more than 365 days ago).\n"
        "Callback requests: 0 were deleted (older than 90 days).\n"
        "Conversations: 0 were deleted (silent for more than 90 days).\n"
    )
    assert AuditEvent.objects.count() == rows


def test_a_dry_run_counts_and_writes_nothing(world: World, clock: TimeMachineFixture) -> None:
    person = make_person(world.counsellor_a)
    _visit(world, person, languages=("ht",))
    clock.move_to(_days(2000), tick=False)
    rows = AuditEvent.objects.count()
    out, _ = _run("--dry-run")
    assert "People: 1 record(s) would be erased" in out
    assert "Consultations: 1 would be reduced" in out
    assert out.endswith("Dry run: nothing was written.\n")
    assert Person.objects.filter(pk=person.pk).exists()
    assert Consultation.objects.get().languages == ["ht"]
    assert AuditEvent.objects.count() == rows


def test_old_consultations_keep_their_counts_but_lose_person_and_languages(
    world: World, places: Places, clock: TimeMachineFixture
) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    _visit(world, person, languages=("ht", "fr"))
    old = Consultation.objects.get()
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a, consultation=old
    )
    clock.move_to(_days(1800), tick=False)
    _visit(world, person, languages=("es",))  # the person is still seen: their record stays
    clock.move_to(_days(1826), tick=False)
    out, _ = _run()
    assert "People: 0 record(s)" in out
    assert "Consultations: 1 were reduced to anonymous counts (older than 1825 days)." in out
    old.refresh_from_db()
    assert (old.person, old.languages, old.nationality, old.outcome) == (
        None,
        [],
        "HT",
        "informed",
    )
    assert Consultation.objects.exclude(pk=old.pk).get().person == person
    referral.refresh_from_db()
    assert referral.consultation is None
    assert referral.person == person
    (row,) = AuditEvent.objects.filter(action="retention.enforce")
    assert (row.actor, row.object_id) == (None, old.public_id)


def test_reasons_of_referrals_finished_long_ago_are_blanked(
    world: World, places: Places, clock: TimeMachineFixture
) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_a)

    def refer() -> Referral:
        return referral_create(
            user=world.counsellor_a, person=person, service_at_location=places.legal_a
        )

    old, recent, withdrawn = refer(), refer(), refer()
    referral_transition(
        user=world.provider_staff_a, referral=old, to="declined", reason="Old reason."
    )
    referral_transition(user=world.counsellor_a, referral=withdrawn, to="withdrawn", reason="Gone.")
    clock.move_to(_days(300), tick=False)
    referral_transition(
        user=world.provider_staff_a, referral=recent, to="declined", reason="Recent reason."
    )
    _visit(world, person)  # keeps the person record past the referral period
    clock.move_to(_days(366), tick=False)
    out, _ = _run()
    assert "Referrals: 2 reason(s) on 2 finished referral(s) were blanked" in out
    reasons = dict(ReferralEvent.objects.exclude(reason="").values_list("referral", "reason"))
    assert reasons == {recent.pk: "Recent reason."}
    old.refresh_from_db()
    assert (old.status, old.events.count()) == ("declined", 2)
    targets = set(
        AuditEvent.objects.filter(action="retention.enforce").values_list("object_id", flat=True)
    )
    assert targets == {old.public_id, withdrawn.public_id}


def test_the_output_is_english_whatever_the_language(
    world: World, clock: TimeMachineFixture
) -> None:
    make_person(world.counsellor_a)
    clock.move_to(_days(731), tick=False)
    with translation.override("fr"):
        out, _ = _run()
    assert out.startswith("People: 1 record(s) were erased")


def test_a_large_run_shows_a_progress_bar(world: World, clock: TimeMachineFixture) -> None:
    for _ in range(25):
        make_person(world.counsellor_a)
    clock.move_to(_days(731), tick=False)
    out, err = _run()
    assert "People: 25 record(s) were erased" in out
    assert "Erasing people [####################] 25/25 records" in err


def test_callback_requests_past_retention_are_deleted(
    world: World, clock: TimeMachineFixture
) -> None:
    callback_request(
        hub=world.hub_a, name_or_alias="Ti Jo", phone="+509 3400 1111", language="ht",
        topic=None, client_ip="10.0.0.9",
    )  # fmt: skip
    clock.move_to(_days(80), tick=False)
    assert "Callback requests: 0 were deleted" in _run()[0]
    clock.move_to(_days(100), tick=False)
    assert "Callback requests: 1 were deleted" in _run()[0]
    assert CallbackRequest.objects.count() == 0


def test_a_record_with_an_open_child_protection_action_is_held_not_erased(
    world: World, clock: TimeMachineFixture
) -> None:
    held = make_person(world.counsellor_a)
    screening_record(user=world.counsellor_a, criteria=criteria(CHILD), person=held)
    done = make_person(world.counsellor_a)
    screening = screening_record(user=world.counsellor_a, criteria=criteria(CHILD), person=done)
    for action in screening.actions.all():
        action_done(user=world.counsellor_a, action=action)
    clock.move_to(_days(2000), tick=False)
    dry, _ = _run("--dry-run")
    assert "People: 1 record(s) would be erased" in dry
    assert "1 record(s) held" in dry
    out, _ = _run()
    assert "People: 1 record(s) were erased" in out
    assert "1 record(s) held: erasing them would drop something that still needs attention" in out
    assert list(Person.objects.values_list("pk", flat=True)) == [held.pk]
