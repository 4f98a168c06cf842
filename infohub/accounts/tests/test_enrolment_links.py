"""The authenticator is set up only through a single-use, expiring enrolment link."""

import io
import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.enrolment import (
    enrolment_link_issue,
    second_factor_provision_with_link,
)
from infohub.accounts.errors import EnrolmentLinkError
from infohub.accounts.models import EnrolmentLink, User
from infohub.audit.models import AuditAction, AuditEvent
from infohub.testing.personas import PASSWORD, World, current_code, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

SETUP = "/accounts/2fa/setup/"
ASK_AGAIN = "Ask your administrator for a new enrolment link."
LINK = re.compile(r"https?://\S+/accounts/enrol/[\w-]+/")


def password_only(user: User, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def open_link(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(("/accounts/2fa/setup/", "/accounts/login/"))


def enrol_through_page(client: Client, user: User) -> Any:
    """Show the key on the setup page, then confirm it with the phone's first code."""
    assert client.get(SETUP).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SETUP, {"code": current_code(device)})


def actions_on(link: EnrolmentLink) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=link.public_id)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_the_setup_page_refuses_a_password_alone(world: World) -> None:
    client = password_only(world.counsellor_a)
    response = client.get(SETUP)
    assert response.status_code == 403
    assert ASK_AGAIN in response.content.decode()
    assert client.post(SETUP, {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=world.counsellor_a).exists()
    assert client.get("/staff/")["Location"] == "/accounts/2fa/verify/"


def test_the_refusal_is_in_the_persons_language(world: World) -> None:
    response = password_only(world.counsellor_a, language="es").get(SETUP)
    assert response.status_code == 403
    assert "Pida a su administrador un nuevo enlace de registro." in response.content.decode()


def test_a_link_sets_up_the_authenticator_and_opens_staff_pages(world: World) -> None:
    issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
    client = password_only(world.counsellor_a)
    open_link(client, issued.url)
    response = enrol_through_page(client, world.counsellor_a)
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    issued.link.refresh_from_db()
    assert issued.link.used_at is not None


def test_the_link_address_is_left_at_once_without_a_referrer_or_a_cached_copy(
    world: World,
) -> None:
    issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
    response = password_only(world.counsellor_a).get(issued.url)
    assert response.status_code == 302
    assert response["Location"] == SETUP
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert issued.token not in response.content.decode()


def test_a_link_opened_before_signing_in_is_kept_through_the_sign_in(world: World) -> None:
    issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(issued.url)
    assert response["Location"] == "/accounts/login/?next=/accounts/2fa/setup/"
    response = client.post(
        response["Location"], {"username": world.counsellor_a.username, "password": PASSWORD}
    )
    assert response["Location"] == SETUP
    assert enrol_through_page(client, world.counsellor_a)["Location"] == "/staff/"


def test_a_link_works_only_once(world: World) -> None:
    issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
    first = password_only(world.counsellor_a)
    open_link(first, issued.url)
    enrol_through_page(first, world.counsellor_a)
    # The phone is lost and its authenticator forgotten: the used link cannot set up another.
    TOTPDevice.objects.filter(user=world.counsellor_a).delete()
    second = password_only(world.counsellor_a)
    open_link(second, issued.url)
    response = second.get(SETUP)
    assert response.status_code == 403
    assert "already used" in response.content.decode()
    with pytest.raises(EnrolmentLinkError):
        second_factor_provision_with_link(token=issued.token, user=world.counsellor_a)
    assert not TOTPDevice.objects.filter(user=world.counsellor_a).exists()


def test_a_wrong_code_keeps_the_link_for_another_try(world: World) -> None:
    with time_machine.travel("2026-03-01 09:00:05 +0000", tick=False) as clock:
        issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
        client = password_only(world.counsellor_a)
        open_link(client, issued.url)
        assert client.get(SETUP).status_code == 200
        device = TOTPDevice.objects.get(user=world.counsellor_a, confirmed=False)
        wrong = str((int(current_code(device)) + 1) % 1_000_000).zfill(6)
        assert client.post(SETUP, {"code": wrong}).status_code == 200
        issued.link.refresh_from_db()
        assert issued.link.used_at is None
        clock.shift(10)  # past django-otp's wait after a wrong code
        assert enrol_through_page(client, world.counsellor_a)["Location"] == "/staff/"


def test_an_expired_link_is_refused_and_audited(world: World) -> None:
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
        clock.shift(timedelta(hours=72, seconds=1))
        client = password_only(world.counsellor_a)
        open_link(client, issued.url)
        response = client.get(SETUP)
    assert response.status_code == 403
    assert "expired" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.counsellor_a).exists()
    assert AuditAction.ENROLMENT_LINK_EXPIRE in actions_on(issued.link)


