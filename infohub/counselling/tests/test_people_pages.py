"""The people pages: case codes in lists, the whole record on its audited page, consents.

Roles with no case work (community advisors, editors, analysts, provider staff, the data
protection officer, administrators without a hub role) get 404 on every page, as for an
out-of-scope id: the views find no hub where the user keeps cases and answer as if the
page did not exist.
"""

import re
from typing import Any

import pytest
from django.test import Client

from infohub.accounts.models import User
from infohub.accounts.selectors import user_requires_second_factor
from infohub.audit.models import AuditEvent
from infohub.counselling.models import Consent, ConsentPurpose, Person
from infohub.referrals.models import ReferralStatus
from infohub.referrals.services import referral_create, referral_override_grant
from infohub.testing.casework import build_places, make_person
from infohub.testing.clock import staff_today
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

LIST = "/staff/people/"
NEW = "/staff/people/new/"
NAME = "Zyxwvuts"
FAMILY = "Qponmlkj"
NUMBER = "AB123456"
PHONE = "+509 3799 4321"


def signed_in(user: User) -> Client:
    """A client through the real sign-in (second factor when the role needs it), in English."""
    if user_requires_second_factor(user=user):
        enrol_authenticator(user)
    client = Client()
    sign_in(client, user)
    client.cookies["django_language"] = "en"  # what the assertions read; tests may change it
    return client


def person_form(**changes: Any) -> dict[str, Any]:
    base = {
        "legal_basis": "consent",
        "given_names": NAME,
        "family_names": FAMILY,
        "date_of_birth": "1990-05-01",
        "nationality": "HT",
        "phone": PHONE,
        "address": "Rue des Fleurs 7",
        "doc1-kind": "passport",
        "doc1-number": NUMBER,
        "doc1-issuing_country": "HT",
        "consent_record": "on",
        "notice_language": "es",
    }
    return {k: v for k, v in (base | changes).items() if v is not None}


RECORD = {"migrant_status": "current", "sex": "female", "age_group": "25-34", "outcome": "informed"}


def urls_in(html: str) -> list[str]:
    """Every URL the page links to, posts to or passes on (the language form's ``next``)."""
    links = re.findall(r'(?:href|action|src)="([^"]*)"', html)
    return links + re.findall(r'name="next" value="([^"]*)"', html)


def test_a_person_created_with_consent_appears_by_case_code_and_masked_document_only(
    world: World,
) -> None:
    client = signed_in(world.counsellor_a)
    response = client.post(NEW, person_form())
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/people/{person.public_id}/"
    assert [c.purpose for c in person.consents.all()] == ["counselling_record"]
    assert person.consents.get().notice_version == "2026-01"
    page = client.get(LIST).content.decode()
    assert person.case_code in page
    assert "••••56" in page
    assert "Keeping a counselling record" in page
    for secret in (NAME, FAMILY, NUMBER, "3799", "Rue des Fleurs", "1990"):
        assert secret not in page


def test_the_person_page_shows_the_record_and_audits_the_read(world: World) -> None:
    person = make_person(world.counsellor_a, given_names=NAME, document=NUMBER)
    response = signed_in(world.counsellor_a).get(f"/staff/people/{person.public_id}/")
    page = response.content.decode()
    assert NAME in page
    assert NUMBER in page
    assert f'href="/staff/consultations/new/?person={person.public_id}"' in page
    assert f'href="/staff/referrals/new/{person.public_id}/"' in page
    reads = AuditEvent.objects.filter(action="person.read", object_id=person.public_id)
    assert [e.actor for e in reads] == [world.counsellor_a]


def test_a_possible_duplicate_blocks_creation_until_the_counsellor_confirms(
    world: World,
) -> None:
    existing = make_person(world.counsellor_a, document=NUMBER)
    client = signed_in(world.counsellor_a)
    warned = client.post(NEW, person_form(phone=""))
    assert warned.status_code == 200
    assert existing.case_code in warned.content.decode()
    assert "I checked: this is a different person" in warned.content.decode()
    assert Person.objects.count() == 1
    ticked_blind = client.post(NEW, person_form(phone="", confirm_different="on"))
    assert ticked_blind.status_code == 200  # ticked without having been shown the match
    assert Person.objects.count() == 1
    confirmed = client.post(
        NEW, person_form(phone="", confirm_different="on", checked_codes=existing.case_code)
    )
    assert confirmed.status_code == 302
    assert Person.objects.count() == 2


