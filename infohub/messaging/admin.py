"""Channels in the admin: credentials are entered once and never shown again.

Conversations and messages are not in the admin: they are personal and reached through
the counsellors' inbox, which is scoped and audited.
"""

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from infohub.audit.admin_mixins import AuditedAdminMixin
from infohub.audit.models import AuditAction
from infohub.messaging.errors import MessagingError
from infohub.messaging.models import Channel
from infohub.messaging.services import checked_credentials, checked_languages


class ChannelAdminForm(forms.ModelForm[Channel]):
    api_base = forms.URLField(label=_("API base URL"), max_length=500, assume_scheme="https")
    new_credentials = forms.CharField(
        label=_("Credentials"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        help_text=_(
            "A JSON object with the keys this kind needs (see docs/messaging.md). Stored "
            "encrypted and never shown again; leave empty to keep the stored ones."
        ),
    )

    class Meta:
        model = Channel
        fields = ("hub", "kind", "name", "api_base", "languages", "is_enabled", "rate_per_minute")

    def clean_languages(self) -> str:
        codes = [code.strip() for code in self.cleaned_data["languages"].split(",")]
        try:
            return checked_languages(codes)
        except MessagingError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("new_credentials", "").strip()
        if not text:
            if self.instance.pk is None:
                self.add_error("new_credentials", _("A new channel needs its credentials."))
            return cleaned
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.add_error("new_credentials", _("Give a JSON object of text values."))
            return cleaned
        kind = cleaned.get("kind")
        try:
            cleaned["new_credentials"] = checked_credentials(kind, value) if kind else value
        except MessagingError as error:
            self.add_error("new_credentials", str(error))
        return cleaned

    def save(self, commit: bool = True) -> Channel:
        value = self.cleaned_data.get("new_credentials")
        if isinstance(value, dict):
            self.instance.credentials = json.dumps(value, sort_keys=True)
        return super().save(commit=commit)


@admin.register(Channel)
class ChannelAdmin(AuditedAdminMixin, admin.ModelAdmin[Channel]):
    form = ChannelAdminForm
    list_display = ("name", "kind", "hub", "languages", "is_enabled", "webhook_path")
    list_filter = ("kind", "is_enabled")
    search_fields = ("name",)
    readonly_fields = ("webhook_path",)
    audit_create_action = AuditAction.CHANNEL_CREATE
    audit_update_action = AuditAction.CHANNEL_UPDATE

    @admin.display(description=_("Webhook path"))
    def webhook_path(self, channel: Channel) -> str:
        return f"/channels/{channel.public_id}/receive" if channel.pk else "—"
