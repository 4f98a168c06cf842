"""Writes for news items and alerts.

Each function validates, writes and records its audit row in one transaction. New
news items are also logged for search in the same transaction. Alerts follow the one
editorial workflow (``infohub.editorial``): a new text or a changed one is a revision
that a second person publishes; the live text stays on the portal meanwhile.
"""

import datetime
import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from infohub.accounts.models import User
from infohub.articles.services import topics_ensure
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.editorial import steps
from infohub.editorial.errors import EditorialError
from infohub.editorial.workflow import EditorialStatus, can_transition
from infohub.news.country_detection import countries_mentioned
from infohub.news.errors import AlertError, NewsError, NewsFormatError, NewsImportError
from infohub.news.models import Alert, AlertSeverity, AlertTranslation, NewsItem, validate_tags
from infohub.news.parsing import ParsedNews, parse_news
from infohub.news.searching import KIND as SEARCH_KIND
from infohub.search.changes import search_change_record

_FINGERPRINT_BATCH = 500


def enabled_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def news_fingerprint(*, lang: str, date: datetime.date, title: str) -> str:
    """The identity of a news item: its language, date and title, ignoring case and spacing."""
    normalised = " ".join(unicodedata.normalize("NFKC", title).casefold().split())
    key = f"{lang}\n{date.isoformat()}\n{normalised}"
    return hashlib.sha256(key.encode()).hexdigest()


def _country_codes(codes: Iterable[str]) -> list[str]:
    cleaned = [code.strip().upper() for code in codes if code.strip()]
    unknown = [code for code in cleaned if code not in all_countries]
    if unknown:
        raise ValueError(", ".join(unknown))
    return list(dict.fromkeys(cleaned))


@dataclass(frozen=True)
class NewsValues:
    """A news item's values once checked: the title's spacing normalised, countries in capitals."""

    title: str
    countries: list[str]
    fingerprint: str


def news_check(
    *,
    lang: str,
    date: datetime.date,
    title: str,
    countries: Sequence[str] = (),
    tags: str = "",
) -> NewsValues:
    """Check a news item before it is created; NewsError says what is wrong."""
    title = " ".join(title.split())
    if not title:
        raise NewsError(_("A news item needs a title."))
    if lang not in enabled_languages():
        raise NewsError(_("%(lang)s is not an enabled language.") % {"lang": lang})
    try:
        codes = _country_codes(countries)
    except ValueError as error:
        raise NewsError(
            _("Not ISO 3166 country codes: %(codes)s.") % {"codes": str(error)}
        ) from None
    try:
        validate_tags(tags)
    except ValidationError as error:
        raise NewsError(" ".join(error.messages)) from None
    fingerprint = news_fingerprint(lang=lang, date=date, title=title)
    if NewsItem.objects.filter(fingerprint=fingerprint).exists():
        raise NewsError(_("A news item with this date and title exists in this language."))
    return NewsValues(title=title, countries=codes, fingerprint=fingerprint)


def news_source_check(url: str) -> str:
    """The address of an item's original source: empty, or an http(s) URL."""
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise NewsError(_("The source must be a web address starting with https://.")) from None
    if len(url) > NewsItem._meta.get_field("source_url").max_length:  # type: ignore[operator]
        raise NewsError(_("The source address is too long."))
    return url


def news_create(
    *,
    lang: str,
    date: datetime.date,
    title: str,
    body: str = "",
    countries: Sequence[str] = (),
    tags: str = "",
    source_url: str = "",
    actor: User | None = None,
) -> NewsItem:
    source_url = news_source_check(source_url)
    with transaction.atomic():
        values = news_check(lang=lang, date=date, title=title, countries=countries, tags=tags)
        item = NewsItem.objects.create(
            lang=lang,
            date=date,
            title=values.title,
            body=body.strip(),
            countries=",".join(values.countries),
            tags=tags,
            source_url=source_url,
            fingerprint=values.fingerprint,
        )
        search_change_record(kind=SEARCH_KIND, object_id=item.public_id)
        audit_record(actor=actor, action=AuditAction.NEWS_CREATE, target=item)
    return item


