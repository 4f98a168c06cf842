"""Writes for search: the synonym groups editors keep, and pruning the change log.

Saving a group logs a search change in the same transaction, so every process reloads
the synonyms on its next search.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.search.changes import search_change_record
from infohub.search.errors import SynonymError
from infohub.search.models import SearchChange, SearchDocumentKind, Synonym
from infohub.search.text import analyzer, fold

MAX_TERMS = 30
MAX_TERM_LENGTH = 100


def _distinct_terms(raw: Iterable[str]) -> list[str]:
    """Terms trimmed, in order, without repeats that differ only in case or accents."""
    terms: dict[str, str] = {}
    for term in raw:
        spaced = " ".join(term.split())
        if spaced:
            terms.setdefault(fold(spaced), spaced)
    return list(terms.values())


def clean_synonym_terms(*, lang: str, terms: str | Iterable[str]) -> list[str]:
    """Validate a group's language and terms; return the terms, trimmed, in order."""
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise SynonymError(_("%(lang)s is not an enabled content language.") % {"lang": lang})
    cleaned = _distinct_terms((terms if isinstance(terms, str) else ",".join(terms)).split(","))
    if len(cleaned) < 2:
        raise SynonymError(_("A synonym group needs at least two different terms."))
    if len(cleaned) > MAX_TERMS:
        raise SynonymError(_("A synonym group has at most %(count)s terms.") % {"count": MAX_TERMS})
    for term in cleaned:
        if len(term) > MAX_TERM_LENGTH or not analyzer(lang).terms(term):
            raise SynonymError(
                _("“%(term)s” is not a searchable term: use words, at most %(length)s characters.")
                % {"term": term[:MAX_TERM_LENGTH], "length": MAX_TERM_LENGTH}
            )
    return cleaned


def synonyms_save(
    *,
    synonym: Synonym | None = None,
    lang: str,
    terms: str | Iterable[str],
    active: bool = True,
    actor: User | None,
) -> Synonym:
    """Create a synonym group, or change one; audited, and reloaded by every process."""
    cleaned = clean_synonym_terms(lang=lang, terms=terms)
    with transaction.atomic():
        group = synonym or Synonym()
        group.lang, group.terms, group.active = lang, ", ".join(cleaned), active
        group.save()
        search_change_record(kind=SearchDocumentKind.SYNONYMS, object_id=group.public_id)
        audit_record(actor=actor, action=AuditAction.SYNONYMS_SAVE, target=group)
    return group


def search_changes_prune(*, older_than: datetime.timedelta) -> int:
    """Delete change-log rows older than ``older_than``; return how many.

    Running processes have applied them long ago; a process starting later builds its
    index from the content itself, so old rows are never needed again.
    """
    cutoff = timezone.now() - older_than
    newest = SearchChange.objects.order_by("-id").values_list("id", flat=True).first()
    # The newest row stays: processes compare it with the last change they applied,
    # and a missing one would make every process rebuild its index.
    if newest is None:
        return 0
    deleted, _ = SearchChange.objects.filter(at__lt=cutoff).exclude(id=newest).delete()
    return deleted
