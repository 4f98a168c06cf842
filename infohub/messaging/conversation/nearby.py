"""Services near me: from a shared location or a typed town, the nearest services open now.

Distances, names, phones and pages come from the directory's public nearby search, which
leaves confidential places out entirely (``directory.nearby``): the bot can say nothing
about them that the portal would not.
"""

from infohub.directory.nearby import DEFAULT_RADIUS_KM, Place, nearby
from infohub.directory.nearby.api import NearbyItemOut, items_out
from infohub.directory.nearby.municipalities import Municipality, municipality_list
from infohub.messaging.channels.base import Location
from infohub.messaging.conversation import texts
from infohub.messaging.conversation.dialogue import Dialogue
from infohub.messaging.conversation.keywords import folded
from infohub.messaging.conversation.menu import HUMAN, MENU
from infohub.messaging.conversation.texts import button, say

SHOWN = 3


def start_nearby(dialogue: Dialogue) -> None:
    dialogue.state["flow"] = "nearby"
    dialogue.send(say(dialogue.lang, texts.NEARBY_ASK))


def nearby_turn(dialogue: Dialogue) -> None:
    """Answer a location, or a typed town; ask again for a town we do not know."""
    location = dialogue.turn.location
    if location is not None:
        _show(dialogue, location, DEFAULT_RADIUS_KM)
        return
    town = _town(dialogue.turn.text, dialogue.context.hub_country)
    if town is None:
        dialogue.state["flow"] = "nearby"
        dialogue.send(say(dialogue.lang, texts.NEARBY_UNKNOWN))
        return
    radius = max(DEFAULT_RADIUS_KM, town.spread_km)
    _show(dialogue, Location(latitude=town.lat, longitude=town.lon), radius)


def _town(text: str, home_country: str) -> Municipality | None:
    """The municipality named, the hub's country's first when two share a name."""
    typed = folded(text)
    if not typed:
        return None
    found = [m for m in municipality_list() if typed in (folded(m.city), folded(m.label))]
    found.sort(key=lambda m: m.country != home_country)
    return found[0] if found else None


def _show(dialogue: Dialogue, at: Location, radius_km: float) -> None:
    lang = dialogue.lang
    places, intro = _search(dialogue, at, radius_km, open_now=True), texts.NEARBY_OPEN
    if not places:
        places, intro = _search(dialogue, at, radius_km, open_now=False), texts.NEARBY_ANY
    dialogue.state["flow"] = "menu"
    buttons = (button(lang, MENU, texts.BUTTON_MENU), button(lang, HUMAN, texts.BUTTON_HUMAN))
    if not places:
        dialogue.send(say(lang, texts.NEARBY_NONE), buttons)
        return
    lines = [_line(item, dialogue) for item in items_out(places, lang)]
    room = dialogue.context.max_text - 2 * (texts.MAX_BUTTON_TITLE + 5)
    dialogue.send(texts.fitted([say(lang, intro), *lines], room), buttons)


def _search(dialogue: Dialogue, at: Location, radius_km: float, *, open_now: bool) -> list[Place]:
    return nearby(
        lat=at.latitude,
        lon=at.longitude,
        radius_km=radius_km,
        open_now=open_now,
        limit=SHOWN,
        at=dialogue.context.now,
    )


def _line(item: NearbyItemOut, dialogue: Dialogue) -> str:
    lang = dialogue.lang
    state = texts.HOURS_UNKNOWN
    if item.open_now is not None:
        state = texts.OPEN_NOW if item.open_now else texts.CLOSED_NOW
    facts = [item.name, f"{texts.number(item.distance_km, lang)} km", say(lang, state)]
    facts.extend(item.phones[:1])
    return " - ".join(facts) + f"\n{dialogue.context.site_url}{item.url}"
