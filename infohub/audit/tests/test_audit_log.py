"""The audit log: written with the change, in its transaction, and immutable."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from infohub.accounts.models import Organisation
from infohub.accounts.services import organisation_create
from infohub.audit.models import AuditAction, AuditEvent
from infohub.audit.services import AuditOutsideTransactionError, audit_record
from infohub.core.request_context import RequestContext, bound_context


@pytest.mark.django_db
def test_the_change_and_its_audit_row_commit_or_roll_back_together() -> None:
    def create_then_fail() -> None:
        with transaction.atomic():
            organisation_create(slug="gone", name="Gone", kind="ngo")
            assert AuditEvent.objects.filter(action=AuditAction.ORGANISATION_CREATE).count() == 1
            raise RuntimeError("the surrounding work failed")

    with pytest.raises(RuntimeError):
        create_then_fail()
    assert not Organisation.objects.filter(slug="gone").exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_both_inserts_happen_inside_one_atomic_block() -> None:
    with CaptureQueriesContext(connection) as queries:
        organisation_create(slug="one", name="One", kind="ngo")
    statements = [q["sql"] for q in queries.captured_queries]
    begin = next(i for i, s in enumerate(statements) if s.startswith("SAVEPOINT"))
    end = next(i for i, s in enumerate(statements) if s.startswith("RELEASE SAVEPOINT"))
    inside = statements[begin:end]
    assert any('INSERT INTO "accounts_organisation"' in s for s in inside)
    assert any('INSERT INTO "audit_auditevent"' in s for s in inside)


@pytest.mark.django_db(transaction=True)
def test_an_audit_row_cannot_be_written_outside_a_transaction() -> None:
    organisation = Organisation.objects.create(slug="x", name="X", kind="ngo")
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(actor=None, action=AuditAction.ORGANISATION_CREATE, target=organisation)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_it_records_who_what_where_and_which_request_but_no_names() -> None:
    with bound_context(RequestContext(request_id="req-12345678", ip="192.0.2.7")):
        organisation = organisation_create(slug="acme", name="Secret Name Ltd", kind="ngo")
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type) == ("organisation.create", "accounts.organisation")
    assert event.object_id == organisation.public_id
    assert (event.ip, event.request_id) == ("192.0.2.7", "req-12345678")
    row = " ".join(str(v) for v in AuditEvent.objects.values().get().values())
    assert "Secret Name" not in row


@pytest.mark.django_db
def test_the_database_refuses_updates_of_audit_rows() -> None:
    organisation_create(slug="u", name="U", kind="ngo")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(action=AuditAction.LOGIN)
    assert AuditEvent.objects.get().action == AuditAction.ORGANISATION_CREATE


@pytest.mark.django_db
def test_the_database_refuses_deletes_of_audit_rows() -> None:
    organisation_create(slug="d", name="D", kind="ngo")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db
def test_it_keeps_the_actors_reason_and_the_database_refuses_to_change_it() -> None:
    organisation = Organisation.objects.create(slug="r", name="R", kind="ngo")
    with transaction.atomic():
        audit_record(
            actor=None,
            action=AuditAction.ORGANISATION_UPDATE,
            target=organisation,
            reason="  Asked by the partner's board.  ",
        )
    assert AuditEvent.objects.get().reason == "Asked by the partner's board."
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(reason="")
    assert AuditEvent.objects.get().reason == "Asked by the partner's board."
