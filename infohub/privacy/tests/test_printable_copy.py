"""The person's printable copy: a readable document in their language, with their rights."""

import re

import pytest
from django.utils import translation

from infohub.audit.models import AuditEvent
from infohub.counselling.models import Person
from infohub.privacy import registry
from infohub.privacy.registry import SubjectDataSection
from infohub.privacy.tests.conftest import StaffFactory
from infohub.privacy.tests.support import GIVEN, OUTCOME, Case, Staff
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ISO_TIME = re.compile(r"\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}")
# Codes of known choices the export holds and the copy must name by their labels.
CODES = ("in_person", "counselling_record", "returned", "not_stated", "in_progress", "referred")


def _print(dpo: Staff, case: Case, lang: str | None) -> str:
    data = {"print-code": dpo.new_code()}
    if lang is not None:
        data["print-language"] = lang
    response = dpo.post(f"/staff/privacy/people/{case.person.public_id}/print/", data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return str(response.content.decode())


def _body(html: str) -> str:
    return html.split("<main>", 1)[1].split("</main>", 1)[0]


def _readable(body: str) -> None:
    assert not ISO_DATE.search(body), ISO_DATE.search(body)
    assert not ISO_TIME.search(body), ISO_TIME.search(body)
    for code in CODES:
        assert code not in body, code
    assert "{" not in body


def test_it_prints_a_readable_copy_in_kreyol(world: World, case: Case, staff: StaffFactory) -> None:
    html = _print(staff(world.dpo), case, "ht")
    assert '<html lang="ht">' in html
    body = _body(html)
    _readable(body)
    assert GIVEN in body
    assert OUTCOME in body
    assert "13 jiyè 1961" in body  # the date of birth, with the Kreyòl month
    assert "Ayiti" in body  # the nationality as a Kreyòl country name
    assert "Konsantman" in body  # the legal basis by its label, not "consent"
    # Times in the hub's clock (Costa Rica, UTC-6): 09:00 UTC is 03:00 there.
    assert "2 mas 2026 03:00" in body
    assert "Chwa w ak dwa w" in body
    assert "Ou ka mande pou yo korije sa ki mal oswa sa ki manke." in body
    assert "Network A, ki jere Hub A, responsab sa sant lan anrejistre sou ou." in body
    assert AuditEvent.objects.filter(action="person.export", actor=world.dpo).count() == 1


def test_it_prints_a_readable_copy_in_spanish(
    world: World, case: Case, staff: StaffFactory
) -> None:
    html = _print(staff(world.dpo), case, "es")
    assert '<html lang="es">' in html
    body = _body(html)
    _readable(body)
    assert "13 de julio de 1961" in body
    assert "Haití" in body
    assert "Sus opciones y derechos" in body
    assert "Puede pedir que se corrija lo que esté mal o falte." in body


def test_the_staff_note_stays_in_the_staff_members_language(
    world: World, case: Case, staff: StaffFactory
) -> None:
    html = _print(staff(world.dpo), case, "ht")
    note = "For the staff member: print it with your browser, give it to the person"
    assert f'<p lang="en">{note}' in html


def test_the_copy_defaults_to_the_language_the_person_read_the_notice_in(
    world: World, case: Case, staff: StaffFactory
) -> None:
    dpo = staff(world.dpo)
    page = dpo.get(f"/staff/privacy/people/{case.person.public_id}/")
    assert page.context["print_form"].initial == {"language": "es"}  # the notice was in es
    assert '<option value="ht" lang="ht">Kreyòl ayisyen</option>' in page.content.decode()
    assert '<html lang="es">' in _print(dpo, case, None)


def test_without_a_notice_language_the_copy_is_in_the_pages_language(
    world: World, case: Case, staff: StaffFactory
) -> None:
    case.person.consents.update(notice_language="")
    page = staff(world.dpo).get(f"/staff/privacy/people/{case.person.public_id}/")
    assert page.context["print_form"].initial == {"language": "en"}


def test_a_section_that_gives_nothing_readable_is_shown_with_labels_not_json(
    world: World, case: Case, staff: StaffFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    def export(person: Person) -> dict[str, object]:
        return {
            "sent_at": "2026-03-02T09:00:00+00:00",
            "day": "2026-03-04",
            "urgent": True,
            "items": [{"kind_of_help": "food"}],
        }

    section = SubjectDataSection("zz_elsewhere", export, lambda person: 0)
    monkeypatch.setitem(registry._SECTIONS, section.name, section)
    body = _body(_print(staff(world.dpo), case, "fr"))
    _readable(body)
    assert "<h2>Zz elsewhere</h2>" in body
    assert "Sent at</th><td>2 mars 2026 03:00" in body
    assert "Day</th><td>4 mars 2026" in body
    with translation.override("fr"):
        assert f"Urgent</th><td>{translation.gettext('Yes')}" in body
    assert "Kind of help</th><td>food" in body


def test_the_copy_still_needs_a_fresh_code(world: World, case: Case, staff: StaffFactory) -> None:
    dpo = staff(world.dpo)
    response = dpo.post(
        f"/staff/privacy/people/{case.person.public_id}/print/",
        {"print-code": dpo.used_code(), "print-language": "ht"},
    )
    assert response.status_code == 400
    assert GIVEN not in response.content.decode()
    assert not AuditEvent.objects.filter(action="person.export").exists()
