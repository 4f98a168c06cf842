"""The counts, for whoever keeps the policy right: read-only, as browsers wrote them."""

from django.contrib import admin
from django.http import HttpRequest

from infohub.csp_reports.models import CspViolationCount


@admin.register(CspViolationCount)
class CspViolationCountAdmin(admin.ModelAdmin[CspViolationCount]):
    list_display = ("day", "directive", "blocked", "count")
    list_filter = ("day", "directive")
    search_fields = ("blocked",)
    date_hierarchy = "day"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: CspViolationCount | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: CspViolationCount | None = None
    ) -> bool:
        return False
