"""Reads for the callback pages, scoped to what the user may see."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext as _

from infohub.accounts.models import Hub, User
from infohub.articles.models import Topic
from infohub.articles.selectors import topic_list_in_use, topic_name
from infohub.callbacks.access import callback_list_visible
from infohub.callbacks.models import CallbackRequest, CallbackStatus
from infohub.counselling.access import CASE_ROLES, hubs_where
from infohub.countries import country_name

CLOSED_SHOWN = 20  # the queue shows every open request but only the latest closed ones

_STATUS_RANK = Case(
    When(status=CallbackStatus.OPEN, then=Value(0)),
    When(status=CallbackStatus.CONTACTED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def callback_queue(*, user: User) -> list[CallbackRequest]:
    """The queue of the hubs the user works in: open first, oldest first, then the rest."""
    rows = CallbackRequest.objects.filter(hub__in=hubs_where(user, CASE_ROLES)).select_related(
        "hub", "topic"
    )
    waiting = rows.exclude(status=CallbackStatus.CLOSED).annotate(rank=_STATUS_RANK)
    closed = rows.filter(status=CallbackStatus.CLOSED).order_by("-updated_at")[:CLOSED_SHOWN]
    return [*waiting.order_by("rank", "created_at"), *closed]


def callback_list_submitted(*, user: User) -> QuerySet[CallbackRequest]:
    """What the user referred as a community advisor, newest first."""
    return (
        callback_list_visible(user=user)
        .filter(submitted_by=user)
        .select_related("hub")
        .order_by("-created_at")
    )


def callback_open_count(*, user: User) -> int:
    return CallbackRequest.objects.filter(
        hub__in=hubs_where(user, CASE_ROLES), status=CallbackStatus.OPEN
    ).count()


def tel_number(phone: str) -> str:
    """The number for a ``tel:`` link: a leading + and the digits, without separators."""
    digits = "".join(ch for ch in phone if ch.isascii() and ch.isdigit())
    return f"+{digits}" if phone.lstrip().startswith("+") else digits


def hub_choices(hubs: QuerySet[Hub]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Hubs grouped by country (in the reader's language), for a select with optgroups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for hub in hubs.order_by("country", "name"):
        label = f"{hub.name} · {hub.municipality}" if hub.municipality else hub.name
        groups.setdefault(country_name(hub.country.code), []).append((str(hub.public_id), label))
    return sorted(groups.items())


def language_choices() -> list[tuple[str, str]]:
    """Content languages, each named in itself."""
    return [(c, n) for c, n in settings.LANGUAGES if c in settings.INFOHUB_CONTENT_LANGUAGES]


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


@dataclass(frozen=True)
class TopicChoice:
    slug: str
    name: str


def topic_choices(*, lang: str) -> Sequence[TopicChoice]:
    """The knowledge base's public topics, named in ``lang``, alphabetically."""
    named = [TopicChoice(t.slug, topic_name(topic=t, lang=lang)) for t in topic_list_in_use()]
    return sorted(named, key=lambda t: t.name.casefold())


def topic_by_slug(slug: str) -> Topic | None:
    return topic_list_in_use().filter(slug=slug).first() if slug else None


def topic_label(topic: Topic | None, *, lang: str) -> str:
    if topic is None:
        return _("Something else or not sure")
    return topic_name(topic=topic, lang=lang)
