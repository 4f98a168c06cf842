"""Admin for staff, organisations, hubs and tokens; every save is audited."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from infohub.accounts.authentication import second_factor_reset
from infohub.accounts.enrolment import enrolment_link_issue, link_hours
from infohub.accounts.errors import ProvisioningError
from infohub.accounts.forms import HubAdminForm, MembershipAdminForm
from infohub.accounts.models import ApiToken, Hub, Membership, Organisation, User
from infohub.accounts.services import api_token_revoke, role_grant, role_revoke
from infohub.audit.admin_mixins import AuditedAdminMixin, admin_actor
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    form = MembershipAdminForm
    extra = 0
    fields = ("role", "hub", "organisation")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A role is granted or revoked, never edited in place: both are audited.
        return False


@admin.register(User)
class StaffAdmin(AuditedAdminMixin, UserAdmin[User]):
    inlines = [MembershipInline]
    list_display = ("username", "is_active", "is_staff", "last_login")
    actions = ["reset_authenticator", "issue_enrolment_link"]
    audit_create_action = AuditAction.STAFF_CREATE
    audit_update_action = AuditAction.STAFF_UPDATE

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        new_memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            role_revoke(membership=membership, actor=admin_actor(request))
        for membership in new_memberships:
            role_grant(
                user=form.instance,
                role=membership.role,
                hub=membership.hub,
                organisation=membership.organisation,
                actor=admin_actor(request),
            )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, id)
                if user is not None:
                    audit_record(
                        actor=admin_actor(request), action=AuditAction.PASSWORD_SET, target=user
                    )
        return response

    @admin.action(description=_("Reset the authenticator (lost phone) and issue an enrolment link"))
    def reset_authenticator(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse:
        for user in queryset:
            second_factor_reset(user=user, actor=admin_actor(request))
        return self._enrolment_links(request, queryset, reset=True)

    @admin.action(description=_("Issue a new enrolment link"))
    def issue_enrolment_link(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse:
        return self._enrolment_links(request, queryset, reset=False)

    def _enrolment_links(
        self, request: HttpRequest, queryset: QuerySet[User], *, reset: bool
    ) -> HttpResponse:
        """Issue a link per account and show them once, on a page no cache keeps."""
        links, refused = [], []
        for user in queryset.order_by("username"):
            try:
                issued = enrolment_link_issue(user=user, actor=admin_actor(request))
            except ProvisioningError as error:
                refused.append((user.username, str(error)))
            else:
                links.append((user.username, issued.url))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "links": links,
            "refused": refused,
            "reset": reset,
            "hours": link_hours(),
        }
        response = TemplateResponse(request, "admin/accounts/enrolment_links.html", context)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response


# Authenticators are reset through the audited staff action above, not edited directly.
admin.site.unregister(TOTPDevice)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin[Organisation]):
    list_display = ("name", "slug", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    audit_create_action = AuditAction.ORGANISATION_CREATE
    audit_update_action = AuditAction.ORGANISATION_UPDATE


@admin.register(Hub)
class HubAdmin(AuditedAdminMixin, admin.ModelAdmin[Hub]):
    form = HubAdminForm
    list_display = (
        "name",
        "slug",
        "organisation",
        "country",
        "municipality",
        "time_zone",
        "is_active",
    )
    list_filter = ("is_active",)
    search_fields = ("name", "slug", "municipality")
    # The directory has thousands of places: pick them by id, not from a list.
    raw_id_fields = ("location", "service")
    audit_create_action = AuditAction.HUB_CREATE
    audit_update_action = AuditAction.HUB_UPDATE


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = (
        "public_id", "user", "label", "created_at", "expires_at", "last_used_at", "revoked_at"
    )  # fmt: skip
    readonly_fields = (
        "public_id", "user", "label", "scopes", "created_at", "expires_at", "last_used_at",
        "revoked_at",
    )  # fmt: skip
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # The raw token is shown once on creation; that happens in `manage.py create_api_token`.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            api_token_revoke(token=token, actor=admin_actor(request))
        self.message_user(request, _("Tokens revoked."), messages.SUCCESS)