def test_a_link_that_expires_during_setup_is_refused_at_the_code(world: World) -> None:
    with time_machine.travel("2026-03-01 09:00 +0000", tick=False) as clock:
        issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
        clock.shift(timedelta(hours=71, minutes=59))
        client = password_only(world.counsellor_a)
        open_link(client, issued.url)
        assert client.get(SETUP).status_code == 200
        device = TOTPDevice.objects.get(user=world.counsellor_a, confirmed=False)
        clock.shift(timedelta(minutes=2))
        response = client.post(SETUP, {"code": current_code(device)})
    assert response.status_code == 403
    device.refresh_from_db()
    assert not device.confirmed
    assert AuditAction.ENROLMENT_LINK_EXPIRE in actions_on(issued.link)


def test_the_link_lifetime_follows_the_setting(world: World, settings: Any) -> None:
    settings.INFOHUB_ENROLMENT_LINK_HOURS = 2
    issued = enrolment_link_issue(user=world.counsellor_a, actor=None)
    assert issued.link.expires_at - issued.link.created_at < timedelta(hours=2, seconds=5)


def test_a_newer_link_replaces_the_older_one(world: World) -> None:
    older = enrolment_link_issue(user=world.counsellor_a, actor=None)
    newer = enrolment_link_issue(user=world.counsellor_a, actor=None)
    client = password_only(world.counsellor_a)
    open_link(client, older.url)
    response = client.get(SETUP)
    assert response.status_code == 403
    assert "newer enrolment link" in response.content.decode()
    open_link(client, newer.url)
    assert enrol_through_page(client, world.counsellor_a)["Location"] == "/staff/"
    assert actions_on(older.link) == [AuditAction.ENROLMENT_LINK_ISSUE]
    assert actions_on(newer.link) == [
        AuditAction.ENROLMENT_LINK_REISSUE,
        AuditAction.ENROLMENT_LINK_USE,
    ]


