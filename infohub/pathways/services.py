"""Writes to questions and pathways, each audited in its own transaction.

Pathways follow the one editorial workflow (``infohub.editorial``): publishing takes
a second person, a live pathway stays public while it is back in draft or in review,
only withdrawing takes it offline, and a published pathway is due for review after
``INFOHUB_REVIEW_PERIOD_DAYS``. Imports apply the file's status directly.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohub.accounts.models import User
from infohub.audit.models import AuditAction
from infohub.audit.services import audit_record
from infohub.core.json_schemas import parse
from infohub.directory.models import Service
from infohub.editorial import steps
from infohub.editorial.errors import EditorialError
from infohub.editorial.steps import start_revision
from infohub.editorial.workflow import EditorialStatus, can_transition
from infohub.pathways.errors import PathwayError
from infohub.pathways.files.common import PathwayData, QuestionData
from infohub.pathways.models import Pathway, PathwayTranslation, Question
from infohub.pathways.records import (
    canonical_pathway,
    canonical_question,
    pathway_record,
    question_record,
)
from infohub.pathways.schemas import STEPS, pathway_values_check, question_values_check
from infohub.pathways.searching import KIND as SEARCH_KIND
from infohub.pathways.selectors import question_specs
from infohub.search.changes import search_change_record


def _search_change(pathway: Pathway) -> None:
    search_change_record(kind=SEARCH_KIND, object_id=pathway.public_id)


def question_save(*, data: QuestionData, position: int, actor: User | None) -> bool:
    """Create or replace a question from a checked record; False when nothing changed."""
    question_values_check(data)  # first: making it canonical relies on its shape
    data = canonical_question(data)
    with transaction.atomic():
        question = Question.objects.select_for_update().filter(key=data.key).first()
        if question and question.position == position and question_record(question) == data:
            return False
        question = question or Question(key=data.key)
        question.type = data.type
        question.choices = data.choices
        question.minimum, question.maximum = data.minimum, data.maximum
        question.position = position
        question.translations = data.translations
        question.save()
        audit_record(actor=actor, action=AuditAction.QUESTION_SAVE, target=question)
    return True


def _save_translations(pathway: Pathway, data: PathwayData, actor: User | None) -> None:
    """Replace the translations; a changed source text flags the unchanged others."""
    current = {t.lang: t for t in pathway.translations.all()}
    changed = {
        lang
        for lang, texts in data.translations.items()
        if lang not in current
        or (current[lang].title, current[lang].summary, current[lang].steps)
        != (texts["title"], texts["summary"], texts["steps"])
    }
    source_changed = data.source_language in changed and data.source_language in current
    for lang, texts in data.translations.items():
        translation = current.get(lang) or PathwayTranslation(pathway=pathway, lang=lang)
        if lang in changed:
            translation.title, translation.summary = texts["title"], texts["summary"]
            translation.steps = texts["steps"]
            translation.last_author = actor
            translation.needs_update = False
            # Imported text arrives reviewed, and an unpublished pathway's text is
            # not public: either way it replaces any proposal.
            _clear_proposal(translation)
            translation.is_live = True
        elif source_changed and lang != data.source_language:
            translation.needs_update = True
        translation.save()
    pathway.translations.exclude(lang__in=list(data.translations)).delete()


def pathway_save_imported(*, data: PathwayData, actor: User | None) -> str:
    """Create or replace a pathway from a checked file record, with the file's status.

    Returns "created", "updated" or "unchanged"; an unchanged pathway gets no audit
    row and no search change.
    """
    with transaction.atomic():
        # Checked inside: the rule's questions may be imported in the same transaction; and
        # before making the record canonical, which relies on its shape.
        pathway_values_check(data, question_specs(Question.objects.all()))
        data = canonical_pathway(data)
        pathway = Pathway.objects.select_for_update().filter(slug=data.slug).first()
        if pathway is not None and pathway_record(pathway) == data:
            return "unchanged"
        created = pathway is None
        pathway = pathway or Pathway(slug=data.slug)
        was_public = pathway.live and not created
        for name in ("country", "category", "source_language", "last_verified"):
            setattr(pathway, name, getattr(data, name))
        for name in ("eligibility", "documents", "fees", "processing_days", "sources"):
            setattr(pathway, name, getattr(data, name))
        if data.status == EditorialStatus.PUBLISHED:
            steps.publish(pathway, reviewer_id=None, now=timezone.now())
        else:
            pathway.status = data.status
            # Archived in the file: withdrawn. Other statuses describe the latest revision.
            pathway.live = pathway.live and data.status != EditorialStatus.ARCHIVED
        pathway.save()
        _save_translations(pathway, data, actor)
        pathway.apply_at.set(Service.objects.filter(id__in=data.apply_at))
        if was_public or pathway.live:
            _search_change(pathway)
        audit_record(actor=actor, action=AuditAction.PATHWAY_IMPORT, target=pathway)
    return "created" if created else "updated"


def pathway_transition(*, pathway: Pathway, to: str, actor: User) -> Pathway:
    """Move a pathway along the workflow; its live version stays public.

    Publishing goes through pathway_publish; archiving is pathway_withdraw's.
    """
    if to == EditorialStatus.ARCHIVED:
        return pathway_withdraw(pathway=pathway, actor=actor)
    with transaction.atomic():
        steps.lock(pathway)
        try:
            steps.move(pathway, to)
        except EditorialError as error:
            raise PathwayError(str(error)) from None
        pathway.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditAction.PATHWAY_TRANSITION, target=pathway)
    return pathway


def pathway_withdraw(*, pathway: Pathway, actor: User) -> Pathway:
    """Archive a pathway: it leaves the finder, its page, search and the API."""
    with transaction.atomic():
        steps.lock(pathway)
        try:
            was_live = steps.withdraw(pathway)
        except EditorialError as error:
            raise PathwayError(str(error)) from None
        pathway.save(update_fields=["status", "live", "updated_at"])
        if was_live:
            _search_change(pathway)
        audit_record(actor=actor, action=AuditAction.PATHWAY_WITHDRAW, target=pathway)
    return pathway


def pathway_publish(*, pathway: Pathway, reviewer: User) -> Pathway:
    """Publish a pathway in review; the reviewer must not be the last author of a text."""
    with transaction.atomic():
        steps.lock(pathway)
        if not can_transition(pathway.status, EditorialStatus.PUBLISHED):
            raise PathwayError(_("Only a pathway in review can be published."))
        translations = list(pathway.translations.select_for_update())
        try:
            steps.check_reviewer(
                obj=pathway,
                reviewer_id=reviewer.pk,
                authors=[t.last_author_id for t in translations],
            )
        except EditorialError as error:
            raise PathwayError(str(error)) from None
        if not translations:
            raise PathwayError(_("A pathway needs at least one translation to be published."))
        for translation in translations:
            _make_proposal_live(translation)
        steps.publish(pathway, reviewer_id=reviewer.pk)
        pathway.save()
        _search_change(pathway)
        audit_record(actor=reviewer, action=AuditAction.PATHWAY_PUBLISH, target=pathway)
    return pathway


def _make_proposal_live(translation: PathwayTranslation) -> None:
    if translation.proposed_steps is not None:
        translation.title = translation.proposed_title
        translation.summary = translation.proposed_summary
        translation.steps = translation.proposed_steps
    _clear_proposal(translation)
    translation.is_live = True
    translation.save()


def _clear_proposal(translation: PathwayTranslation) -> None:
    translation.proposed_title, translation.proposed_summary = "", ""
    translation.proposed_steps = None


def translation_latest_texts(translation: PathwayTranslation) -> dict[str, Any]:
    """The proposed revision's texts, else the live ones, as the file record has them."""
    if translation.proposed_steps is not None:
        return {
            "title": translation.proposed_title,
            "summary": translation.proposed_summary,
            "steps": list(translation.proposed_steps),
        }
    return {
        "title": translation.title,
        "summary": translation.summary,
        "steps": list(translation.steps),
    }


