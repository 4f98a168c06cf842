"""Writing audit rows. Called by the service that performs the change."""

from typing import TYPE_CHECKING

from django.db import connection, models

from infohub.audit.models import AuditAction, AuditEvent
from infohub.core.request_context import current_context

if TYPE_CHECKING:
    # django-stubs resolves this alias to the AUTH_USER_MODEL without importing its app.
    from django.contrib.auth.models import _User


class AuditOutsideTransactionError(RuntimeError):
    """Raised when an audit row would be written outside the change's transaction."""


def audit_record(
    *,
    actor: "_User | None",
    action: AuditAction,
    target: models.Model,
    reason: str = "",
) -> AuditEvent:
    """Write one audit row for ``target`` inside the caller's transaction.

    ``reason`` is the actor's own explanation, for the actions that ask for one; the
    caller's form tells them to leave personal data out of it, and it is never logged.
    Refusing to run in autocommit mode makes it impossible to commit a change whose
    audit row could then fail to be written, or the other way round.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransactionError(
            "audit_record must run inside transaction.atomic with the change it records"
        )
    context = current_context()
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=target._meta.label_lower,
        object_id=target.public_id,  # type: ignore[attr-defined]
        ip=context.ip,
        request_id=context.request_id,
        reason=reason.strip(),
    )
