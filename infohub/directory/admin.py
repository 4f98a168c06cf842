"""Editors' moderation queues in the admin: proposed listing changes and service feedback.

Both are open to editors and superusers only, whatever model permissions an account
has, and every decision goes through the services, which apply it and audit it. Nothing
can be added or deleted here. Links between provider organisations and directory
organizations are managed by superusers.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from infohub.audit.admin_mixins import AuditedAdminMixin, admin_actor
from infohub.audit.models import AuditAction
from infohub.directory.errors import DirectoryError, ProposalError
from infohub.directory.listings.forms import ListingChangeForm
from infohub.directory.listings.proposals import parse_changes
from infohub.directory.listings.selectors import listing_current_values, user_is_listing_moderator
from infohub.directory.listings.services import (
    listing_change_approve,
    listing_change_reject,
    service_feedback_moderate,
)
from infohub.directory.models import (
    ListingChangeProposal,
    ModerationStatus,
    ProviderLink,
    ServiceFeedback,
)


class ModeratorOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Seen and used by moderators only; no adding, no deleting."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_is_listing_moderator(user=request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_is_listing_moderator(user=request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_is_listing_moderator(user=request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Every field is read-only: decisions are made with the actions, never by saving.
        context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, context)

    def _decide(self, request: HttpRequest, items: Any, decide: Any) -> None:
        reviewer = admin_actor(request)
        if reviewer is None:
            raise PermissionDenied
        done = 0
        for item in items:
            try:
                if decide(item, reviewer) is not False:
                    done += 1
            except DirectoryError as error:
                self.message_user(request, f"{item.public_id}: {error}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d item(s) updated.") % {"count": done})


_LABELS = {name: field.label for name, field in ListingChangeForm.base_fields.items()}


def _shown(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value or "")


@admin.register(ListingChangeProposal)
class ListingChangeProposalAdmin(ModeratorOnlyAdmin):
    list_display = ("service_name", "changed_fields", "lang", "source", "status", "created_at")
    list_filter = ("status", "source", "lang")
    search_fields = ("service__name",)
    list_select_related = ("service",)
    fields = (
        "service_name",
        "status",
        "source",
        "proposed_by",
        "created_at",
        "lang",
        "comparison",
        "reviewed_by",
        "reviewed_at",
    )
    readonly_fields = fields
    actions = ["approve", "reject"]
    change_form_template = "admin/directory/listingchangeproposal/change_form.html"

    @admin.display(description=_("service"), ordering="service__name")
    def service_name(self, proposal: ListingChangeProposal) -> str:
        return proposal.service.name

    @admin.display(description=_("changes"))
    def changed_fields(self, proposal: ListingChangeProposal) -> str:
        try:
            changes = parse_changes(proposal.changes).as_json()
        except ProposalError as error:
            return str(error)
        return ", ".join(str(_LABELS.get(name, name)) for name in changes)

    @admin.display(description=_("proposed changes"))
    def comparison(self, proposal: ListingChangeProposal) -> str:
        try:
            changes = parse_changes(proposal.changes).as_json()
        except ProposalError as error:
            return str(error)
        current = listing_current_values(service=proposal.service, lang=proposal.lang)
        rows = format_html_join(
            "",
            '<tr><th>{}</th><td class="current">{}</td><td class="proposed">{}</td></tr>',
            (
                (_LABELS.get(name, name), _shown(current.get(name)), _shown(value))
                for name, value in changes.items()
            ),
        )
        return format_html(
            "<table><thead><tr><th></th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody>"
            "</table>",
            _("now"),
            _("proposed"),
            rows,
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        proposal = self.get_object(request, object_id)
        if proposal is None or not self.has_view_permission(request, proposal):
            raise Http404
        if request.method == "POST" and ("_approve" in request.POST or "_reject" in request.POST):
            if not self.has_change_permission(request, proposal):
                raise PermissionDenied
            decide = listing_change_approve if "_approve" in request.POST else listing_change_reject
            self._decide(request, [proposal], lambda p, r: decide(proposal=p, reviewer=r))
            return HttpResponseRedirect(reverse("admin:directory_listingchangeproposal_changelist"))
        context = {
            **(extra_context or {}),
            "review_buttons": proposal.status == ModerationStatus.PENDING,
        }
        return super().change_view(request, object_id, form_url, context)

    @admin.action(description=_("Approve and apply"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[ListingChangeProposal]) -> None:
        self._decide(request, queryset, lambda p, r: listing_change_approve(proposal=p, reviewer=r))

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request: HttpRequest, queryset: QuerySet[ListingChangeProposal]) -> None:
        self._decide(request, queryset, lambda p, r: listing_change_reject(proposal=p, reviewer=r))


@admin.register(ServiceFeedback)
class ServiceFeedbackAdmin(ModeratorOnlyAdmin):
    list_display = ("service_name", "rating", "comment_start", "lang", "status", "created_at")
    list_filter = ("status", "rating", "lang")
    search_fields = ("comment", "service__name")
    list_select_related = ("service",)
    # The client key is for rate limiting only and is never shown.
    fields = (
        "service_name",
        "rating",
        "comment",
        "lang",
        "status",
        "created_at",
        "reviewed_by",
        "reviewed_at",
    )
    readonly_fields = fields
    actions = ["approve", "reject"]

    @admin.display(description=_("service"), ordering="service__name")
    def service_name(self, feedback: ServiceFeedback) -> str:
        return feedback.service.name

    @admin.display(description=_("comment"))
    def comment_start(self, feedback: ServiceFeedback) -> str:
        return feedback.comment[:80] + ("…" if len(feedback.comment) > 80 else "")

    def _moderate(
        self, request: HttpRequest, queryset: QuerySet[ServiceFeedback], status: ModerationStatus
    ) -> None:
        self._decide(
            request,
            queryset,
            lambda f, r: service_feedback_moderate(feedback=f, status=status, reviewer=r),
        )

    @admin.action(description=_("Approve (publish the comment)"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[ServiceFeedback]) -> None:
        self._moderate(request, queryset, ModerationStatus.APPROVED)

    @admin.action(
        description=_("Reject (hide it and leave the rating out)"), permissions=["change"]
    )
    def reject(self, request: HttpRequest, queryset: QuerySet[ServiceFeedback]) -> None:
        self._moderate(request, queryset, ModerationStatus.REJECTED)


@admin.register(ProviderLink)
class ProviderLinkAdmin(AuditedAdminMixin):
    """Which provider organisation runs which directory organization; superusers only."""

    audit_create_action = AuditAction.PROVIDER_LINK_CREATE
    audit_update_action = AuditAction.PROVIDER_LINK_UPDATE
    list_display = ("organization", "organisation", "created_at")
    list_select_related = ("organization", "organisation")
    raw_id_fields = ("organization",)
    search_fields = ("organization__name", "organisation__name")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)
