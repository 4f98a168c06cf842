"""Reads for the service directory: text along its fallback chain, public rows, imports."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import QuerySet

from infohub.directory.hsds.tables import table_name
from infohub.directory.models import (
    DirectoryImport,
    DirectoryTranslation,
    ListingStatus,
    Location,
    Service,
    TranslatableRecord,
)
from infohub.languages import LangText, best_language

# {record_id: {field: {lang: text}}}
TranslationMap = dict[uuid.UUID, dict[str, dict[str, str]]]


class ChosenText(LangText):
    """A directory text in the language ``text_for`` chose; shown with its ``lang`` and notice."""

    @property
    def is_fallback(self) -> bool:
        return self.other_language


def translation_map(*, table: str, record_ids: Iterable[uuid.UUID]) -> TranslationMap:
    """The translations of many rows of one table in one query, for text_for."""
    found: TranslationMap = defaultdict(lambda: defaultdict(dict))
    rows = DirectoryTranslation.objects.filter(table=table, record_id__in=list(record_ids))
    for record_id, field, lang, text in rows.values_list("record_id", "field", "lang", "text"):
        found[record_id][field][lang] = text
    return found


def text_for(
    *,
    record: TranslatableRecord,
    field: str,
    lang: str,
    translations: Mapping[str, Mapping[str, str]] | None = None,
) -> ChosenText:
    """A text field of ``record`` in ``lang``, or in the first language of its chain that has it.

    The HSDS field is the text in the record's source language. ``translations`` is
    the record's entry of a translation_map; without it, the record's translations are
    read. Empty texts are passed over; when no language has one, the text is empty.
    """
    if translations is None:
        translations = translation_map(table=table_name(type(record)), record_ids=[record.id])[
            record.id
        ]
    available = dict(translations.get(field, {}))
    available[record.source_language] = str(getattr(record, field))
    code = best_language({c for c, text in available.items() if text}, lang)
    if code is None:
        return ChosenText(text="", lang=record.source_language, requested=lang)
    return ChosenText(text=available[code], lang=code, requested=lang)


def service_list_published() -> QuerySet[Service]:
    return Service.objects.filter(listing_status=ListingStatus.PUBLISHED)


def location_list_public() -> QuerySet[Location]:
    """Locations whose whereabouts may be shown to anyone: confidential ones are left out."""
    return Location.objects.filter(confidential=False)


def directory_import_list() -> QuerySet[DirectoryImport]:
    return DirectoryImport.objects.select_related("actor")