def test_another_persons_link_does_not_enrol_you(world: World) -> None:
    theirs = enrolment_link_issue(user=world.counsellor_b, actor=None)
    client = password_only(world.counsellor_a)
    open_link(client, theirs.url)
    response = client.get(SETUP)
    assert response.status_code == 403
    assert "another account" in response.content.decode()
    assert client.post(SETUP, {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.filter(user=world.counsellor_a).exists()
    with pytest.raises(EnrolmentLinkError):
        second_factor_provision_with_link(token=theirs.token, user=world.counsellor_a)
    theirs.link.refresh_from_db()
    assert theirs.link.used_at is None


def test_an_unknown_token_is_refused(world: World) -> None:
    client = password_only(world.counsellor_a)
    open_link(client, "/accounts/enrol/not-a-real-token/")
    response = client.get(SETUP)
    assert response.status_code == 403
    assert "not valid" in response.content.decode()


def test_a_link_is_issued_to_active_accounts_only(world: World) -> None:
    User.objects.filter(pk=world.counsellor_a.pk).update(is_active=False)
    world.counsellor_a.refresh_from_db()
    with pytest.raises(ValueError, match="active accounts"):
        enrolment_link_issue(user=world.counsellor_a, actor=None)


def test_issuing_and_using_a_link_are_audited_with_their_actors(world: World) -> None:
    issued = enrolment_link_issue(user=world.counsellor_a, actor=world.admin)
    client = password_only(world.counsellor_a)
    open_link(client, issued.url)
    enrol_through_page(client, world.counsellor_a)
    events = AuditEvent.objects.filter(object_id=issued.link.public_id).order_by("id")
    assert [(e.action, e.actor) for e in events] == [
        (AuditAction.ENROLMENT_LINK_ISSUE, world.admin),
        (AuditAction.ENROLMENT_LINK_USE, world.counsellor_a),
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.SECOND_FACTOR_ENROL, object_id=world.counsellor_a.public_id
    ).exists()


def test_the_personas_enrol_through_a_used_link(world: World) -> None:
    device = enrol_authenticator(world.counsellor_a)
    assert device.confirmed
    link = EnrolmentLink.objects.get(user=world.counsellor_a)
    assert link.used_at is not None
    assert actions_on(link) == [AuditAction.ENROLMENT_LINK_ISSUE, AuditAction.ENROLMENT_LINK_USE]


# The commands ---------------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_create_staff_prints_the_link_as_its_last_line(world: World) -> None:
    output = run("create_staff", "--username", "ana", "--role", "counsellor", "--hub", "hub-a")
    last = output.strip().splitlines()[-1]
    assert LINK.fullmatch(last), last
    ana = User.objects.get(username="ana")
    assert EnrolmentLink.objects.get(user=ana).used_at is None
    password = re.search(r"shown once: (\S+)", output)
    assert password is not None
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/accounts/login/", {"username": "ana", "password": password.group(1)})
    open_link(client, last)
    assert enrol_through_page(client, ana)["Location"] == "/staff/"


def test_create_staff_mails_the_link_with_mail(world: World) -> None:
    output = run(
        "create_staff", "--username", "ana", "--role", "counsellor", "--hub", "hub-a",
        "--email", "ana@hub-a.example", "--mail",
    )  # fmt: skip
    assert not LINK.search(output)
    assert "mailed" in output.strip().splitlines()[-1]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@hub-a.example"]
    found = LINK.search(str(message.body))
    assert found is not None
    password = re.search(r"shown once: (\S+)", output)
    assert password is not None
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/accounts/login/", {"username": "ana", "password": password.group(1)})
    open_link(client, found.group(0))
    ana = User.objects.get(username="ana")
    assert enrol_through_page(client, ana)["Location"] == "/staff/"


def test_create_staff_refuses_mail_without_an_address_before_creating_anything(
    world: World,
) -> None:
    with pytest.raises(CommandError, match="--email"):
        run("create_staff", "--username", "ana", "--role", "counsellor", "--hub", "hub-a", "--mail")
    assert not User.objects.filter(username="ana").exists()
    assert mail.outbox == []


def test_create_staff_refuses_without_the_sites_address(world: World, settings: Any) -> None:
    settings.INFOHUB_PUBLIC_URL = ""
    with pytest.raises(CommandError, match="INFOHUB_PUBLIC_URL"):
        run("create_staff", "--username", "ana", "--role", "counsellor", "--hub", "hub-a")
    assert not User.objects.filter(username="ana").exists()


def test_issue_enrolment_link_prints_a_new_link_that_replaces_the_older(world: World) -> None:
    older = enrolment_link_issue(user=world.counsellor_a, actor=None)
    output = run("issue_enrolment_link", "--username", world.counsellor_a.username)
    last = output.strip().splitlines()[-1]
    assert LINK.fullmatch(last)
    older.link.refresh_from_db()
    assert older.link.replaced_at is not None
    client = password_only(world.counsellor_a)
    open_link(client, last)
    assert enrol_through_page(client, world.counsellor_a)["Location"] == "/staff/"


def test_issue_enrolment_link_mails_it(world: World) -> None:
    User.objects.filter(pk=world.counsellor_a.pk).update(email="a@hub-a.example")
    output = run("issue_enrolment_link", "--username", world.counsellor_a.username, "--mail")
    assert not LINK.search(output)
    assert [m.to for m in mail.outbox] == [["a@hub-a.example"]]
    assert LINK.search(str(mail.outbox[0].body))


def test_issue_enrolment_link_mail_needs_an_address_and_leaves_the_old_link(
    world: World,
) -> None:
    older = enrolment_link_issue(user=world.counsellor_a, actor=None)
    with pytest.raises(CommandError, match="no e-mail address"):
        run("issue_enrolment_link", "--username", world.counsellor_a.username, "--mail")
    older.link.refresh_from_db()
    assert older.link.replaced_at is None
    assert EnrolmentLink.objects.filter(user=world.counsellor_a).count() == 1


def test_a_mail_that_cannot_leave_is_reported(world: World, settings: Any) -> None:
    User.objects.filter(pk=world.counsellor_a.pk).update(email="a@hub-a.example")
    # A mail server that refuses the connection: nothing listens on port 1.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with pytest.raises(CommandError, match="could not be mailed"):
        run("issue_enrolment_link", "--username", world.counsellor_a.username, "--mail")


def test_issue_enrolment_link_refuses_an_unknown_username(world: World) -> None:
    with pytest.raises(CommandError, match="No account"):
        run("issue_enrolment_link", "--username", "nobody")


# The admin ------------------------------------------------------------------------


@pytest.fixture
def operator(world: World) -> tuple[Client, User]:
    root = User.objects.create_superuser("platform-operator", password=PASSWORD)
    enrol_authenticator(root)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, root)
    return client, root


def admin_action(client: Client, action: str, user: User) -> str:
    response = client.post(
        "/admin/accounts/user/", {"action": action, "_selected_action": [user.pk]}
    )
    assert response.status_code == 200, response.status_code
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


def test_the_admin_issues_a_new_link_again(operator: tuple[Client, User], world: World) -> None:
    client, root = operator
    older = enrolment_link_issue(user=world.counsellor_a, actor=None)
    page = admin_action(client, "issue_enrolment_link", world.counsellor_a)
    found = LINK.search(page)
    assert found is not None
    older.link.refresh_from_db()
    assert older.link.replaced_at is not None
    newer = EnrolmentLink.objects.get(user=world.counsellor_a, replaced_at__isnull=True)
    event = AuditEvent.objects.get(object_id=newer.public_id)
    assert (event.action, event.actor) == (AuditAction.ENROLMENT_LINK_REISSUE, root)
    person = password_only(world.counsellor_a)
    open_link(person, found.group(0))
    assert enrol_through_page(person, world.counsellor_a)["Location"] == "/staff/"


def test_the_admin_reset_forgets_the_phone_and_issues_a_link(
    operator: tuple[Client, User], world: World
) -> None:
    client, root = operator
    enrol_authenticator(world.counsellor_a)
    page = admin_action(client, "reset_authenticator", world.counsellor_a)
    assert not TOTPDevice.objects.filter(user=world.counsellor_a).exists()
    found = LINK.search(page)
    assert found is not None
    assert AuditEvent.objects.filter(
        action=AuditAction.SECOND_FACTOR_RESET, object_id=world.counsellor_a.public_id, actor=root
    ).exists()
    # The password alone does not set up a new phone; the link does.
    person = password_only(world.counsellor_a)
    assert person.get(SETUP).status_code == 403
    open_link(person, found.group(0))
    assert enrol_through_page(person, world.counsellor_a)["Location"] == "/staff/"


def test_the_link_page_lists_only_the_chosen_accounts(
    operator: tuple[Client, User], world: World
) -> None:
    client, _root = operator
    page = admin_action(client, "issue_enrolment_link", world.counsellor_a)
    assert world.counsellor_a.username in page
    assert world.counsellor_b.username not in page
    assert not EnrolmentLink.objects.filter(user=world.counsellor_b).exists()
