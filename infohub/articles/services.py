"""Writes for the knowledge base: articles, translations, the editorial workflow.

Every function validates, writes, logs the search change and the audit row in one
transaction. The workflow is ``infohub.editorial``'s: saving a change to a published
article adds a revision beside the live text, which stays public until a second person
publishes the revision; only withdrawing takes an article offline.
"""

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries as known_countries

from infohub.accounts.models import User
from infohub.articles.errors import ArticleError
from infohub.articles.models import (
    Article,
    ArticlePublication,
    ArticleStatus,
    ArticleTranslation,
    ArticleTranslationVersion,
    Audience,
    Topic,
)
from infohub.articles.rendering import render_markdown
from infohub.articles.schemas import ARTICLE_SOURCES, TOPIC_NAMES
from infohub.articles.searching import KIND as SEARCH_KIND
from infohub.articles.selectors import translation_latest_text
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.core.json_schemas import parse
from infohub.editorial import steps
from infohub.editorial.errors import EditorialError
from infohub.editorial.workflow import can_transition
from infohub.search.changes import search_change_record


def _check_language(lang: str) -> None:
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise ArticleError(
            _("%(lang)s is not an enabled content language (%(enabled)s).")
            % {"lang": lang, "enabled": ", ".join(settings.INFOHUB_CONTENT_LANGUAGES)}
        )


def clean_metadata(
    *, countries: Iterable[str], audience: Iterable[str], sources: Iterable[str]
) -> tuple[list[str], str, list[str]]:
    """Validate country codes, audiences and source URLs; return them normalised."""
    codes = [c.upper() for c in countries]
    for code in codes:
        if code not in known_countries:
            raise ArticleError(_("%(code)s is not an ISO 3166 country code.") % {"code": code})
    audiences = list(audience)
    for value in audiences:
        if value not in Audience.values:
            raise ArticleError(
                _("Unknown audience %(value)s; use one of: %(values)s.")
                % {"value": value, "values": ", ".join(Audience.values)}
            )
    urls = list(sources)
    for url in urls:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ArticleError(_("%(url)s is not a valid web address.") % {"url": url}) from None
    return (
        codes,
        ",".join(audiences),
        parse(ARTICLE_SOURCES, urls, field="sources", error=ArticleError),
    )


def topics_ensure(slugs: Iterable[str]) -> list[Topic]:
    """The topics with these slugs, created (named by their slug) when new."""
    return [Topic.objects.get_or_create(slug=slug)[0] for slug in slugs]


def article_create(
    *,
    slug: str,
    source_language: str,
    topics: Iterable[str] = (),
    countries: Iterable[str] = (),
    audience: Iterable[str] = (),
    sources: Iterable[str] = (),
    actor: User | None = None,
    public_id: uuid.UUID | None = None,
) -> Article:
    _check_language(source_language)
    codes, audience_text, urls = clean_metadata(
        countries=countries, audience=audience, sources=sources
    )
    if Article.objects.filter(slug=slug).exists():
        raise ArticleError(_("An article with slug %(slug)s exists.") % {"slug": slug})
    with transaction.atomic():
        article = Article.objects.create(
            public_id=public_id or uuid.uuid4(),
            slug=slug,
            source_language=source_language,
            countries=",".join(codes),
            audience=audience_text,
            sources=urls,
        )
        article.topics.set(topics_ensure(topics))
        audit_record(actor=actor, action=AuditAction.ARTICLE_CREATE, target=article)
    return article


def translation_save(
    *,
    article: Article,
    lang: str,
    title: str,
    summary: str,
    body: str,
    author: User | None,
) -> ArticleTranslation:
    """Save a translation as a new version; editing the source flags the others."""
    _check_language(lang)
    if not title.strip() or not body.strip():
        raise ArticleError(_("A translation needs a title and a body."))
    with transaction.atomic():
        # The article first, as publishing locks it: the same order never deadlocks.
        steps.lock(article)
        translation, created = ArticleTranslation.objects.select_for_update().get_or_create(
            article=article,
            lang=lang,
            defaults={"title": title, "summary": summary, "body": body},
        )
        latest = translation_latest_text(translation)
        changed = created or latest != (title, summary, body)
        if not changed:
            return translation
        if translation.live_number is None:
            # Not public yet: the row holds the latest text.
            translation.title, translation.summary, translation.body = title, summary, body
            translation.body_html = render_markdown(body)
        else:
            render_markdown(body)  # a body that cannot be rendered is refused now
        translation.last_author = author
        translation.needs_update = False
        translation.save()
        number = translation.versions.count() + 1
        ArticleTranslationVersion.objects.create(
            translation=translation,
            number=number,
            title=title,
            summary=summary,
            body=body,
            author=author,
        )
        if lang == article.source_language and not created:
            article.translations.exclude(pk=translation.pk).update(needs_update=True)
        if article.status == ArticleStatus.PUBLISHED:
            steps.start_revision(article)
            article.save(update_fields=["status", "updated_at"])
        audit_record(actor=author, action=AuditAction.ARTICLE_TRANSLATION_SAVE, target=article)
    return translation


def article_transition(*, article: Article, to: ArticleStatus, actor: User | None) -> Article:
    """Move an article along the workflow; its live version stays public.

    Publishing goes through article_publish; archiving is article_withdraw's.
    """
    if to == ArticleStatus.ARCHIVED:
        return article_withdraw(article=article, actor=actor)
    with transaction.atomic():
        steps.lock(article)
        try:
            steps.move(article, to)
        except EditorialError as error:
            raise ArticleError(str(error)) from None
        article.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditAction.ARTICLE_TRANSITION, target=article)
    return article