def test_document_search_works_by_post_and_no_url_carries_the_number(world: World) -> None:
    person = make_person(world.counsellor_a, document=NUMBER)
    other = make_person(world.counsellor_a, phone="+509 3700 9999")
    client = signed_in(world.counsellor_a)
    form = client.get(LIST).content.decode()
    assert '<form method="post" action="/staff/people/">' in form
    response = client.post(
        LIST, {"kind": "passport", "issuing_country": "HT", "number": "ab-123 456"}
    )
    page = response.content.decode()
    assert [p.case_code for p in response.context["page"]] == [person.case_code]
    assert other.case_code not in page
    assert "ab-123 456" not in page  # not even shown back in the form
    for url in urls_in(page):
        assert "123" not in url
    assert client.get(f"{LIST}?number={NUMBER}").context["page"].paginator.count == 2


def test_phone_search_finds_the_person_through_the_keyed_hash(world: World) -> None:
    person = make_person(world.counsellor_a, phone=PHONE)
    make_person(world.counsellor_a, phone="+509 3700 9999")
    response = signed_in(world.counsellor_a).post(LIST, {"phone": "+50937994321"})
    assert [p.case_code for p in response.context["page"]] == [person.case_code]
    for url in urls_in(response.content.decode()):
        assert "4321" not in url


def test_case_code_search_finds_the_exact_code_however_it_is_typed(world: World) -> None:
    person = make_person(world.counsellor_a)
    make_person(world.counsellor_a, phone="+509 3700 9999")
    client = signed_in(world.counsellor_a)
    typed = person.case_code.replace("-", "").lower()
    found = client.get(LIST, {"code": typed}).context["page"]
    assert [p.case_code for p in found] == [person.case_code]
    assert client.get(LIST, {"code": "ZZZZ-ZZZZ"}).context["page"].paginator.count == 0


def test_withdrawing_a_consent_from_the_page_withdraws_it_and_its_referrals(
    world: World,
) -> None:
    places = build_places(world)
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    consent = person.consents.get(purpose=ConsentPurpose.REFERRAL)
    client = signed_in(world.counsellor_a)
    url = f"/staff/people/{person.public_id}/consents/{consent.public_id}/withdraw/"
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    consent.refresh_from_db()
    referral.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == world.counsellor_a
    assert referral.status == ReferralStatus.WITHDRAWN
    assert "1 pending referral that relied on it was withdrawn" in response.content.decode()
    assert AuditEvent.objects.filter(action="consent.withdraw").count() == 1


def test_a_referral_consent_is_recorded_from_the_page_and_names_its_provider(
    world: World,
) -> None:
    person = make_person(world.counsellor_a)
    client = signed_in(world.counsellor_a)
    url = f"/staff/people/{person.public_id}/consents/"
    page = client.get(f"/staff/people/{person.public_id}/").content.decode()
    assert "Provider A" in page
    assert "Network A" not in page.split('name="provider"')[1]  # hub operators are no providers
    missing = client.post(url, {"purpose": "referral", "notice_language": "es"})
    assert missing.status_code == 200
    assert "A referral consent names the provider organisation." in missing.content.decode()
    assert person.consents.count() == 1
    given = client.post(
        url,
        {"purpose": "referral", "provider": world.provider_a.pk, "notice_language": "fr"},
    )
    assert given.status_code == 302
    consent = person.consents.get(purpose="referral")
    assert (consent.provider, consent.notice_language) == (world.provider_a, "fr")
    assert consent.notice_version == "2026-01"


