"""Alert subscriptions: opt-in only, by country and topic, confirmed; STOP ends them.

Countries and topics are those alerts carry (``news.Alert.countries`` and its
``articles.Topic`` topics), the hub's own country first. Nothing is subscribed until the
person has chosen both; the subscription itself is the services' ``Subscribe`` action.
"""

from typing import Any

from infohub.articles.models import Topic
from infohub.articles.selectors import topic_name
from infohub.countries import country_name
from infohub.messaging.channels.base import Button
from infohub.messaging.conversation import texts
from infohub.messaging.conversation.countries import typed_country
from infohub.messaging.conversation.dialogue import Dialogue
from infohub.messaging.conversation.menu import show_menu
from infohub.messaging.conversation.texts import button, say, short
from infohub.messaging.conversation.types import Subscribe
from infohub.news.models import Alert

COUNTRY = "ac:"
TOPIC = "at:"
MAX_BUTTONS = 10
_RECENT_ALERTS = 200


def _countries(home: str) -> list[str]:
    """The hub's country, then the countries recent live alerts concern."""
    recent = Alert.objects.filter(live=True).order_by("-starts_at").only("countries")
    named = [country.code for alert in recent[:_RECENT_ALERTS] for country in alert.countries]
    return list(dict.fromkeys([home, *sorted(named)]))[:MAX_BUTTONS]


def start_alerts(dialogue: Dialogue) -> None:
    lang = dialogue.lang
    countries = _countries(dialogue.context.hub_country)
    buttons = tuple(Button(COUNTRY + c, short(country_name(c, lang))) for c in countries)
    dialogue.state["flow"] = "alerts_country"
    dialogue.state["alerts"] = {}
    dialogue.send(say(lang, texts.ALERTS_COUNTRY), buttons)


def alerts_turn(dialogue: Dialogue) -> None:
    """The country, then the topic; subscribe once both are chosen."""
    chosen: dict[str, Any] = dialogue.state.setdefault("alerts", {})
    choice = dialogue.picked()
    if dialogue.flow == "alerts_country":
        country = choice.removeprefix(COUNTRY) if choice.startswith(COUNTRY) else None
        country = country or typed_country(dialogue.turn.text, lang=dialogue.lang)
        if country is None:
            dialogue.send(say(dialogue.lang, texts.UNKNOWN_COUNTRY))
            return
        chosen["country"] = country
        _ask_topic(dialogue)
        return
    topics: list[str] = chosen.get("topics", [])
    index = choice.removeprefix(TOPIC)
    if not (choice.startswith(TOPIC) and index.isdigit() and int(index) <= len(topics)):
        _ask_topic(dialogue)
        return
    topic = topics[int(index) - 1] if int(index) else ""
    _subscribe(dialogue, chosen["country"], topic)


def _topics(lang: str) -> list[Topic]:
    """The topics live alerts carry first, then the others, each group by name."""
    on_alerts = set(Topic.objects.filter(alerts__live=True).values_list("id", flat=True))
    named = [(topic_name(topic=t, lang=lang).casefold(), t) for t in Topic.objects.all()]
    named.sort(key=lambda item: (item[1].id not in on_alerts, item[0]))
    return [topic for _name, topic in named[: MAX_BUTTONS - 1]]


def _ask_topic(dialogue: Dialogue) -> None:
    lang = dialogue.lang
    topics = _topics(lang)
    dialogue.state["alerts"]["topics"] = [t.slug for t in topics]
    buttons = [button(lang, TOPIC + "0", texts.ALL_TOPICS)]
    for i, topic in enumerate(topics, start=1):
        buttons.append(Button(f"{TOPIC}{i}", short(topic_name(topic=topic, lang=lang))))
    dialogue.state["flow"] = "alerts_topic"
    dialogue.send(say(lang, texts.ALERTS_TOPIC), tuple(buttons))


def _subscribe(dialogue: Dialogue, country: str, topic: str) -> None:
    lang = dialogue.lang
    dialogue.act(Subscribe(country=country, topic=topic))
    dialogue.state.pop("alerts", None)
    shown = Topic.objects.filter(slug=topic).first() if topic else None
    topic_text = topic_name(topic=shown, lang=lang) if shown else say(lang, texts.ALL_TOPICS)
    confirmation = say(
        lang, texts.SUBSCRIBED, country=country_name(country, lang), topic=topic_text.lower()
    )
    show_menu(dialogue, before=confirmation)
