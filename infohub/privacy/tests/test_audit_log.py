"""The data protection officer reads the audit log of their organisation's staff, and only them."""

import pytest
from django.db import transaction
from django.test import Client

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.testing.casework import make_person
from infohub.testing.personas import World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    enrol_authenticator(user)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, user)
    return client


def test_the_dpo_sees_what_their_organisations_staff_did(world: World) -> None:
    own = make_person(world.counsellor_a)
    other = make_person(world.counsellor_b)
    page = _client(world.dpo).get("/staff/privacy/audit/").content.decode()
    assert str(own.public_id) in page
    assert str(other.public_id) not in page  # hub B belongs to another organisation
    assert own.given_names not in page


def test_the_log_can_be_filtered_by_action(world: World) -> None:
    person = make_person(world.counsellor_a)
    page = _client(world.dpo).get("/staff/privacy/audit/", {"action": "session.login"})
    assert str(person.public_id) not in page.content.decode()


def test_no_one_else_opens_the_log(world: World) -> None:
    for user in (world.counsellor_a, world.manager_a, world.admin, world.analyst_a):
        assert _client(user).get("/staff/privacy/audit/").status_code == 404


def test_the_dpo_reads_the_reason_given_for_an_erasure(world: World) -> None:
    person = make_person(world.counsellor_a)
    reason = "Asked in writing; the child protection office already has the case."
    with transaction.atomic():
        audit_record(actor=world.dpo, action=AuditAction.PERSON_ERASE, target=person, reason=reason)
    page = _client(world.dpo).get("/staff/privacy/audit/").content.decode()
    assert f"Reason: {reason}" in page
