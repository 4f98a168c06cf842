"""Which status may follow which: the only place that says so, for every reviewed content.

The status is that of the latest revision. Whether readers see the object is its
``live`` flag (see ``steps.py``), so sending a published object back to draft or to
review keeps its live version public.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditorialStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


TRANSITIONS: dict[str, frozenset[str]] = {
    EditorialStatus.DRAFT: frozenset({EditorialStatus.IN_REVIEW, EditorialStatus.ARCHIVED}),
    EditorialStatus.IN_REVIEW: frozenset({EditorialStatus.DRAFT, EditorialStatus.PUBLISHED}),
    # Saving a change to a published object also makes its new revision a draft
    # (steps.start_revision); that is not a move an editor chooses.
    EditorialStatus.PUBLISHED: frozenset({EditorialStatus.IN_REVIEW, EditorialStatus.ARCHIVED}),
    EditorialStatus.ARCHIVED: frozenset({EditorialStatus.DRAFT}),
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
