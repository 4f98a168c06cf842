"""Verification links: mailed once per period to the listing's contact, signed, single-use."""

import datetime as dt
import re
import socket
from email import message_from_bytes
from email.message import Message
from io import StringIO

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail, signing
from django.core.management import CommandError, call_command
from django.test import Client

from infohub.audit.models import AuditAction, AuditEvent
from infohub.directory.listings.verification import SALT
from infohub.directory.models import ListingStatus, Service, VerificationRequest
from infohub.directory.tests.listing_support import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    PHONE,
    SERVICE_EMAIL,
    add_confidential_place,
    build_listings,
    make_service,
)

pytestmark = [
    pytest.mark.urls("infohub.directory.tests.listing_test_urls"),
    pytest.mark.django_db,
]

BASE = "https://hub.example.org"
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LINK = re.compile(r"https://hub\.example\.org(/[a-z]{2}/services/verify/([^/\s]+)/)")


def run(**options: object) -> str:
    out = StringIO()
    call_command("request_verifications", base_url=BASE, stdout=out, **options)
    return out.getvalue()


def link_in(message: mail.EmailMessage) -> tuple[str, str]:
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(1), found.group(2)


@time_machine.travel(NOW, tick=False)
def test_a_stale_listing_gets_one_email_per_period_with_a_signed_link(settings):
    settings.INFOHUB_LISTING_VERIFY_DAYS = 365
    listings = build_listings()

    output = run()

    assert "Verification links sent: 2" in output
    to_a = next(m for m in mail.outbox if m.to == [CONTACT_EMAIL])
    path, token = link_in(to_a)
    assert path.startswith("/es/services/verify/")
    assert signing.loads(token, salt=SALT) == {
        "r": VerificationRequest.objects.get(service=listings.service_a).public_id.hex,
        "s": listings.service_a.id.hex,
    }
    assert Client().get(path).status_code == 200

    assert "Verification links sent: 0" in run()
    with time_machine.travel(NOW + dt.timedelta(days=300), tick=False):
        assert "Verification links sent: 0" in run()
    with time_machine.travel(NOW + dt.timedelta(days=366), tick=False):
        assert "Verification links sent: 2" in run()
    assert len(mail.outbox) == 4
    assert AuditEvent.objects.filter(action=AuditAction.LISTING_VERIFICATION_REQUEST).count() == 4


@time_machine.travel(NOW, tick=False)
def test_only_stale_published_listings_with_an_address_are_written_to(settings):
    settings.INFOHUB_LISTING_VERIFY_DAYS = 30
    listings = build_listings()
    today = NOW.date()
    fresh = make_service(
        listings.org_a, name="Fresh", email="a@x.example", last_verified=today - dt.timedelta(10)
    )
    stale = make_service(
        listings.org_a, name="Stale", email="b@x.example", last_verified=today - dt.timedelta(31)
    )
    draft = make_service(
        listings.org_a, name="Draft", email="c@x.example", listing_status=ListingStatus.DRAFT
    )
    make_service(listings.org_a, name="No address")

    output = run()

    written = {m.to[0] for m in mail.outbox}
    assert "b@x.example" in written
    assert {"a@x.example", "c@x.example"}.isdisjoint(written)
    assert "stale listings without a contact address: 1" in output
    assert not VerificationRequest.objects.filter(service__in=[fresh, draft]).exists()
    assert VerificationRequest.objects.filter(service=stale).count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_email_holds_no_personal_data_beyond_the_contacts_own_address():
    listings = build_listings()
    add_confidential_place(listings.service_a, contact_email="oculta@shelter.example.org")

    run()

    message = next(m for m in mail.outbox if m.to == [CONTACT_EMAIL])
    text = f"{message.subject}\n{message.body}\n{message.extra_headers}"
    assert message.to == [CONTACT_EMAIL]
    assert message.cc == []
    assert message.bcc == []
    assert message.reply_to == []
    assert "Asesoría legal" in message.subject
    for private in (CONTACT_NAME, CONTACT_EMAIL, SERVICE_EMAIL, PHONE, "oculta@", "Oculta"):
        assert private not in text
    # The link names the request and the service by random ids, nothing else.
    _path, token = link_in(message)
    assert set(signing.loads(token, salt=SALT)) == {"r", "s"}
    assert "oculta@shelter.example.org" not in {m.to[0] for m in mail.outbox}


