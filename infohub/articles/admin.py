"""Editors' tools in the admin: review queue, due and needs-update lists, side-by-side translation.

Every write goes through the services, so versions, flags, search and audit stay right.
"""

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from infohub.articles.errors import ArticleError
from infohub.articles.forms import ArticleCreateForm, TranslationForm
from infohub.articles.models import Article, ArticleStatus, ArticleTranslation, Topic
from infohub.articles.selectors import article_pending_changes, translation_latest_text
from infohub.articles.services import (
    article_create,
    article_publish,
    article_transition,
    article_withdraw,
    translation_save,
)
from infohub.audit.admin_mixins import admin_actor
from infohub.editorial.admin import ReviewDueFilter
from infohub.editorial.diff import render_changes


class TranslationInline(admin.TabularInline[ArticleTranslation, Article]):
    model = ArticleTranslation
    fields = ("lang", "title", "live_number", "needs_update", "last_author", "updated_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # translations are written in the side-by-side view


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ("slug", "status", "live", "languages", "review_due", "last_reviewed_at")
    list_filter = ("status", "live", ReviewDueFilter, "topics")
    search_fields = ("slug", "translations__title")
    inlines = [TranslationInline]
    actions = ["submit_for_review", "publish", "archive", "back_to_draft"]
    readonly_fields = (
        "public_id",
        "status",
        "live",
        "review_due",
        "last_reviewed_at",
        "translate_links",
        "pending_changes",
    )

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is None:
            kwargs["form"] = ArticleCreateForm
        return super().get_form(request, obj, change, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return [TranslationInline] if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return (
                "slug",
                "source_language",
                "topics",
                "countries",
                "audience_list",
                "sources_text",
            )
        return (
            "public_id",
            "slug",
            "status",
            "live",
            "review_due",
            "last_reviewed_at",
            "translate_links",
            "pending_changes",
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # archive instead; history stays

    @admin.display(description=_("languages"))
    def languages(self, article: Article) -> str:
        return ", ".join(
            f"{t.lang}{'*' if t.needs_update else ''}" for t in article.translations.all()
        )

    @admin.display(description=_("translations"))
    def translate_links(self, article: Article) -> str:
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:articles_article_translate", args=[article.pk, code]), code)
                for code in settings.INFOHUB_CONTENT_LANGUAGES
            ),
        )

    @admin.display(description=_("changes to publish"))
    def pending_changes(self, article: Article) -> SafeString:
        return render_changes(article_pending_changes(article=article))

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        if change:
            return  # metadata changes come from imports; the form shows them read-only
        data = form.cleaned_data
        created = article_create(
            slug=data["slug"],
            source_language=data["source_language"],
            topics=[t.slug for t in data["topics"]],
            countries=data["countries"],
            audience=data["audience_list"],
            sources=data["sources_text"],
            actor=admin_actor(request),
        )
        obj.pk, obj.public_id = created.pk, created.public_id

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # topics were set by article_create

    def get_urls(self) -> list[Any]:
        translate = self.admin_site.admin_view(self.translate_view)
        return [
            path("<int:pk>/translate/<str:lang>/", translate, name="articles_article_translate"),
            *super().get_urls(),
        ]

    def translate_view(self, request: HttpRequest, pk: int, lang: str) -> HttpResponse:
        """Edit one translation beside the source text."""
        if not self.has_change_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        article = get_object_or_404(Article, pk=pk)
        source = article.translations.filter(lang=article.source_language).first()
        current = article.translations.filter(lang=lang).first()
        # The form starts from the latest revision; the live text changes only on publishing.
        initial = None
        if current is not None:
            initial = dict(
                zip(("title", "summary", "body"), translation_latest_text(current), strict=True)
            )
        form = TranslationForm(request.POST or None, instance=current, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                translation_save(
                    article=article, lang=lang, author=admin_actor(request), **form.cleaned_data
                )
            except ArticleError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("Translation saved."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "article": article,
            "lang": lang,
            "source": source,
            "current": current,
            "form": form,
            "changes": render_changes(
                [c for c in article_pending_changes(article=article) if c.lang == lang]
            ),
            "opts": self.model._meta,
        }
        return render(request, "admin/articles/translate.html", context)

    def _run(self, request: HttpRequest, queryset: QuerySet[Article], step: Any) -> None:
        done = 0
        for article in queryset:
            try:
                step(article)
                done += 1
            except ArticleError as error:
                self.message_user(request, f"{article.slug}: {error}", messages.ERROR)
        if done:
            self.message_user(request, _("%(count)d article(s) updated.") % {"count": done})

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._run(
            request,
            queryset,
            lambda a: article_transition(
                article=a, to=ArticleStatus.IN_REVIEW, actor=admin_actor(request)
            ),
        )

    @admin.action(description=_("Publish (I reviewed them)"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        reviewer = admin_actor(request)
        if reviewer is None:
            return
        self._run(request, queryset, lambda a: article_publish(article=a, reviewer=reviewer))

    @admin.action(description=_("Withdraw (archive: takes them offline)"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._run(
            request, queryset, lambda a: article_withdraw(article=a, actor=admin_actor(request))
        )

    @admin.action(description=_("Back to draft"))
    def back_to_draft(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._run(
            request,
            queryset,
            lambda a: article_transition(
                article=a, to=ArticleStatus.DRAFT, actor=admin_actor(request)
            ),
        )


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin[Topic]):
    list_display = ("slug", "names")
    readonly_fields = ("slug", "names")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # topics arrive with imported articles and the demo data

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
