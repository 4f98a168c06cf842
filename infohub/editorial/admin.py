"""The editors' admin pieces every reviewed content shares."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewDueFilter(admin.SimpleListFilter):
    """Live content past its review date, and content with a translation to update."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("due", _("Due for review")), ("needs_update", _("Needs translation update"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "due":
            return queryset.filter(live=True, review_due__lt=timezone.localdate())
        if self.value() == "needs_update":
            return queryset.filter(translations__needs_update=True).distinct()
        return queryset
