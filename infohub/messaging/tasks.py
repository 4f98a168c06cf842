"""The outbox's task: ``send_outbox``'s work, run sooner by ``manage.py db_worker``.

Nothing depends on the task running: cron's ``send_outbox`` does the same work
(docs/decisions/0006). The task carries no argument, so nothing personal reaches the
task table.
"""

from django.db import connection, transaction
from django_tasks import task


@task()
def deliver() -> None:
    """Answer what came in, queue due alerts, send what is due."""
    # Imported here: the outbox's services schedule this task, so a top-level import
    # would be circular.
    from infohub.messaging.outbox import run_once  # noqa: PLC0415

    run_once()


def _enqueue() -> None:
    deliver.enqueue()


def schedule_delivery() -> None:
    """Enqueue the task once the current transaction commits (once per transaction)."""
    pending = getattr(connection, "run_on_commit", [])
    if any(callback is _enqueue for _ids, callback, _robust in pending):
        return
    # robust: a failure to enqueue must not undo what was stored; cron sends it anyway.
    transaction.on_commit(_enqueue, robust=True)
