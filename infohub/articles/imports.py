"""The knowledge base as a folder of Markdown files: importing it and exporting it.

An import checks every file, and the files against each other and against the
database, before it writes anything; then it writes everything in one transaction.
Importing the same folder again changes nothing: unchanged translations make no new
version, unchanged metadata and statuses no audit row.
"""

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.articles.errors import ArticleError, ArticleFileError, ArticleImportError
from infohub.articles.markdown_files import (
    ParsedTranslation,
    file_name,
    normalise_body,
    normalise_newlines,
    parse_article_file,
    render_article_file,
)
from infohub.articles.models import Article, ArticleStatus, ArticleTranslation
from infohub.articles.selectors import translation_latest_text
from infohub.articles.services import (
    article_create,
    article_publish_imported,
    article_set_status_imported,
    article_update_metadata,
    translation_save,
)

# Called as progress(stage, done, total) after each file; stage is "Checking",
# "Importing" or "Exporting".
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    files: int


@dataclass(frozen=True)
class ExportReport:
    articles: int
    files: int
    # Articles with no translation have no file and are left out.
    skipped: int


def article_files(directory: Path) -> list[Path]:
    """The Markdown files of a folder (not its subfolders), by name; hidden files are skipped."""
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix == ".md" and path.is_file() and not path.name.startswith(".")
    )


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


# --- Import -------------------------------------------------------------------------


