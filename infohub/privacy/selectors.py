"""Reads for the data-subject pages: the language and the clock a person's copy is made in."""

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone

from infohub.counselling.models import Consent, Person


def person_language(person: Person) -> str | None:
    """The language the person last read the privacy notice in, if the platform speaks it.

    A person record keeps no language of its own; the notice's language, recorded with
    each consent, is the one the person chose to read.
    """
    enabled = {code for code, _name in settings.LANGUAGES}
    notices = Consent.objects.filter(person=person).order_by("-given_at", "-pk")
    for lang in notices.values_list("notice_language", flat=True):
        if lang in enabled:
            return str(lang)
    return None


def person_time_zone(person: Person) -> dt.tzinfo:
    """The time zone of the person's hub, where their dates are local; else the current one."""
    try:
        return ZoneInfo(person.hub.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.get_current_timezone()
