"""Admin for staff, organisations, hubs and tokens; every save is audited."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from infohub.accounts.models import ApiToken, Hub, Membership, Organisation, User
from infohub.accounts.services import api_token_revoke
from infohub.audit.admin_mixins import AuditedAdminMixin, audit_inline_changes
from infohub.audit.models import AuditAction


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    fields = ("role", "hub", "organisation")


@admin.register(User)
class StaffAdmin(AuditedAdminMixin, UserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ("username", "is_active", "is_staff", "last_login")
    audit_create_action = AuditAction.STAFF_CREATE
    audit_update_action = AuditAction.STAFF_UPDATE

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        audit_inline_changes(
            request, formset, grant=AuditAction.ROLE_GRANT, revoke=AuditAction.ROLE_REVOKE
        )


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin[Organisation]):
    list_display = ("name", "slug", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    audit_create_action = AuditAction.ORGANISATION_CREATE
    audit_update_action = AuditAction.ORGANISATION_UPDATE


@admin.register(Hub)
class HubAdmin(AuditedAdminMixin, admin.ModelAdmin[Hub]):
    list_display = ("name", "slug", "organisation", "country", "municipality")
    search_fields = ("name", "slug", "municipality")
    audit_create_action = AuditAction.HUB_CREATE
    audit_update_action = AuditAction.HUB_UPDATE


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("public_id", "user", "label", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("public_id", "user", "label", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # The raw token is shown once on creation; that happens in `manage.py create_api_token`.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        for token in queryset:
            api_token_revoke(token=token, actor=actor)
        self.message_user(request, _("Tokens revoked."), messages.SUCCESS)
