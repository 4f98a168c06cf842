"""Alerts to their subscribers: queued once per alert and conversation, in its language.

An alert is broadcast while it is live and in force (published, its start reached, not
expired): ``send_outbox`` calls ``broadcast_due`` on every run, so an alert that starts
later goes out on the first run after its start. ``AlertDelivery``'s unique pair makes a
second run, or two runs at once, queue nothing twice; the outbox's per-channel rate
limit spreads the sending.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from infohub.messaging.channels.base import OutboundMessage, Template
from infohub.messaging.models import AlertDelivery, Conversation, Subscription
from infohub.messaging.services import credentials_of, outside_service_window, queue
from infohub.news.models import Alert
from infohub.news.selectors import alert_list_current, alert_text

BATCH = 200
DEFAULT_TEMPLATE = "infohub_alert"


def _subscriptions(alert: Alert) -> QuerySet[Subscription]:
    """Subscriptions the alert concerns, of conversations that have not had it."""
    subscriptions = Subscription.objects.filter(conversation__channel__is_enabled=True)
    countries = [country.code for country in alert.countries]
    if countries:
        subscriptions = subscriptions.filter(country__in=countries)
    topics = [topic.slug for topic in alert.topics.all()]
    subscriptions = subscriptions.filter(Q(topic="") | Q(topic__in=topics))
    return subscriptions.exclude(conversation__alert_deliveries__alert=alert)


def _template(
    conversation: Conversation, lang: str, title: str, now: dt.datetime
) -> Template | None:
    """The approved template to use outside the provider's window, if there is one."""
    if not outside_service_window(conversation, now):
        return None
    name = credentials_of(conversation.channel).get("alert_template", DEFAULT_TEMPLATE)
    return Template(name=name, language=lang, parameters=(title,))


def alert_message(
    alert: Alert, conversation: Conversation, now: dt.datetime
) -> OutboundMessage | None:
    """The alert as this conversation receives it: its language, or the nearest one."""
    lang = conversation.language or conversation.channel.language_list()[0]
    text = alert_text(alert=alert, lang=lang)
    if text is None:
        return None
    site = str(settings.INFOHUB_PUBLIC_URL).rstrip("/")
    with translation.override(lang):
        footer = _("More: %(url)s · Reply STOP to stop alerts.") % {"url": f"{site}/{lang}/"}
    body = f"⚠ {text.title}\n\n{text.body}\n\n{footer}"
    return OutboundMessage(text=body, template=_template(conversation, text.lang, text.title, now))


def _deliver(alert: Alert, conversation: Conversation, now: dt.datetime) -> bool:
    message = alert_message(alert, conversation, now)
    if message is None:
        return False
    try:
        with transaction.atomic():
            AlertDelivery.objects.create(alert=alert, conversation=conversation)
            queue(conversation=conversation, message=message, now=now)
    except IntegrityError:
        return False  # another run queued it first
    return True


def broadcast_alert(alert: Alert, *, now: dt.datetime) -> int:
    """Queue the alert for every matching conversation that has not had it; how many."""
    ids = sorted(set(_subscriptions(alert).values_list("conversation_id", flat=True)))
    queued = 0
    for start in range(0, len(ids), BATCH):
        conversations = Conversation.objects.filter(id__in=ids[start : start + BATCH])
        for conversation in conversations.select_related("channel"):
            queued += _deliver(alert, conversation, now)
    return queued


def broadcast_due(*, now: dt.datetime) -> int:
    """Queue every alert in force for its subscribers; how many messages were queued."""
    alerts = alert_list_current(lang=None, now=now).prefetch_related("topics")
    return sum(broadcast_alert(alert, now=now) for alert in alerts)
