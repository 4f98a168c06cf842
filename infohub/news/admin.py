"""Admin for news items and alerts; every save is audited.

News items can be added and viewed but not changed (their date and title are the
import's idempotency key); alerts can be added and changed. Nothing is deleted here.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from infohub.audit.admin_mixins import AuditedAdminMixin
from infohub.audit.models import AuditAction
from infohub.news.models import Alert, NewsItem
from infohub.news.services import news_fingerprint
from infohub.search.changes import search_change_record
from infohub.search.models import SearchDocumentKind


class NewsItemAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = NewsItem
        fields = ("lang", "date", "title", "body", "countries", "tags")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("lang") and data.get("date") and data.get("title"):
            self.instance.fingerprint = news_fingerprint(
                lang=data["lang"], date=data["date"], title=data["title"]
            )
            others = NewsItem.objects.filter(fingerprint=self.instance.fingerprint)
            if others.exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(
                    _("A news item with this date and title exists in this language.")
                )
        return data


class AlertAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = Alert
        fields = ("severity", "title", "body", "lang", "countries", "starts_at", "expires_at")


@admin.register(NewsItem)
class NewsItemAdmin(AuditedAdminMixin, admin.ModelAdmin[NewsItem]):
    form = NewsItemAdminForm
    list_display = ("date", "title", "lang")
    list_filter = ("lang",)
    search_fields = ("title",)
    date_hierarchy = "date"
    audit_create_action = AuditAction.NEWS_CREATE
    audit_update_action = AuditAction.NEWS_UPDATE

    # Imported items are records of what was published; their date and title are also
    # the import's idempotency key, so they are not edited afterwards.
    def has_change_permission(self, request: HttpRequest, obj: NewsItem | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: NewsItem, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        search_change_record(kind=SearchDocumentKind.NEWS, object_id=obj.public_id)


@admin.register(Alert)
class AlertAdmin(AuditedAdminMixin, admin.ModelAdmin[Alert]):
    form = AlertAdminForm
    list_display = ("title", "severity", "lang", "starts_at", "expires_at")
    list_filter = ("severity", "lang")
    search_fields = ("title",)
    audit_create_action = AuditAction.ALERT_CREATE
    audit_update_action = AuditAction.ALERT_UPDATE
