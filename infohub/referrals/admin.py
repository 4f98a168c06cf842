"""Data-sharing agreements, kept by superusers: which person fields each provider receives.

Every save is audited. Referrals themselves are not in the admin: they hold personal
data and are seen only through the scoped staff pages.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from infohub.audit.admin_mixins import AuditedAdminMixin
from infohub.audit.models import AuditAction
from infohub.referrals.errors import ReferralError
from infohub.referrals.models import SharedField, SharingAgreement
from infohub.referrals.schemas import shared_fields


class SharingAgreementForm(forms.ModelForm[SharingAgreement]):
    fields = forms.MultipleChoiceField(  # type: ignore[assignment]
        label=_("shared fields"),
        choices=SharedField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = SharingAgreement
        fields = ("provider", "reference", "fields")

    def clean_fields(self) -> list[str]:
        # Stored in SharedField order, as sharing_agreement_set stores them.
        chosen = self.cleaned_data["fields"]
        try:
            return shared_fields([name for name in SharedField.values if name in chosen])
        except ReferralError as error:
            raise forms.ValidationError(str(error)) from None


@admin.register(SharingAgreement)
class SharingAgreementAdmin(AuditedAdminMixin, admin.ModelAdmin[SharingAgreement]):
    form = SharingAgreementForm
    audit_create_action = AuditAction.SHARING_AGREEMENT_CREATE
    audit_update_action = AuditAction.SHARING_AGREEMENT_UPDATE
    list_display = ("provider", "reference", "updated_at")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)