def article_withdraw(*, article: Article, actor: User | None) -> Article:
    """Archive an article: it leaves the portal, search and the API until republished."""
    with transaction.atomic():
        steps.lock(article)
        try:
            was_live = steps.withdraw(article)
        except EditorialError as error:
            raise ArticleError(str(error)) from None
        article.save(update_fields=["status", "live", "updated_at"])
        if was_live:
            search_change_record(kind=SEARCH_KIND, object_id=article.public_id)
        audit_record(actor=actor, action=AuditAction.ARTICLE_WITHDRAW, target=article)
    return article


def article_publish(*, article: Article, reviewer: User) -> Article:
    """Make the latest revision live; the reviewer must not be its last author."""
    with transaction.atomic():
        steps.lock(article)
        if not can_transition(article.status, ArticleStatus.PUBLISHED):
            raise ArticleError(_("Only an article in review can be published."))
        translations = list(article.translations.all())
        try:
            steps.check_reviewer(
                obj=article,
                reviewer_id=reviewer.pk,
                authors=[t.last_author_id for t in translations],
            )
        except EditorialError as error:
            raise ArticleError(str(error)) from None
        if not translations:
            raise ArticleError(_("An article needs at least one translation to be published."))
        return _publish(article=article, reviewer=reviewer, imported=False)


def article_publish_imported(*, article: Article) -> Article:
    """Publish an article that arrives already reviewed, from an import."""
    return _publish(article=article, reviewer=None, imported=True)


def _make_latest_live(translation: ArticleTranslation) -> None:
    latest = translation.versions.first()  # versions come newest first
    if latest is None:
        if translation.live_number is None:
            translation.live_number = 0
            translation.save(update_fields=["live_number", "updated_at"])
        return
    if latest.number == translation.live_number:
        return
    translation.title, translation.summary, translation.body = (
        latest.title,
        latest.summary,
        latest.body,
    )
    translation.body_html = render_markdown(latest.body)
    translation.live_number = latest.number
    translation.save()


def _publish(*, article: Article, reviewer: User | None, imported: bool) -> Article:
    with transaction.atomic():
        steps.lock(article)
        for translation in article.translations.select_for_update():
            _make_latest_live(translation)
        review_due = steps.publish(article, reviewer_id=reviewer.pk if reviewer else None)
        article.save()
        ArticlePublication.objects.create(
            article=article, reviewer=reviewer, imported=imported, review_due=review_due
        )
        search_change_record(kind=SEARCH_KIND, object_id=article.public_id)
        action = AuditAction.ARTICLE_IMPORT if imported else AuditAction.ARTICLE_PUBLISH
        audit_record(actor=reviewer, action=action, target=article)
    return article


def article_update_metadata(
    *,
    article: Article,
    topics: Iterable[str],
    countries: Iterable[str],
    audience: Iterable[str],
    sources: Iterable[str],
    actor: User | None,
) -> Article:
    """Replace an article's topics, countries, audiences and sources, from an import.

    Identical values change nothing and record nothing.
    """
    codes, audience_text, urls = clean_metadata(
        countries=countries, audience=audience, sources=sources
    )
    slugs = sorted(set(topics))
    current = (
        sorted(country.code for country in article.countries),
        article.audience,
        list(article.sources),
        sorted(topic.slug for topic in article.topics.all()),
    )
    if current == (sorted(set(codes)), audience_text, urls, slugs):
        return article
    with transaction.atomic():
        article.countries = ",".join(codes)
        article.audience = audience_text
        article.sources = urls
        article.save(update_fields=["countries", "audience", "sources", "updated_at"])
        article.topics.set(topics_ensure(slugs))
        if article.live:
            search_change_record(kind=SEARCH_KIND, object_id=article.public_id)
        audit_record(actor=actor, action=AuditAction.ARTICLE_IMPORT, target=article)
    return article


def article_set_status_imported(
    *, article: Article, to: ArticleStatus, actor: User | None
) -> Article:
    """Give an article the status its imported files say, other than published.

    Imports bring content whose review happened elsewhere, so the workflow's steps
    are not enforced; publishing goes through article_publish_imported.
    """
    if to == ArticleStatus.PUBLISHED:
        raise ArticleError(_("Publishing needs a review: use the publish action."))
    with transaction.atomic():
        steps.lock(article)
        if article.status == to:
            return article
        was_live = article.live
        article.status = to
        # Archived in the files: withdrawn. Other statuses describe the latest revision.
        article.live = article.live and to != ArticleStatus.ARCHIVED
        article.save(update_fields=["status", "live", "updated_at"])
        if was_live and not article.live:
            search_change_record(kind=SEARCH_KIND, object_id=article.public_id)
        audit_record(actor=actor, action=AuditAction.ARTICLE_IMPORT, target=article)
    return article


def topic_names_set(*, slug: str, names: dict[str, str], actor: User | None = None) -> Topic:
    """Name a topic in several languages (existing names in other languages are kept)."""
    for lang in names:
        _check_language(lang)
    with transaction.atomic():
        topic = topics_ensure([slug])[0]
        merged = parse(TOPIC_NAMES, {**topic.names, **names}, field="names", error=ArticleError)
        if merged != topic.names:
            topic.names = merged
            topic.save(update_fields=["names"])
            audit_record(actor=actor, action=AuditAction.TOPIC_NAMES_SET, target=topic)
    return topic