@dataclass(frozen=True)
class FileReport:
    path: str
    items: int


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    created: int = 0
    already_present: int = 0
    # "file:line" of each item whose body is empty: imported, but worth a look.
    empty_bodies: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return sum(report.items for report in self.files)

    def summary(self) -> str:
        return (
            f"Read {_count(self.read, 'item')} from {_count(len(self.files), 'file')}: "
            f"{self.created} created, {self.already_present} already present."
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _read_news_file(path: Path) -> list[ParsedNews]:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise NewsImportError(f"{source}: cannot be read: {error.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise NewsFormatError(source, line, "the file is not UTF-8 text") from None
    return parse_news(text, source=source)


def _existing_fingerprints(fingerprints: list[str]) -> set[str]:
    existing: set[str] = set()
    for start in range(0, len(fingerprints), _FINGERPRINT_BATCH):
        batch = fingerprints[start : start + _FINGERPRINT_BATCH]
        existing.update(
            NewsItem.objects.filter(fingerprint__in=batch).values_list("fingerprint", flat=True)
        )
    return existing


def news_import(
    *,
    files: Sequence[Path],
    lang: str = "en",
    actor: User | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import news files; all of them or, if any is malformed, none.

    Every file is read and parsed before anything is written. Items already in the
    database (same language, date and title) are counted and left alone, so running
    the import again creates nothing new.
    """
    if lang not in enabled_languages():
        raise NewsImportError(
            f"{lang!r} is not an enabled language; use one of: {', '.join(enabled_languages())}."
        )
    if not files:
        raise NewsImportError("No files to import.")
    report = ImportReport()
    parsed: list[ParsedNews] = []
    for path in files:
        items = _read_news_file(path)
        report.files.append(FileReport(path=str(path), items=len(items)))
        report.empty_bodies.extend(f"{path}:{item.line}" for item in items if not item.body)
        parsed.extend(items)
        if progress is not None:
            progress(f"{path}: {_count(len(items), 'item')}")

    keyed = [(news_fingerprint(lang=lang, date=i.date, title=i.title), i) for i in parsed]
    with transaction.atomic():
        seen = _existing_fingerprints([fingerprint for fingerprint, _item in keyed])
        for fingerprint, item in keyed:
            if fingerprint in seen:
                report.already_present += 1
                continue
            news_create(
                lang=lang,
                date=item.date,
                title=item.title,
                body=item.body,
                countries=countries_mentioned(item.title, item.body),
                source_url=item.source_url,
                actor=actor,
            )
            seen.add(fingerprint)
            report.created += 1
    return report


def alert_create(
    *,
    severity: str,
    title: str,
    lang: str,
    starts_at: datetime.datetime,
    expires_at: datetime.datetime,
    body: str = "",
    countries: Sequence[str] = (),
    topics: Sequence[str] = (),
    actor: User | None = None,
) -> Alert:
    """A new alert, written in ``lang``, as a draft: it is shown once a second person
    publishes it."""
    if severity not in AlertSeverity.values:
        raise AlertError(
            _("Unknown severity %(severity)s; use one of: %(severities)s.")
            % {"severity": severity, "severities": ", ".join(AlertSeverity.values)}
        )
    _check_alert_text(lang=lang, title=title)
    codes = _alert_window_and_countries(starts_at, expires_at, countries)
    with transaction.atomic():
        alert = Alert.objects.create(
            severity=severity,
            source_language=lang,
            countries=",".join(codes),
            starts_at=starts_at,
            expires_at=expires_at,
        )
        alert.topics.set(topics_ensure(topics))  # the guides' topics
        AlertTranslation.objects.create(
            alert=alert,
            lang=lang,
            title=" ".join(title.split()),
            body=body.strip(),
            last_author=actor,
        )
        audit_record(actor=actor, action=AuditAction.ALERT_CREATE, target=alert)
    return alert


def _check_alert_text(*, lang: str, title: str) -> None:
    if not " ".join(title.split()):
        raise AlertError(_("An alert needs a title."))
    if lang not in enabled_languages():
        raise AlertError(_("%(lang)s is not an enabled language.") % {"lang": lang})


def _alert_window_and_countries(
    starts_at: datetime.datetime, expires_at: datetime.datetime, countries: Sequence[str]
) -> list[str]:
    if timezone.is_naive(starts_at) or timezone.is_naive(expires_at):
        raise AlertError(_("Give the start and the expiry with a time zone."))
    if expires_at <= starts_at:
        raise AlertError(_("An alert must expire after it starts."))
    try:
        return _country_codes(countries)
    except ValueError as error:
        raise AlertError(
            _("Not ISO 3166 country codes: %(codes)s.") % {"codes": str(error)}
        ) from None


def alert_update(
    *,
    alert: Alert,
    severity: str,
    starts_at: datetime.datetime,
    expires_at: datetime.datetime,
    countries: Sequence[str],
    topics: Sequence[str],
    actor: User | None,
) -> Alert:
    """Change when and where an alert applies; its texts change through revisions."""
    if severity not in AlertSeverity.values:
        raise AlertError(
            _("Unknown severity %(severity)s; use one of: %(severities)s.")
            % {"severity": severity, "severities": ", ".join(AlertSeverity.values)}
        )
    codes = _alert_window_and_countries(starts_at, expires_at, countries)
    with transaction.atomic():
        alert.severity = severity
        alert.starts_at, alert.expires_at = starts_at, expires_at
        alert.countries = ",".join(codes)
        alert.save()
        alert.topics.set(topics_ensure(topics))  # the guides' topics
        audit_record(actor=actor, action=AuditAction.ALERT_UPDATE, target=alert)
    return alert


def alert_translation_save(
    *, alert: Alert, lang: str, title: str, body: str, author: User | None
) -> AlertTranslation:
    """Save a revision of one language; the live text stays until it is published."""
    _check_alert_text(lang=lang, title=title)
    title, body = " ".join(title.split()), body.strip()
    with transaction.atomic():
        # The alert first, as publishing locks it: the same order never deadlocks.
        steps.lock(alert)
        translation, created = AlertTranslation.objects.select_for_update().get_or_create(
            alert=alert, lang=lang, defaults={"title": title, "body": body}
        )
        if not created and (translation.title, translation.body) == (title, body):
            return translation
        translation.title, translation.body = title, body
        translation.last_author = author
        translation.save()
        if alert.status == EditorialStatus.PUBLISHED:
            steps.start_revision(alert)
            alert.save(update_fields=["status", "updated_at"])
        audit_record(actor=author, action=AuditAction.ALERT_TRANSLATION_SAVE, target=alert)
    return translation


def alert_transition(*, alert: Alert, to: str, actor: User | None) -> Alert:
    """Move an alert along the workflow; its live text stays shown."""
    if to == EditorialStatus.ARCHIVED:
        return alert_withdraw(alert=alert, actor=actor)
    with transaction.atomic():
        steps.lock(alert)
        try:
            steps.move(alert, to)
        except EditorialError as error:
            raise AlertError(str(error)) from None
        alert.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditAction.ALERT_TRANSITION, target=alert)
    return alert


def alert_publish(*, alert: Alert, reviewer: User) -> Alert:
    """Make the latest texts live; the reviewer must not be the last author of one."""
    with transaction.atomic():
        steps.lock(alert)
        if not can_transition(alert.status, EditorialStatus.PUBLISHED):
            raise AlertError(_("Only an alert in review can be published."))
        translations = list(alert.translations.all())
        try:
            steps.check_reviewer(
                obj=alert,
                reviewer_id=reviewer.pk,
                authors=[t.last_author_id for t in translations],
            )
        except EditorialError as error:
            raise AlertError(str(error)) from None
        return _alert_publish(alert=alert, reviewer=reviewer)


def alert_publish_imported(*, alert: Alert) -> Alert:
    """Publish an alert that arrives already reviewed (the demo data)."""
    return _alert_publish(alert=alert, reviewer=None)


def _alert_publish(*, alert: Alert, reviewer: User | None) -> Alert:
    with transaction.atomic():
        steps.lock(alert)
        for translation in alert.translations.select_for_update():
            translation.live_title, translation.live_body = translation.title, translation.body
            translation.is_live = True
            translation.save()
        steps.publish(alert, reviewer_id=reviewer.pk if reviewer else None)
        alert.save()
        audit_record(actor=reviewer, action=AuditAction.ALERT_PUBLISH, target=alert)
    return alert


def alert_withdraw(*, alert: Alert, actor: User | None) -> Alert:
    """Archive an alert: it leaves the portal at once, before its expiry."""
    with transaction.atomic():
        steps.lock(alert)
        try:
            steps.withdraw(alert)
        except EditorialError as error:
            raise AlertError(str(error)) from None
        alert.save(update_fields=["status", "live", "updated_at"])
        audit_record(actor=actor, action=AuditAction.ALERT_WITHDRAW, target=alert)
    return alert
