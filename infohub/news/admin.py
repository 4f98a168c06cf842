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

from infohub.audit.admin_mixins import AuditedAdminMixin, admin_actor
from infohub.audit.models import AuditAction
from infohub.news.errors import NewsError
from infohub.news.models import Alert, NewsItem
from infohub.news.services import news_check, news_create


class NewsItemAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = NewsItem
        fields = ("lang", "date", "title", "body", "countries", "tags")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("lang") and data.get("date") and data.get("title"):
            try:
                news_check(
                    lang=data["lang"],
                    date=data["date"],
                    title=data["title"],
                    countries=data.get("countries") or (),
                    tags=data.get("tags") or "",
                )
            except NewsError as error:
                raise forms.ValidationError(str(error)) from None
        return data


class AlertAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)

    class Meta:
        model = Alert
        fields = ("severity", "title", "body", "lang", "countries", "starts_at", "expires_at")


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin[NewsItem]):
    form = NewsItemAdminForm
    list_display = ("date", "title", "lang")
    list_filter = ("lang",)
    search_fields = ("title",)
    date_hierarchy = "date"

    # Imported items are records of what was published; their date and title are also
    # the import's idempotency key, so they are not edited afterwards.
    def has_change_permission(self, request: HttpRequest, obj: NewsItem | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: NewsItem | None = None) -> bool:
        return False  # audited: news items stay

    def save_model(self, request: HttpRequest, obj: NewsItem, form: Any, change: bool) -> None:
        # Only adding reaches here (there is no change permission), after the form ran
        # news_check; the service checks again inside the admin's transaction.
        data = form.cleaned_data
        created = news_create(
            lang=data["lang"],
            date=data["date"],
            title=data["title"],
            body=data["body"],
            countries=data["countries"],
            tags=data["tags"],
            actor=admin_actor(request),
        )
        obj.pk, obj.public_id = created.pk, created.public_id


@admin.register(Alert)
class AlertAdmin(AuditedAdminMixin, admin.ModelAdmin[Alert]):
    form = AlertAdminForm
    list_display = ("title", "severity", "lang", "starts_at", "expires_at")
    list_filter = ("severity", "lang")
    search_fields = ("title",)
    audit_create_action = AuditAction.ALERT_CREATE
    audit_update_action = AuditAction.ALERT_UPDATE
