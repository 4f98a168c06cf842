"""Writes for the knowledge base: articles, translations, the editorial workflow.

Every function validates, writes, logs the search change and the audit row in one
transaction.
"""

import datetime as dt
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
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
from infohub.articles.workflow import PUBLIC, can_transition
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.core.json_schemas import parse
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
        translation, created = ArticleTranslation.objects.select_for_update().get_or_create(
            article=article,
            lang=lang,
            defaults={"title": title, "summary": summary, "body": body},
        )
        changed = created or (translation.title, translation.summary, translation.body) != (
            title,
            summary,
            body,
        )
        if not changed:
            return translation
        translation.title, translation.summary, translation.body = title, summary, body
        translation.body_html = render_markdown(body)
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
        if article.status in PUBLIC:
            search_change_record(kind=SEARCH_KIND, object_id=article.public_id)
        audit_record(actor=author, action=AuditAction.ARTICLE_TRANSLATION_SAVE, target=article)
    return translation


def article_transition(*, article: Article, to: ArticleStatus, actor: User | None) -> Article:
    """Move an article along the workflow; publishing goes through article_publish."""
    if to == ArticleStatus.PUBLISHED:
        raise ArticleError(_("Publishing needs a review: use the publish action."))
    if not can_transition(article.status, to):
        raise ArticleError(
            _("An article cannot go from %(current)s to %(target)s.")
            % {"current": ArticleStatus(article.status).label, "target": ArticleStatus(to).label}
        )
    return _set_status(article=article, to=to, actor=actor, action=AuditAction.ARTICLE_TRANSITION)


def _set_status(
    *, article: Article, to: ArticleStatus, actor: User | None, action: AuditAction
) -> Article:
    """Change the status (not to published); an article leaving the public leaves search."""
    with transaction.atomic():
        was_public = article.status in PUBLIC
        article.status = to
        article.save(update_fields=["status", "updated_at"])
        if was_public:
            search_change_record(kind=SEARCH_KIND, object_id=article.public_id)
        audit_record(actor=actor, action=action, target=article)
    return article


def _review_due(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=settings.INFOHUB_REVIEW_PERIOD_DAYS)


def article_publish(*, article: Article, reviewer: User) -> Article:
    """Publish an article in review; the reviewer must not be its last author."""
    if not can_transition(article.status, ArticleStatus.PUBLISHED):
        raise ArticleError(_("Only an article in review can be published."))
    translations = list(article.translations.all())
    if not translations:
        raise ArticleError(_("An article needs at least one translation to be published."))
    if any(t.last_author_id == reviewer.pk for t in translations):
        raise ArticleError(_("A second person must review: you are the last author."))
    return _publish(article=article, reviewer=reviewer, imported=False)


def article_publish_imported(*, article: Article) -> Article:
    """Publish an article that arrives already reviewed, from an import."""
    return _publish(article=article, reviewer=None, imported=True)


def _publish(*, article: Article, reviewer: User | None, imported: bool) -> Article:
    now = timezone.now()
    with transaction.atomic():
        article.status = ArticleStatus.PUBLISHED
        article.published_at = article.published_at or now
        article.last_reviewed_at = now
        article.last_reviewed_by = reviewer
        article.review_due = _review_due(timezone.localdate(now))
        article.save()
        ArticlePublication.objects.create(
            article=article, reviewer=reviewer, imported=imported, review_due=article.review_due
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
        if article.status in PUBLIC:
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
    if article.status == to:
        return article
    return _set_status(article=article, to=to, actor=actor, action=AuditAction.ARTICLE_IMPORT)


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
