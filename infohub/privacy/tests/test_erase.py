"""Erasure by the DPO: nothing personal anywhere; anonymous counts stay; one transaction."""

import pytest

from infohub.accounts.services import staff_create
from infohub.audit.models import AuditEvent
from infohub.counselling.models import (
    Consent,
    Consultation,
    HouseholdMember,
    IdentityDocument,
    Person,
)
from infohub.privacy import registry
from infohub.privacy.errors import PrivacyError
from infohub.privacy.registry import SubjectDataSection
from infohub.privacy.subject_data import (
    counselling_erase,
    counselling_export,
    person_erase,
    person_export,
)
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import (
    MARK,
    RAW_SENTINELS,
    Case,
    decrypted_hits,
    raw_hits,
)
from infohub.referrals.models import Referral, ReferralEvent
from infohub.testing.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def _erase_form(case: Case, code: str, typed: str | None = None) -> dict[str, str]:
    confirm = case.person.case_code if typed is None else typed
    return {"erase-confirm_case_code": confirm, "erase-code": code}


def _url(case: Case) -> str:
    return f"/staff/privacy/people/{case.person.public_id}/erase/"


def test_erasing_leaves_no_personal_value_anywhere(
    world: World, case: Case, staff: StaffFactory
) -> None:
    code = case.person.case_code
    # The checks can see: plaintext reasons in clear, the rest once decrypted.
    assert any(MARK in hit for hit in raw_hits([MARK]))
    assert decrypted_hits()
    dpo = staff(world.dpo)
    response = dpo.post(_url(case), _erase_form(case, dpo.new_code()))
    assert response.status_code == 302
    assert response["Location"] == "/staff/privacy/?erased=1"
    assert raw_hits([*RAW_SENTINELS, code]) == []
    assert decrypted_hits() == []
    assert not Person.objects.filter(pk=case.person.pk).exists()
    for model in (Consent, IdentityDocument, HouseholdMember):
        assert not model.objects.exists(), model


def test_consultations_stay_as_anonymous_counts(world: World, case: Case) -> None:
    before = list(
        Consultation.objects.order_by("pk").values_list("pk", "nationality", "sex", "languages")
    )
    person_erase(user=world.dpo, person=case.person)
    after = Consultation.objects.order_by("pk")
    assert list(after.values_list("pk", "nationality", "sex", "languages")) == before
    assert len(before) == 2
    assert not after.filter(person__isnull=False).exists()


def test_referrals_stay_without_the_person_and_without_their_history(
    world: World, case: Case
) -> None:
    person_erase(user=world.dpo, person=case.person)
    rows = Referral.objects.order_by("created_at")
    assert list(rows.values("pk", "status", "person", "consent")) == [
        {"pk": case.completed.pk, "status": "completed", "person": None, "consent": None},
        {"pk": case.declined.pk, "status": "declined", "person": None, "consent": None},
    ]
    assert not ReferralEvent.objects.exists()


def test_the_erasure_is_audited_under_the_random_public_id_only(world: World, case: Case) -> None:
    counts = person_erase(user=world.dpo, person=case.person)
    assert counts["person"] == 1
    assert counts["referrals"] == 6 + 2
    (row,) = AuditEvent.objects.filter(action="person.erase")
    assert (row.actor, row.object_type, row.object_id) == (
        world.dpo,
        "counselling.person",
        case.person.public_id,
    )


def test_only_the_dpo_of_the_hubs_organisation_may_erase(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo_b, _ = staff_create(
        username="dpo-b", role="dpo", organisation=world.network_b, password=PASSWORD
    )
    for user in (world.counsellor_a, world.manager_a, dpo_b, world.admin):
        with pytest.raises(PrivacyError):
            person_erase(user=user, person=case.person)
        member = staff(user)
        assert member.post(_url(case), _erase_form(case, member.new_code())).status_code == 404
    assert Person.objects.filter(pk=case.person.pk).exists()
    assert not AuditEvent.objects.filter(action="person.erase").exists()


def test_the_case_code_must_be_typed_to_erase(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    response = dpo.post(_url(case), _erase_form(case, dpo.new_code(), typed="ABCD-EFGH"))
    assert response.status_code == 400
    assert Person.objects.filter(pk=case.person.pk).exists()


def test_the_counsellors_page_has_no_erase_form(
    world: World, case: Case, staff: StaffFactory
) -> None:
    page = staff(world.counsellor_a).get(f"/staff/privacy/people/{case.person.public_id}/")
    assert page.status_code == 200
    assert page.context["may_erase"] is False
    assert f"{case.person.public_id}/erase/".encode() not in page.content


def test_every_registered_section_is_exported_and_erased_before_the_person(
    world: World, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def erase(person: Person) -> int:
        seen.append(Person.objects.filter(pk=person.pk).exists())
        return 7

    section = SubjectDataSection("zz_elsewhere", lambda person: {"kept": 1}, erase)
    monkeypatch.setitem(registry._SECTIONS, section.name, section)
    assert person_export(user=world.dpo, person=case.person)["zz_elsewhere"] == {"kept": 1}
    assert person_erase(user=world.dpo, person=case.person)["zz_elsewhere"] == 7
    assert seen == [True]


def test_a_failure_after_the_sections_wrote_leaves_everything_as_it_was(
    world: World, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def erase_then_fail(person: Person) -> int:
        counselling_erase(person)  # the referrals section ran before, this one wrote too
        raise RuntimeError("section failed")

    section = SubjectDataSection("counselling", counselling_export, erase_then_fail)
    monkeypatch.setitem(registry._SECTIONS, section.name, section)
    with pytest.raises(RuntimeError):
        person_erase(user=world.dpo, person=case.person)
    assert Person.objects.filter(pk=case.person.pk).exists()
    assert ReferralEvent.objects.count() == 6
    assert Referral.objects.filter(person=case.person).count() == 2
    assert Consent.objects.filter(person=case.person).count() == 3
    assert Consultation.objects.filter(person=case.person).count() == 2
    assert not AuditEvent.objects.filter(action="person.erase").exists()
