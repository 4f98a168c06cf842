from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from infohub.accounts.models import ApiToken, Hub, Membership, Organisation, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    fields = ("role", "hub", "organisation")


@admin.register(User)
class StaffAdmin(UserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ("username", "is_active", "is_staff", "last_login")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "slug", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "slug")


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin[Hub]):
    list_display = ("name", "slug", "organisation", "country", "municipality")
    list_filter = ("country",)
    search_fields = ("name", "slug", "municipality")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("public_id", "user", "label", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("public_id", "user", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Tokens are shown once on creation; that happens in `manage.py create_api_token`.
        return False
