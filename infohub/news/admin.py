"""Admin for news items and alerts; every save is audited.

News items can be added and viewed but not changed (their date and title are the
import's idempotency key). Alerts follow the editorial workflow: their texts, one per
language, are revisions that a second editor publishes, beside a diff against the live
text; when and where an alert applies is changed directly. Nothing is deleted here.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from infohub.articles.models import Topic
from infohub.audit.admin_mixins import admin_actor
from infohub.editorial.admin import ReviewDueFilter
from infohub.editorial.diff import change_of, render_changes
from infohub.editorial.workflow import EditorialStatus
from infohub.news.errors import AlertError, NewsError
from infohub.news.models import Alert, AlertTranslation, NewsItem
from infohub.news.services import (
    alert_create,
    alert_publish,
    alert_transition,
    alert_translation_save,
    alert_update,
    alert_withdraw,
    news_check,
    news_create,
)


class NewsItemAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)
    source_url = forms.URLField(
        label=_("source URL"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the item was first published, when known."),
    )

    class Meta:
        model = NewsItem
        fields = ("lang", "date", "title", "body", "countries", "tags", "source_url")

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
    """Where and when an alert applies; a new alert also gets its first text."""

    topics = forms.ModelMultipleChoiceField(
        label=_("topics"), queryset=Topic.objects.all(), required=False
    )

    class Meta:
        model = Alert
        fields = ("severity", "countries", "topics", "starts_at", "expires_at")


class AlertAddForm(AlertAdminForm):
    lang = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(label=_("body"), widget=forms.Textarea, required=False)


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
            source_url=data.get("source_url") or "",
            actor=admin_actor(request),
        )
        obj.pk, obj.public_id = created.pk, created.public_id


class AlertTranslationInline(admin.StackedInline[AlertTranslation, Alert]):
    """Each language's latest text; saving one makes a revision, published by a second editor."""

    model = AlertTranslation
    fields = ("lang", "title", "body", "is_live", "last_author")
    readonly_fields = ("is_live", "last_author")
    extra = 1
    can_delete = False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin[Alert]):
    form = AlertAdminForm
    list_display = ("__str__", "title", "severity", "status", "live", "starts_at", "expires_at")
    list_filter = ("severity", "status", "live", ReviewDueFilter, "topics")
    search_fields = ("translations__title",)
    readonly_fields = ("status", "live", "published_at", "last_reviewed_by", "pending_changes")
    actions = ("submit_for_review", "publish", "archive", "back_to_draft")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = AlertAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = ("severity", "countries", "topics", "starts_at", "expires_at")
        if obj is None:
            return ("lang", "title", "body", *fields)
        return (*fields, "status", "live", "published_at", "last_reviewed_by", "pending_changes")

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return [AlertTranslationInline] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # withdraw instead; history stays

    @admin.display(description=_("title"))
    def title(self, alert: Alert) -> str:
        first = next(iter(alert.translations.all()), None)
        return first.title if first else ""

    @admin.display(description=_("changes to publish"))
    def pending_changes(self, alert: Alert) -> SafeString:
        labels = (gettext("Title"), gettext("Body"))
        changes = []
        for t in alert.translations.all():
            texts = (t.live_title, t.live_body)
            live = list(zip(labels, texts, strict=True)) if t.is_live else None
            proposed = list(zip(labels, (t.title, t.body), strict=True))
            change = change_of(lang=t.lang, live=live, proposed=proposed)
            if change is not None:
                changes.append(change)
        return render_changes(changes)

    def save_model(self, request: HttpRequest, obj: Alert, form: Any, change: bool) -> None:
        data = form.cleaned_data
        slugs = [topic.slug for topic in data.get("topics") or ()]
        if change:
            if form.has_changed():
                alert_update(
                    alert=obj,
                    severity=data["severity"],
                    starts_at=data["starts_at"],
                    expires_at=data["expires_at"],
                    countries=data["countries"],
                    topics=slugs,
                    actor=admin_actor(request),
                )
            return
        created = alert_create(
            severity=data["severity"],
            title=data["title"],
            body=data["body"],
            lang=data["lang"],
            starts_at=data["starts_at"],
            expires_at=data["expires_at"],
            countries=data["countries"],
            topics=slugs,
            actor=admin_actor(request),
        )
        obj.pk, obj.public_id = created.pk, created.public_id

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Topics were set by the services; each changed text becomes a revision.
        alert = form.instance
        for formset in formsets:
            # Read by the admin's change message; the services did the saving.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for inline in formset.forms:
                if not inline.has_changed() or not inline.cleaned_data.get("lang"):
                    continue
                alert_translation_save(
                    alert=alert,
                    lang=inline.cleaned_data["lang"],
                    title=inline.cleaned_data["title"],
                    body=inline.cleaned_data.get("body") or "",
                    author=admin_actor(request),
                )

    def _run(
        self, request: HttpRequest, queryset: QuerySet[Alert], step: Callable[[Alert], Any]
    ) -> None:
        done = 0
        for alert in queryset:
            try:
                step(alert)
                done += 1
            except AlertError as error:
                self.message_user(request, f"{alert}: {error}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d alert(s) updated.") % {"count": done})

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Alert]) -> None:
        actor = admin_actor(request)
        self._run(
            request,
            queryset,
            lambda a: alert_transition(alert=a, to=EditorialStatus.IN_REVIEW, actor=actor),
        )

    @admin.action(description=_("Publish (I reviewed them)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Alert]) -> None:
        reviewer = admin_actor(request)
        if reviewer is not None:
            self._run(request, queryset, lambda a: alert_publish(alert=a, reviewer=reviewer))

    @admin.action(description=_("Withdraw (archive: takes them offline)"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Alert]) -> None:
        actor = admin_actor(request)
        self._run(request, queryset, lambda a: alert_withdraw(alert=a, actor=actor))

    @admin.action(description=_("Back to draft"))
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet[Alert]) -> None:
        actor = admin_actor(request)
        self._run(
            request,
            queryset,
            lambda a: alert_transition(alert=a, to=EditorialStatus.DRAFT, actor=actor),
        )