def articles_import(
    *,
    directory: Path,
    actor: User | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import a folder of article files, all or nothing.

    Raises ArticleImportError listing every invalid file and every conflict, with
    nothing written. A dry run does all the work and then rolls it back.
    """
    progress = progress or _no_progress
    paths = article_files(directory)
    parsed: list[ParsedTranslation] = []
    errors: list[ArticleFileError] = []
    for done, path in enumerate(paths, start=1):
        try:
            parsed.append(parse_article_file(path))
        except ArticleFileError as error:
            errors.append(error)
        progress("Checking", done, len(paths))
    articles = _group_by_article(parsed, errors)
    if not errors:
        errors.extend(_database_conflicts(articles))
    if errors:
        raise ArticleImportError(errors)

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    done = 0
    with transaction.atomic():
        for translations in articles:
            try:
                outcome = _import_article(translations, actor=actor)
            except ArticleError as error:  # a race with another writer; all rolls back
                raise ArticleImportError(
                    [ArticleFileError(translations[0].path, str(error))]
                ) from error
            counts[outcome] += 1
            done += len(translations)
            progress("Importing", done, len(paths))
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(files=len(paths), **counts)


def _group_by_article(
    parsed: list[ParsedTranslation], errors: list[ArticleFileError]
) -> list[list[ParsedTranslation]]:
    """The files of each article, checking that they agree; conflicts go to ``errors``."""
    by_id: dict[uuid.UUID, list[ParsedTranslation]] = defaultdict(list)
    by_slug: dict[str, ParsedTranslation] = {}
    for translation in parsed:
        first_of_slug = by_slug.setdefault(translation.slug, translation)
        if first_of_slug.public_id != translation.public_id:
            errors.append(
                ArticleFileError(
                    translation.path,
                    _("%(other)s has the same slug but another id; one article, one id.")
                    % {"other": first_of_slug.path.name},
                )
            )
            continue
        group = by_id[translation.public_id]
        if group:
            conflict = _conflict(group[0], translation)
            if conflict:
                errors.append(conflict)
                continue
        group.append(translation)
    return sorted(by_id.values(), key=lambda group: group[0].slug)


def _conflict(first: ParsedTranslation, other: ParsedTranslation) -> ArticleFileError | None:
    if first.slug != other.slug:
        return ArticleFileError(
            other.path,
            _("%(other)s has the same id but another slug; translations share both.")
            % {"other": first.path.name},
        )
    ours, theirs = other.metadata(), first.metadata()
    differing = [key for key in ours if ours[key] != theirs[key]]
    if differing:
        return ArticleFileError(
            other.path,
            _("%(other)s is the same article but its %(keys)s differ; they must be the same.")
            % {"other": first.path.name, "keys": ", ".join(differing)},
        )
    return None


def _database_conflicts(articles: list[list[ParsedTranslation]]) -> list[ArticleFileError]:
    """Ids kept under another slug and slugs taken by another article."""
    firsts = [translations[0] for translations in articles]
    slug_by_id = dict(
        Article.objects.filter(public_id__in=[t.public_id for t in firsts]).values_list(
            "public_id", "slug"
        )
    )
    id_by_slug = dict(
        Article.objects.filter(slug__in=[t.slug for t in firsts]).values_list("slug", "public_id")
    )
    errors = []
    for first in firsts:
        slug = slug_by_id.get(first.public_id)
        other_id = id_by_slug.get(first.slug)
        if slug is not None and slug != first.slug:
            errors.append(
                ArticleFileError(
                    first.path,
                    _(
                        "The article with this id has the slug %(slug)s; "
                        "rename the files to match it."
                    )
                    % {"slug": slug},
                )
            )
        elif other_id is not None and other_id != first.public_id:
            errors.append(
                ArticleFileError(
                    first.path,
                    _("The slug %(slug)s belongs to another article (id %(id)s).")
                    % {"slug": first.slug, "id": other_id},
                )
            )
    return errors


def _import_article(translations: list[ParsedTranslation], *, actor: User | None) -> str:
    """Bring one article in line with its files; say whether it was created or updated."""
    first = translations[0]
    languages = sorted(t.lang for t in translations)
    article = Article.objects.filter(public_id=first.public_id).first()
    created = article is None
    changed = False
    if article is None:
        article = article_create(
            slug=first.slug,
            source_language=(
                settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in languages else languages[0]
            ),
            topics=first.topics,
            countries=first.countries,
            audience=first.audience,
            sources=first.sources,
            actor=actor,
            public_id=first.public_id,
        )
    elif _metadata(article) != {
        key: value for key, value in first.metadata().items() if key != "status"
    }:
        article_update_metadata(
            article=article,
            topics=first.topics,
            countries=first.countries,
            audience=first.audience,
            sources=first.sources,
            actor=actor,
        )
        changed = True

    # The source language first: saving it flags the others, saving them clears the flag.
    existing = {t.lang: t for t in article.translations.all()}
    source = article.source_language
    for translation in sorted(translations, key=lambda t: (t.lang != source, t.lang)):
        current = existing.get(translation.lang)
        new = (translation.title, translation.summary, translation.body)
        # Text saved elsewhere may differ from its file only in line endings or blank
        # lines around the body; that is the same text, not a change.
        latest = translation_latest_text(current) if current is not None else None
        if (
            latest is None
            or (latest[0], normalise_newlines(latest[1]), normalise_body(latest[2])) != new
        ):
            translation_save(
                article=article,
                lang=translation.lang,
                title=translation.title,
                summary=translation.summary,
                body=translation.body,
                author=actor,
            )
            changed = True

    if article.status != first.status:
        if first.status == ArticleStatus.PUBLISHED:
            article_publish_imported(article=article)
        else:
            article_set_status_imported(
                article=article, to=ArticleStatus(first.status), actor=actor
            )
        changed = True
    if created:
        return "created"
    return "updated" if changed else "unchanged"


def _metadata(article: Article) -> dict[str, object]:
    return {
        "topics": sorted(topic.slug for topic in article.topics.all()),
        "countries": sorted(country.code for country in article.countries),
        "audience": article.audience.split(",") if article.audience else [],
        "sources": list(article.sources),
    }


# --- Export -------------------------------------------------------------------------


def translation_list_for_export() -> QuerySet[ArticleTranslation]:
    return (
        ArticleTranslation.objects.select_related("article")
        .prefetch_related("article__topics")
        .order_by("article__slug", "lang")
    )


def articles_export(*, directory: Path, progress: Progress | None = None) -> ExportReport:
    """Write one file per translation of every article, whatever its status.

    Files with the same names are replaced; other files in the folder are left alone.
    """
    progress = progress or _no_progress
    directory.mkdir(parents=True, exist_ok=True)
    translations = list(translation_list_for_export())
    for done, translation in enumerate(translations, start=1):
        path = directory / file_name(slug=translation.article.slug, lang=translation.lang)
        path.write_text(render_article_file(translation), encoding="utf-8", newline="\n")
        progress("Exporting", done, len(translations))
    return ExportReport(
        articles=len({translation.article_id for translation in translations}),
        files=len(translations),
        skipped=Article.objects.filter(translations__isnull=True).count(),
    )
