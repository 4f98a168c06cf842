"""Editors' tools for pathways: the review queue and workflow actions, translations.

Rules, documents, fees and sources are edited in the pathways file and imported
(``import_pathways``), where every rule is checked against the questions; the admin
shows them read-only. Every write goes through the services, so search and audit
stay right.
"""

import json
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from infohub.audit.admin_mixins import admin_actor
from infohub.editorial.admin import ReviewDueFilter
from infohub.editorial.diff import change_of, render_changes
from infohub.editorial.workflow import EditorialStatus
from infohub.pathways.errors import PathwayError
from infohub.pathways.forms import PathwayTranslationForm
from infohub.pathways.models import Pathway, PathwayTranslation, Question
from infohub.pathways.services import (
    pathway_publish,
    pathway_transition,
    pathway_translation_save,
    pathway_withdraw,
    translation_latest_texts,
)


class NoAddOrDelete:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Pathway)
class PathwayAdmin(NoAddOrDelete, admin.ModelAdmin[Pathway]):
    list_display = ("slug", "country", "category", "status", "live", "review_due", "last_verified")
    list_filter = ("status", "live", ReviewDueFilter, "country", "category")
    search_fields = ("slug", "translations__title")
    fields = (
        "slug", "country", "category", "status", "live", "source_language", "rule", "documents",
        "fees", "processing_days", "sources", "apply_at", "last_verified", "review_due",
        "last_reviewed_at", "last_reviewed_by",
    )  # fmt: skip
    readonly_fields = fields
    actions = ("submit_for_review", "publish", "archive", "back_to_draft")

    def save_model(self, request: HttpRequest, obj: Pathway, form: Any, change: bool) -> None:
        pass  # every field is read-only here; changes go through the actions or an import

    @admin.display(description=_("eligibility rule"))
    def rule(self, pathway: Pathway) -> SafeString:
        return format_html("<pre>{}</pre>", json.dumps(pathway.eligibility, indent=2))

    def _run(
        self, request: HttpRequest, queryset: QuerySet[Pathway], step: Callable[[Pathway], Any]
    ) -> None:
        done = 0
        for pathway in queryset:
            try:
                step(pathway)
                done += 1
            except PathwayError as error:
                self.message_user(request, f"{pathway.slug}: {error}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d pathway(s) updated.") % {"count": done})

    def _move(self, request: HttpRequest, queryset: QuerySet[Pathway], to: str) -> None:
        actor = admin_actor(request)
        if actor is not None:
            self._run(
                request, queryset, lambda p: pathway_transition(pathway=p, to=to, actor=actor)
            )

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Pathway]) -> None:
        self._move(request, queryset, EditorialStatus.IN_REVIEW)

    @admin.action(description=_("Publish (I reviewed them)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Pathway]) -> None:
        reviewer = admin_actor(request)
        if reviewer is not None:
            self._run(request, queryset, lambda p: pathway_publish(pathway=p, reviewer=reviewer))

    @admin.action(description=_("Withdraw (archive: takes them offline)"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Pathway]) -> None:
        actor = admin_actor(request)
        if actor is not None:
            self._run(request, queryset, lambda p: pathway_withdraw(pathway=p, actor=actor))

    @admin.action(description=_("Back to draft"))
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet[Pathway]) -> None:
        self._move(request, queryset, EditorialStatus.DRAFT)


@admin.register(PathwayTranslation)
class PathwayTranslationAdmin(NoAddOrDelete, admin.ModelAdmin[PathwayTranslation]):
    form = PathwayTranslationForm
    list_display = ("pathway", "lang", "title", "needs_update", "updated_at")
    list_filter = ("lang", "needs_update")
    search_fields = ("pathway__slug", "title")
    fields = (
        "pathway", "lang", "title", "summary", "steps_text", "is_live", "needs_update",
        "last_author", "pending_changes",
    )  # fmt: skip
    readonly_fields = (
        "pathway",
        "lang",
        "is_live",
        "needs_update",
        "last_author",
        "pending_changes",
    )

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        """The form edits the latest revision: the proposed texts when there are some."""
        translation = super().get_object(request, object_id, from_field)
        if translation is not None:
            live = (translation.title, translation.summary, translation.steps)
            setattr(translation, "live_texts", live)  # noqa: B010 - for pending_changes
            latest = translation_latest_texts(translation)
            translation.title, translation.summary = latest["title"], latest["summary"]
            translation.steps = latest["steps"]
        return translation

    @admin.display(description=_("changes to publish"))
    def pending_changes(self, translation: PathwayTranslation) -> SafeString:
        labels = (gettext("Title"), gettext("Summary"), gettext("Steps"))
        title, summary, steps = getattr(
            translation, "live_texts", (translation.title, translation.summary, translation.steps)
        )
        live = list(zip(labels, (title, summary, "\n".join(steps)), strict=True))
        latest = translation_latest_texts(translation)
        proposed = list(
            zip(
                labels,
                (latest["title"], latest["summary"], "\n".join(latest["steps"])),
                strict=True,
            )
        )
        change = change_of(
            lang=translation.lang,
            live=live if translation.is_live and translation.pathway.live else None,
            proposed=proposed,
        )
        return render_changes([change] if change else [])

    def save_model(
        self, request: HttpRequest, obj: PathwayTranslation, form: Any, change: bool
    ) -> None:
        author = admin_actor(request)
        if author is None:
            return
        try:
            pathway_translation_save(
                pathway=obj.pathway,
                lang=obj.lang,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                steps=form.cleaned_data["steps_text"].splitlines(),
                author=author,
            )
        except PathwayError as error:
            self.message_user(request, str(error), messages.ERROR)


@admin.register(Question)
class QuestionAdmin(NoAddOrDelete, admin.ModelAdmin[Question]):
    list_display = ("key", "type", "position")
    fields = ("key", "type", "choices", "minimum", "maximum", "position", "translations")
    readonly_fields = fields

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        pass  # questions change through an import, which checks every rule that uses them
