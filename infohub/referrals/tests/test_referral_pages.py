"""The referral pages: send with consent, the provider's inbox and page, moves, overrides.

Personal values are sentinels, so a leak into a list, a page or a mail is found by a
plain substring test.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from infohub.accounts.models import User
from infohub.audit.models import AuditEvent
from infohub.counselling.models import Consent, ConsentPurpose, Person
from infohub.counselling.notice import CURRENT_NOTICE_VERSION
from infohub.counselling.services import DocumentInput, PersonInput, person_create
from infohub.referrals import views
from infohub.referrals.models import Referral, ReferralStatus
from infohub.referrals.services import referral_create, referral_transition
from infohub.testing.casework import Places, build_places, consent, make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

CaptureCallbacks = Callable[..., AbstractContextManager[Any]]

GIVEN = "Givenname Sentinelgiven"
FAMILY = "Familyname Sentinelfamily"
PHONE = "+509 3799 4242"
DOCUMENT = "DOCSENTINEL987"
SECRETS = (GIVEN, FAMILY, PHONE, DOCUMENT)


@pytest.fixture
def places(world: World) -> Places:
    return build_places(world)


def signed_in(user: User) -> Client:
    """A client that reads English, signed in through the real forms, second factor included.

    Sign each user in once per test: a second sign-in would replay the same code.
    """
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def sentinel_person(world: World, *consents_for: Any) -> Person:
    """A person of hub A with every personal field a sentinel; referral consents as given."""
    data = PersonInput(
        legal_basis="consent",
        given_names=GIVEN,
        family_names=FAMILY,
        phone=PHONE,
        documents=[DocumentInput("passport", DOCUMENT, "HT")],
    )
    consents = [consent(ConsentPurpose.COUNSELLING_RECORD)]
    consents += [consent(ConsentPurpose.REFERRAL, provider) for provider in consents_for]
    return person_create(user=world.counsellor_a, hub=world.hub_a, data=data, consents=consents)


def new_url(person: Person) -> str:
    return f"/staff/referrals/new/{person.public_id}/"


def detail_url(referral: Referral) -> str:
    return f"/staff/referrals/{referral.public_id}/"


def text(response: Any) -> str:
    return str(response.content.decode())


def assert_no_secret(content: str) -> None:
    for secret in SECRETS:
        assert secret not in content


def send_with_consent(counsellor: Client, person: Person, places: Places) -> Referral:
    """The counsellor opens the form, records the consent on it and sends the referral."""
    form = text(counsellor.get(new_url(person)))
    assert "The person consents to this referral" in form
    assert "Legal A" in form
    assert "Provider A" in form
    assert_no_secret(form)
    sent = counsellor.post(
        new_url(person),
        {"place": places.legal_a.id, "consents": "on", "notice_language": "fr"},
    )
    referral = Referral.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == detail_url(referral)
    return referral


def read_as_provider(provider: Client, referral: Referral, person: Person) -> None:
    """The inbox shows no personal field; the page shows what the agreement shares, audited."""
    inbox = text(provider.get("/staff/referrals/"))
    assert detail_url(referral) in inbox
    assert "Legal A" in inbox
    assert person.case_code not in inbox
    assert_no_secret(inbox)
    assert not AuditEvent.objects.filter(action="referral.read").exists()
    page = text(provider.get(detail_url(referral)))
    assert GIVEN in page
    assert PHONE in page
    assert DOCUMENT not in page
    assert FAMILY not in page
    assert person.case_code not in page
    assert AuditEvent.objects.filter(
        action="referral.read", actor__username="provider-staff-a", object_id=referral.public_id
    ).exists()


def work_through(provider: Client, referral: Referral) -> None:
    """Accept, start, and complete: the outcome is required to complete."""
    assert provider.post(detail_url(referral), {"to": "accepted"}).status_code == 302
    assert provider.post(detail_url(referral), {"to": "in_progress"}).status_code == 302
    refused = provider.post(detail_url(referral), {"to": "completed", "reason": "  "})
    assert refused.status_code == 400
    assert "Give the reason or the outcome." in text(refused)
    done = provider.post(
        detail_url(referral), {"to": "completed", "reason": "Residence permit filed."}
    )
    assert done.status_code == 302


def test_a_referral_goes_from_the_counsellors_form_to_a_completed_case_at_the_provider(
    world: World, places: Places, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    world.provider_staff_a.email = "staff@provider-a.example.org"
    world.provider_staff_a.save()
    world.counsellor_a.email = "counsellor@hub-a.example.org"
    world.counsellor_a.save()
    person = sentinel_person(world)
    counsellor = signed_in(world.counsellor_a)
    with django_capture_on_commit_callbacks(execute=True):
        referral = send_with_consent(counsellor, person, places)
    given = referral.consent
    assert given is not None
    assert (given.purpose, given.provider) == (ConsentPurpose.REFERRAL, world.provider_a)
    assert (given.notice_version, given.notice_language) == (CURRENT_NOTICE_VERSION, "fr")
    assert not given.is_override

    hub_page = text(counsellor.get(detail_url(referral)))
    assert person.case_code in hub_page
    assert f"/staff/people/{person.public_id}/" in hub_page
    assert "Withdraw" in hub_page
    assert_no_secret(hub_page)

    provider = signed_in(world.provider_staff_a)
    read_as_provider(provider, referral, person)
    with django_capture_on_commit_callbacks(execute=True):
        work_through(provider, referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert list(referral.events.values_list("to_status", "reason")) == [
        ("sent", ""),
        ("accepted", ""),
        ("in_progress", ""),
        ("completed", "Residence permit filed."),
    ]
    assert "Residence permit filed." in text(counsellor.get(detail_url(referral)))

    assert [m.to for m in mail.outbox] == [
        ["staff@provider-a.example.org"],
        ["counsellor@hub-a.example.org"],
        ["counsellor@hub-a.example.org"],
        ["counsellor@hub-a.example.org"],
    ]
    for message in mail.outbox:
        assert detail_url(referral) in message.body
        assert_no_secret(f"{message.subject} {message.body}")
        assert person.case_code not in f"{message.subject} {message.body}"


def test_other_providers_and_other_hubs_get_404_on_the_referral_and_the_form(
    world: World, places: Places
) -> None:
    person = sentinel_person(world, world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    for outsider in (world.provider_staff_b, world.counsellor_b):
        client = signed_in(outsider)
        assert client.get(detail_url(referral)).status_code == 404
        assert client.post(detail_url(referral), {"to": "accepted"}).status_code == 404
        assert client.get(new_url(person)).status_code == 404
    provider = signed_in(world.provider_staff_a)
    assert provider.get(new_url(person)).status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_without_the_box_and_without_consent_nothing_is_written(
    world: World, places: Places
) -> None:
    person = sentinel_person(world)
    counsellor = signed_in(world.counsellor_a)
    response = counsellor.post(
        new_url(person), {"place": places.legal_a.id, "notice_language": "es"}
    )
    assert response.status_code == 200
    assert "The person has not consented to a referral to this provider." in text(response)
    assert Referral.objects.count() == 0
    assert not Consent.objects.filter(purpose=ConsentPurpose.REFERRAL).exists()


def test_a_consent_on_file_needs_no_box_and_a_provider_without_agreement_sees_nothing_personal(
    world: World, places: Places
) -> None:
    person = sentinel_person(world, world.provider_b)
    counsellor = signed_in(world.counsellor_a)
    form = text(counsellor.get(new_url(person)))
    assert "(consent recorded)" in form
    sent = counsellor.post(new_url(person), {"place": places.shelter_b.id})
    assert sent.status_code == 302
    referral = Referral.objects.get()
    assert referral.provider == world.provider_b
    assert Consent.objects.filter(purpose=ConsentPurpose.REFERRAL).count() == 1

    provider = signed_in(world.provider_staff_b)
    page = text(provider.get(detail_url(referral)))
    assert "Shelter B" in page
    assert "shares no personal data" in page
    assert_no_secret(page)
    assert person.case_code not in page


def test_the_hub_withdraws_a_pending_referral_and_the_provider_cannot(
    world: World, places: Places
) -> None:
    person = make_person(world.counsellor_a, refer_to=world.provider_a)
    referral = referral_create(
        user=world.counsellor_a, person=person, service_at_location=places.legal_a
    )
    provider = signed_in(world.provider_staff_a)
    provider_page = text(provider.get(detail_url(referral)))
    assert "Accept" in provider_page
    assert "Withdraw" not in provider_page
    refused = provider.post(detail_url(referral), {"to": "withdrawn", "reason": "Not ours."})
    assert refused.status_code == 400

    counsellor = signed_in(world.counsellor_a)
    hub_page = text(counsellor.get(detail_url(referral)))
    assert "Withdraw" in hub_page
    assert "Accept" not in hub_page
    without_reason = counsellor.post(detail_url(referral), {"to": "withdrawn"})
    assert without_reason.status_code == 400
    withdrawn = counsellor.post(
        detail_url(referral), {"to": "withdrawn", "reason": "The person found help elsewhere."}
    )
    assert withdrawn.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    assert "<button>Withdraw</button>" not in text(counsellor.get(detail_url(referral)))


def test_the_lists_filter_by_status_and_page(
    world: World, places: Places, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_person(world.counsellor_a, refer_to=world.provider_a)
    second = make_person(world.counsellor_a, refer_to=world.provider_a)
    accepted = referral_create(
        user=world.counsellor_a, person=first, service_at_location=places.legal_a
    )
    waiting = referral_create(
        user=world.counsellor_a, person=second, service_at_location=places.legal_a
    )
    referral_transition(user=world.provider_staff_a, referral=accepted, to="accepted")

    counsellor = signed_in(world.counsellor_a)
    sent = text(counsellor.get("/staff/referrals/?status=accepted"))
    assert first.case_code in sent
    assert second.case_code not in sent
    assert "Provider A" in sent

    provider = signed_in(world.provider_staff_a)
    inbox = text(provider.get("/staff/referrals/?status=sent"))
    assert detail_url(waiting) in inbox
    assert detail_url(accepted) not in inbox

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    page_one = text(provider.get("/staff/referrals/"))
    page_two = text(provider.get("/staff/referrals/?page=2"))
    assert "Page 1 of 2" in page_one
    assert detail_url(waiting) in page_one
    assert detail_url(accepted) in page_two


def test_roles_without_referrals_get_404_on_the_list(world: World) -> None:
    editor = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(editor, world.editor)
    assert editor.get("/staff/referrals/").status_code == 404
    assert Client().get("/staff/referrals/").status_code == 302  # to the sign-in page


def test_the_override_page_is_404_for_a_counsellor_and_works_for_the_dpo(
    world: World, places: Places
) -> None:
    person = sentinel_person(world)
    other_hub = make_person(world.counsellor_b)
    counsellor = signed_in(world.counsellor_a)
    for outsider in (counsellor, signed_in(world.provider_staff_a)):
        assert outsider.get("/staff/referrals/overrides/new/").status_code == 404

    dpo = signed_in(world.dpo)
    page = text(dpo.get("/staff/referrals/overrides/new/"))
    assert "allows one referral" in page
    assert "audit" in page
    reason = "Immediate danger; the person cannot give consent now."
    short = dpo.post(
        "/staff/referrals/overrides/new/",
        {"case_code": person.case_code, "provider": world.provider_a.pk, "reason": "Urgent."},
    )
    assert short.status_code == 200
    elsewhere = dpo.post(
        "/staff/referrals/overrides/new/",
        {"case_code": other_hub.case_code, "provider": world.provider_a.pk, "reason": reason},
    )
    assert "No person has this case code" in text(elsewhere)
    assert not Consent.objects.filter(purpose=ConsentPurpose.REFERRAL).exists()

    granted = dpo.post(
        "/staff/referrals/overrides/new/",
        {"case_code": person.case_code.lower(), "provider": world.provider_a.pk, "reason": reason},
    )
    assert granted.status_code == 302
    override = Consent.objects.get(purpose=ConsentPurpose.REFERRAL)
    assert override.is_override
    assert (override.person, override.provider) == (person, world.provider_a)
    assert AuditEvent.objects.filter(action="referral.override", actor=world.dpo).exists()
    assert "The override was recorded." in text(dpo.get(granted["Location"]))

    form = text(counsellor.get(new_url(person)))
    assert "(allowed by the data protection officer)" in form
    assert "(consent recorded)" not in form
    assert counsellor.post(new_url(person), {"place": places.legal_a.id}).status_code == 302
    assert Referral.objects.get().consent == override