def test_the_lists_never_decrypt_a_personal_field(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = make_person(world.counsellor_a, document=NUMBER)
    consultation = "/staff/consultations/new/?person=" + str(person.public_id)
    client = signed_in(world.counsellor_a)
    today = staff_today(world.counsellor_a).isoformat()
    recorded = client.post(consultation, {"date": today, "channel": "phone"} | RECORD)
    assert recorded.status_code == 302

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("a list decrypted a personal field")

    monkeypatch.setattr("infohub.protection.fields.decrypt", refuse)
    assert person.case_code in client.get(LIST).content.decode()
    assert person.case_code in client.get("/staff/consultations/").content.decode()
    assert client.post(LIST, {"phone": "+509 3700 0000"}).context["page"].paginator.count == 1


def test_an_override_by_the_dpo_is_shown_as_such_and_never_as_consent(world: World) -> None:
    person = make_person(world.counsellor_a)
    reason = "Risk to life; the person cannot be reached to consent."
    referral_override_grant(user=world.dpo, person=person, provider=world.provider_b, reason=reason)
    client = signed_in(world.counsellor_a)
    listed = client.get(LIST).content.decode()
    assert "Provider B" not in listed
    page = client.get(f"/staff/people/{person.public_id}/").content.decode()
    assert "Allowed by the data protection officer: not consent" in page
    assert "Provider B" in page


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"legal_basis": ""}, "This field is required."),
        ({"consent_record": None}, "With consent as the legal basis, record the consent"),
        ({"date_of_birth": "2999-01-01"}, "A date of birth cannot be in the future."),
        ({"given_names": ""}, "This field is required."),
        ({"doc1-kind": ""}, "Choose the kind of document."),
    ],
)
def test_invalid_input_re_renders_with_errors_and_writes_nothing(
    world: World, changes: dict[str, Any], error: str
) -> None:
    response = signed_in(world.counsellor_a).post(NEW, person_form(**changes))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Person.objects.exists()
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="person.").exists()


def test_another_hubs_counsellor_gets_404_and_never_sees_the_person(world: World) -> None:
    person = make_person(world.counsellor_a, document=NUMBER, phone=PHONE)
    consent = person.consents.get()
    client = signed_in(world.counsellor_b)
    base = f"/staff/people/{person.public_id}/"
    assert client.get(base).status_code == 404
    assert client.post(f"{base}consents/", {"purpose": "follow_up"}).status_code == 404
    assert client.post(f"{base}consents/{consent.public_id}/withdraw/").status_code == 404
    assert person.case_code not in client.get(LIST).content.decode()
    assert client.get(LIST, {"code": person.case_code}).context["page"].paginator.count == 0
    by_document = client.post(LIST, {"kind": "passport", "issuing_country": "HT", "number": NUMBER})
    assert by_document.context["page"].paginator.count == 0
    assert client.post(LIST, {"phone": PHONE}).context["page"].paginator.count == 0
    consent.refresh_from_db()
    assert consent.active
    assert not AuditEvent.objects.filter(action="person.read").exists()


def test_a_consent_of_another_person_cannot_be_withdrawn_through_this_one(world: World) -> None:
    mine = make_person(world.counsellor_a)
    theirs = make_person(world.counsellor_b).consents.get()
    url = f"/staff/people/{mine.public_id}/consents/{theirs.public_id}/withdraw/"
    assert signed_in(world.counsellor_a).post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.active


def test_the_hub_manager_keeps_the_hubs_people(world: World) -> None:
    person = make_person(world.counsellor_a)
    client = signed_in(world.manager_a)
    assert person.case_code in client.get(LIST).content.decode()
    assert client.get(f"/staff/people/{person.public_id}/").status_code == 200


@pytest.mark.parametrize("url", [LIST, NEW, "/staff/people/8c1ad07e-3bbd-4b8e-9d5f-0c1c8f5e6a11/"])
def test_anonymous_users_are_redirected_to_sign_in(url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    "persona", ["advisor_a", "editor", "analyst_a", "provider_staff_a", "dpo", "admin"]
)
def test_roles_without_case_work_get_404_on_every_people_page(world: World, persona: str) -> None:
    person = make_person(world.counsellor_a, document=NUMBER)
    consent = person.consents.get()
    client = signed_in(getattr(world, persona))
    base = f"/staff/people/{person.public_id}/"
    assert client.get(LIST).status_code == 404
    assert client.post(LIST, {"phone": PHONE}).status_code == 404
    assert client.get(NEW).status_code == 404
    assert client.post(NEW, person_form()).status_code == 404
    assert client.get(base).status_code == 404
    assert client.post(f"{base}consents/", {"purpose": "follow_up"}).status_code == 404
    assert client.post(f"{base}consents/{consent.public_id}/withdraw/").status_code == 404
    assert Person.objects.count() == 1
    assert not AuditEvent.objects.filter(action="person.read").exists()
