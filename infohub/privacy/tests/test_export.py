"""Export: everything every section holds, decrypted, to the hub's case workers and DPO."""

import json

import pytest

from infohub.accounts.models import User
from infohub.accounts.services import staff_create
from infohub.audit.models import AuditEvent
from infohub.privacy.errors import PrivacyError
from infohub.privacy.registry import sections
from infohub.privacy.subject_data import person_export
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import (
    ADDRESS,
    BORN,
    DECLINED,
    DOCUMENT,
    FAMILY,
    GIVEN,
    OUTCOME,
    OVERRIDE_REASON,
    PHONE,
    RELATIVE,
    RELATIVE_BORN,
    Case,
)
from infohub.testing.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def _url(case: Case, action: str) -> str:
    return f"/staff/privacy/people/{case.person.public_id}/{action}/"


def test_the_export_holds_every_value_of_every_section_decrypted(world: World, case: Case) -> None:
    export = person_export(user=world.dpo, person=case.person)
    assert set(export) == {section.name for section in sections()}
    record = export["counselling"]
    assert record["person"] | {"created_at": None, "updated_at": None} == {
        "public_id": str(case.person.public_id),
        "case_code": case.person.case_code,
        "hub": "Hub A",
        "legal_basis": "consent",
        "given_names": GIVEN,
        "family_names": FAMILY,
        "date_of_birth": BORN,
        "nationality": "HT",
        "phone": PHONE,
        "address": ADDRESS,
        "created_at": None,
        "updated_at": None,
    }
    assert record["identity_documents"] == [
        {"kind": "passport", "issuing_country": "HT", "number": DOCUMENT}
    ]
    assert record["household"] == [
        {"relation": "child", "name": RELATIVE, "year_of_birth": RELATIVE_BORN}
    ]
    purposes = [(c["purpose"], c["provider"], c["override_reason"]) for c in record["consents"]]
    assert purposes == [
        ("counselling_record", None, ""),
        ("referral", "Provider A", ""),
        ("referral", "Provider B", OVERRIDE_REASON),
    ]
    assert len(record["consultations"]) == 2
    assert record["consultations"][0]["languages"] == ["fr", "ht"]
    assert record["consultations"][0]["age_group"] == "50-64"
    referrals = export["referrals"]
    assert [(r["provider"], r["service"], r["status"]) for r in referrals] == [
        ("Provider A", "Legal A", "completed"),
        ("Provider B", "Shelter B", "declined"),
    ]
    assert [e["to_status"] for e in referrals[0]["events"]] == [
        "sent",
        "accepted",
        "in_progress",
        "completed",
    ]
    assert referrals[0]["events"][-1]["reason"] == OUTCOME
    assert referrals[1]["events"][-1]["reason"] == DECLINED
    json.dumps(export)  # plain JSON values only


def test_an_export_is_audited_under_the_persons_public_id(world: World, case: Case) -> None:
    person_export(user=world.counsellor_a, person=case.person)
    (row,) = AuditEvent.objects.filter(action="person.export")
    assert (row.actor, row.object_type, row.object_id) == (
        world.counsellor_a,
        "counselling.person",
        case.person.public_id,
    )


def test_only_the_hubs_case_workers_and_its_dpo_may_export(world: World, case: Case) -> None:
    dpo_b, _ = staff_create(
        username="dpo-b", role="dpo", organisation=world.network_b, password=PASSWORD
    )
    allowed = [world.counsellor_a, world.manager_a, world.dpo]
    refused: list[User] = [
        world.counsellor_b, world.advisor_a, world.provider_staff_a, world.editor,
        world.analyst_a, world.admin, dpo_b,
    ]  # fmt: skip
    for user in allowed:
        assert person_export(user=user, person=case.person)["counselling"]
    for user in refused:
        with pytest.raises(PrivacyError):
            person_export(user=user, person=case.person)
    assert AuditEvent.objects.filter(action="person.export").count() == len(allowed)


def test_the_download_is_a_json_attachment_that_is_not_stored(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    response = dpo.post(_url(case, "export"), {"export-code": dpo.new_code()})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="person-{case.person.case_code}-2026-03-02.json"'
    )
    assert "no-store" in response["Cache-Control"]
    export = json.loads(response.content)
    assert export["counselling"]["person"]["given_names"] == GIVEN
    assert AuditEvent.objects.filter(action="person.export", actor=world.dpo).count() == 1


def test_the_printable_page_shows_every_value(
    world: World, case: Case, staff: StaffFactory
) -> None:
    counsellor = staff(world.counsellor_a)
    response = counsellor.post(_url(case, "print"), {"print-code": counsellor.new_code()})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for value in (GIVEN, FAMILY, ADDRESS, DOCUMENT, RELATIVE, OUTCOME, DECLINED, "Legal A"):
        assert value in page
    assert AuditEvent.objects.filter(action="person.export").count() == 1


def test_the_person_page_shows_no_personal_value(
    world: World, case: Case, staff: StaffFactory
) -> None:
    page = staff(world.dpo).get(f"/staff/privacy/people/{case.person.public_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert case.person.case_code in text
    assert GIVEN not in text
    assert PHONE not in text
    assert not AuditEvent.objects.filter(action="person.export").exists()