def pathway_translation_save(
    *, pathway: Pathway, lang: str, title: str, summary: str, steps: Iterable[str], author: User
) -> PathwayTranslation:
    """Save one translation as an editor; the others are flagged when it is the source."""
    if lang not in settings.INFOHUB_CONTENT_LANGUAGES:
        raise PathwayError(_("This language is not enabled."))
    if not title.strip():
        raise PathwayError(_("A title is required."))
    texts = {
        "title": title.strip(),
        "summary": summary.strip(),
        "steps": [step.strip() for step in steps if step.strip()],
    }
    parse(STEPS, texts["steps"], field="steps", error=PathwayError)
    if pathway.live:
        return _propose(pathway=pathway, lang=lang, texts=texts, author=author)
    record = pathway_record(pathway)
    if record.translations.get(lang) == texts:
        return pathway.translations.get(lang=lang)  # nothing changed: no audit, no search
    record.translations[lang] = texts
    with transaction.atomic():
        _save_translations(pathway, record, author)
        audit_record(actor=author, action=AuditAction.PATHWAY_TRANSLATION_SAVE, target=pathway)
    return pathway.translations.get(lang=lang)


def _propose(
    *, pathway: Pathway, lang: str, texts: dict[str, Any], author: User
) -> PathwayTranslation:
    """A live pathway's change waits as a revision; readers keep the live text."""
    with transaction.atomic():
        # The pathway first, as publishing locks it: the same order never deadlocks.
        steps.lock(pathway)
        translation = pathway.translations.select_for_update().filter(lang=lang).first()
        if translation is not None and translation_latest_texts(translation) == texts:
            return translation  # nothing changed: no audit
        if translation is None:
            translation = PathwayTranslation(pathway=pathway, lang=lang, is_live=False)
        if translation.is_live:
            live = {
                "title": translation.title,
                "summary": translation.summary,
                "steps": list(translation.steps),
            }
            if live == texts:
                _clear_proposal(translation)  # back to the live text
            else:
                translation.proposed_title = texts["title"]
                translation.proposed_summary = texts["summary"]
                translation.proposed_steps = texts["steps"]
        else:
            translation.title, translation.summary = texts["title"], texts["summary"]
            translation.steps = texts["steps"]
        translation.last_author = author
        translation.needs_update = False
        translation.save()
        if lang == pathway.source_language:
            pathway.translations.exclude(lang=lang).update(needs_update=True)
        start_revision(pathway)
        pathway.save(update_fields=["status", "updated_at"])
        audit_record(actor=author, action=AuditAction.PATHWAY_TRANSLATION_SAVE, target=pathway)
    return translation
