"""Audit for writes made in the Django admin.

The admin saves inside its own transaction (``changeform_view`` is atomic), so the
audit row written here commits or rolls back with the change.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest

from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record

if TYPE_CHECKING:
    # django-stubs resolves this alias to the AUTH_USER_MODEL, so callers get the
    # project's user type while the audit app imports no other app.
    from django.contrib.auth.models import _User


class AuditedAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Records ``audit_create_action`` or ``audit_update_action`` on every admin save."""

    audit_create_action: AuditAction
    audit_update_action: AuditAction

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        action = self.audit_update_action if change else self.audit_create_action
        audit_record(actor=admin_actor(request), action=action, target=obj)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        # Audited objects are deactivated or archived, never deleted from the admin.
        return False


def admin_actor(request: HttpRequest) -> "_User | None":
    """Return the signed-in staff account of an admin request, if any."""
    return request.user if isinstance(request.user, get_user_model()) else None