@time_machine.travel(NOW, tick=False)
def test_the_contact_at_a_confidential_place_is_never_written_to():
    listings = build_listings()
    only_hidden = make_service(listings.org_a, name="Casa")
    add_confidential_place(only_hidden, contact_email="oculta@shelter.example.org")

    run()

    assert all(m.to != ["oculta@shelter.example.org"] for m in mail.outbox)
    assert not VerificationRequest.objects.filter(service=only_hidden).exists()


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), message_from_bytes(envelope.content))
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@time_machine.travel(NOW, tick=True)
def test_the_link_goes_through_a_real_smtp_server_on_loopback(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 10
        listings = build_listings()
        Service.objects.filter(pk=listings.service_b.pk).update(listing_status="draft")

        output = run()
    finally:
        controller.stop()

    assert "Verification links sent: 1" in output
    [(sender, recipients, message)] = inbox.messages
    assert recipients == [CONTACT_EMAIL]
    assert sender == settings.DEFAULT_FROM_EMAIL
    assert message["Auto-Submitted"] == "auto-generated"
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    body = payload.decode(message.get_content_charset() or "utf-8")
    path, _token = link_in(mail.EmailMessage(body=body))
    assert Client().get(path).status_code == 200
    assert VerificationRequest.objects.get().sent_at is not None


def test_a_mail_that_fails_is_tried_again_on_the_next_run(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens, the connection is refused
    settings.EMAIL_TIMEOUT = 2
    build_listings()

    with pytest.raises(CommandError, match="could not be sent"):
        run()
    assert VerificationRequest.objects.filter(sent_at__isnull=True).count() == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Verification links sent: 2" in run()


def test_the_command_needs_the_sites_public_address(settings):
    settings.INFOHUB_PUBLIC_URL = ""
    with pytest.raises(CommandError, match="INFOHUB_PUBLIC_URL"):
        call_command("request_verifications")


def test_a_dry_run_sends_and_records_nothing():
    build_listings()
    assert "would be sent: 2" in run(dry_run=True)
    assert mail.outbox == []
    assert not VerificationRequest.objects.exists()


def _link_for(service: Service) -> str:
    run()
    message = next(m for m in mail.outbox if f"{service.name}" in str(m.subject))
    return link_in(message)[0]


@time_machine.travel(NOW, tick=True)
def test_everything_is_correct_sets_last_verified_is_audited_and_works_once():
    listings = build_listings()
    path = _link_for(listings.service_a)

    page = Client().get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Asesoría legal" in html
    assert 'value="confirm"' in html
    assert "no-store" in page["Cache-Control"]

    done = Client().post(path, {"action": "confirm"})

    assert done.status_code == 200
    listings.service_a.refresh_from_db()
    assert listings.service_a.last_verified == NOW.date()
    event = AuditEvent.objects.get(action=AuditAction.LISTING_VERIFY)
    assert event.object_id == listings.service_a.id
    assert event.actor is None
    again = Client().post(path, {"action": "confirm"})
    assert again.status_code == 410
    assert Client().get(path).status_code == 410
    assert AuditEvent.objects.filter(action=AuditAction.LISTING_VERIFY).count() == 1


def test_a_tampered_token_gets_a_clear_page_not_an_error():
    listings = build_listings()
    path = _link_for(listings.service_a)
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    for bad in (tampered, "garbage", token[:20]):
        response = Client().get(f"/en/services/verify/{bad}/")
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()
    assert (
        Client().post(f"/en/services/verify/{tampered}/", {"action": "confirm"}).status_code == 400
    )
    listings.service_a.refresh_from_db()
    assert listings.service_a.last_verified is None


def test_an_expired_link_is_refused_with_a_translated_page(settings):
    settings.INFOHUB_LISTING_VERIFY_LINK_DAYS = 30
    listings = build_listings()
    with time_machine.travel(NOW, tick=False):
        path = _link_for(listings.service_a)
    english = path.replace("/es/", "/en/", 1)
    with time_machine.travel(NOW + dt.timedelta(days=31), tick=False):
        response = Client().get(english)
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
        french = Client().get(path.replace("/es/", "/fr/", 1))
        assert french.status_code == 410
        assert "This link has expired" not in french.content.decode()
        assert Client().post(english, {"action": "confirm"}).status_code == 410


def test_a_link_naming_another_service_is_refused():
    listings = build_listings()
    run()
    request = VerificationRequest.objects.get(service=listings.service_a)
    forged = signing.dumps({"r": request.public_id.hex, "s": listings.service_b.id.hex}, salt=SALT)
    other_salt = signing.dumps({"r": request.public_id.hex, "s": listings.service_a.id.hex})

    for token in (forged, other_salt):
        response = Client().post(f"/en/services/verify/{token}/", {"action": "confirm"})
        assert response.status_code == 400
    listings.service_a.refresh_from_db()
    listings.service_b.refresh_from_db()
    assert listings.service_a.last_verified is None
    assert listings.service_b.last_verified is None


def test_a_link_to_a_listing_no_longer_published_is_gone():
    listings = build_listings()
    path = _link_for(listings.service_a)
    Service.objects.filter(pk=listings.service_a.pk).update(listing_status=ListingStatus.SUSPENDED)

    response = Client().get(path)

    assert response.status_code == 410
    assert "Asesoría legal" not in response.content.decode()
