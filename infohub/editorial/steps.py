"""The workflow's steps on a reviewed object; the content app's service saves and audits.

Each step checks and changes the fields of ``models.Reviewed`` in memory and says
whether what readers see changed, so the caller knows to log a search change. The
caller runs it inside its transaction, after ``lock``, saves the object and writes its
audit row.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.editorial.errors import EditorialError
from infohub.editorial.models import Reviewed
from infohub.editorial.workflow import EditorialStatus, can_transition

# What the steps read and write; ``lock`` reads these again, leaving other fields as the
# caller has them.
WORKFLOW_FIELDS = (
    "status",
    "live",
    "published_at",
    "last_reviewed_at",
    "last_reviewed_by",
    "review_due",
)


def lock(obj: Reviewed) -> None:
    """Lock the object's row in the caller's transaction and read its workflow fields again.

    Two steps on one object (two publications, a publication and a withdrawal) then run
    one after the other, the second deciding on what the first committed rather than on
    what its caller read before.
    """
    rows = type(obj)._default_manager.select_for_update()
    obj.refresh_from_db(from_queryset=rows, fields=WORKFLOW_FIELDS)


def review_due(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.INFOHUB_REVIEW_PERIOD_DAYS)


def move(obj: Reviewed, to: str) -> None:
    """Move the latest revision along the workflow; the live version stays live.

    Publishing goes through ``publish`` (it needs a reviewer) and archiving through
    ``withdraw`` (it takes the object offline).
    """
    if to == EditorialStatus.PUBLISHED:
        raise EditorialError(_("Publishing needs a review: use the publish action."))
    if to == EditorialStatus.ARCHIVED:
        raise EditorialError(_("Archiving takes the content offline: use the withdraw action."))
    if not can_transition(obj.status, to):
        raise EditorialError(
            _("The status cannot go from %(current)s to %(target)s.")
            % {
                "current": EditorialStatus(obj.status).label,
                "target": EditorialStatus(to).label,
            }
        )
    obj.status = to


def start_revision(obj: Reviewed) -> None:
    """A change was saved: a published object now has a draft beside its live version."""
    if obj.status == EditorialStatus.PUBLISHED:
        obj.status = EditorialStatus.DRAFT


def check_reviewer(*, obj: Reviewed, reviewer_id: int, authors: Iterable[int | None]) -> None:
    """Publishing takes a second person: the reviewer wrote none of the proposed texts."""
    if not can_transition(obj.status, EditorialStatus.PUBLISHED):
        raise EditorialError(_("Only content in review can be published."))
    if reviewer_id in set(authors):
        raise EditorialError(_("A second person must review: you are the last author."))


def publish(obj: Reviewed, *, reviewer_id: int | None, now: dt.datetime | None = None) -> dt.date:
    """Make the latest revision live (the caller copies its texts); returns the review date."""
    now = now or timezone.now()
    obj.status = EditorialStatus.PUBLISHED
    obj.live = True
    obj.published_at = obj.published_at or now
    obj.last_reviewed_at = now
    obj.last_reviewed_by_id = reviewer_id
    obj.review_due = due = review_due(timezone.localdate(now))
    return due


def withdraw(obj: Reviewed) -> bool:
    """Archive: take the object offline. True when it was live."""
    if not can_transition(obj.status, EditorialStatus.ARCHIVED):
        raise EditorialError(
            _("The status cannot go from %(current)s to %(target)s.")
            % {
                "current": EditorialStatus(obj.status).label,
                "target": EditorialStatus.ARCHIVED.label,
            }
        )
    was_live = obj.live
    obj.status = EditorialStatus.ARCHIVED
    obj.live = False
    return was_live
