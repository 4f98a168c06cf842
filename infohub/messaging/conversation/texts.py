"""Every sentence the bot writes itself, and how a reply is kept within one screen.

The sentences are lazy so that each is rendered in the conversation's language, whatever
language the process is in. Content (answers, pathways, services) is never written here:
it comes from the published texts, quoted.
"""

import datetime as dt

from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from infohub.messaging.channels.base import Button

MAX_BUTTON_TITLE = 20
ELLIPSIS = "…"

NOTICE = _(
    "Hi! This is %(hub)s. We keep this chat to answer you (privacy notice, version "
    "%(version)s: %(link)s). Send DELETE to erase it."
)
LANGUAGE_PROMPT = _("Choose your language")
MENU_PROMPT = _("What would you like to do? You can also just type your question.")
ASK_PROMPT = _("Type your question in a few words.")
SUMMARY_LINK = _("A summary to print or keep (for 7 days): %(link)s")
TEXT_ONLY = _("I can only read text.")
ERASED = _("Your conversation has been erased.")
UNSUBSCRIBED = _("You will get no more alerts. Send MENU to come back.")

ANSWER_INTRO = _("From our published information:")
FOUND_INTRO = _("This may help:")
MORE = _("See also:")
NOT_FOUND = _(
    "I found nothing on that in our information. You can see the menu or talk to a person."
)

HANDOVER = _("A counsellor of %(hub)s will answer you here.")
CLOSED_UNTIL = _("The hub is closed now; a counsellor will answer from %(when)s.")
CLOSED_SOON = _("The hub is closed now; a counsellor will answer as soon as possible.")
CONSENT_ASK = _(
    "May %(hub)s keep a record of your counselling, to follow up with you? Privacy: %(link)s"
)
CONSENT_YES = _("Thank you. You can withdraw it at any time: just ask a counsellor.")
CONSENT_NO = _("Understood: no record will be kept. A counsellor will still answer you.")

FINDER_COUNTRY = _("Which country do you want to go to or stay in?")
FINDER_NONE = _("No pathways are published yet.")
TYPE_NUMBER = _("Type a number.")
TYPE_COUNTRY = _("Type the name of the country.")
NOT_UNDERSTOOD = _("I did not understand. Choose an answer, or skip the question.")
RESULTS_INTRO = _("Pathways for what you told us:")
STATUS_ELIGIBLE = pgettext_lazy("pathway status", "Fits")
STATUS_UNKNOWN = pgettext_lazy("pathway status", "May fit")
STATUS_NOT_ELIGIBLE = pgettext_lazy("pathway status", "Does not fit")

NEARBY_ASK = _("Share your location, or type the name of your town.")
NEARBY_UNKNOWN = _("I do not know that place. Type another town, or share your location.")
NEARBY_NONE = _("I found no service near there.")
NEARBY_OPEN = _("Open now, nearest first:")
NEARBY_ANY = _("Nearest services (none is open now):")
OPEN_NOW = _("open now")
CLOSED_NOW = _("closed now")
HOURS_UNKNOWN = _("hours not known")

ALERTS_COUNTRY = _("Alerts about which country?")
ALERTS_TOPIC = _("On which topic?")
ALL_TOPICS = _("All topics")
SUBSCRIBED = _("Done: you will get alerts about %(country)s (%(topic)s). Send STOP to end them.")
UNKNOWN_COUNTRY = _("I do not know that country. Type its name again.")

# Button titles: at most 20 characters in every language (WhatsApp's limit).
BUTTON_ASK = pgettext_lazy("button", "Ask a question")
BUTTON_FINDER = pgettext_lazy("button", "Find your pathway")
BUTTON_NEARBY = pgettext_lazy("button", "Services near me")
BUTTON_ALERTS = pgettext_lazy("button", "Alerts")
BUTTON_HUMAN = pgettext_lazy("button", "Talk to a person")
BUTTON_MENU = pgettext_lazy("button", "Menu")
BUTTON_SKIP = pgettext_lazy("button", "Skip")
BUTTON_YES = pgettext_lazy("button", "Yes")
BUTTON_NO = pgettext_lazy("button", "No")


def say(lang: str, text: Promise, **values: object) -> str:
    """``text`` in ``lang``, with its %(placeholders)s filled in."""
    with translation.override(lang):
        return str(text) % values if values else str(text)


def short(title: str) -> str:
    """A title that fits on a button."""
    if len(title) <= MAX_BUTTON_TITLE:
        return title
    return title[: MAX_BUTTON_TITLE - 1].rstrip() + ELLIPSIS


def button(lang: str, choice: str, title: Promise) -> Button:
    return Button(id=choice, title=short(say(lang, title)))


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut between words and marked when cut."""
    if len(text) <= limit:
        return text
    head = text[: max(limit - 1, 0)]
    if " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + ELLIPSIS


def fitted(parts: list[str], limit: int) -> str:
    """The parts, one per line, leaving out the last ones that do not fit; the first is cut."""
    text = cut(parts[0], limit)
    for part in parts[1:]:
        if len(text) + 1 + len(part) > limit:
            break
        text = f"{text}\n{part}"
    return text


def _pieces(line: str, limit: int) -> list[str]:
    """A line too long for one message, broken between words."""
    pieces: list[str] = []
    for word in line.split(" "):
        if pieces and len(pieces[-1]) + 1 + len(word) <= limit:
            pieces[-1] = f"{pieces[-1]} {word}"
        else:
            pieces.append(word[:limit])
    return pieces


def chunks(parts: list[str], limit: int) -> list[str]:
    """The parts, one per line, in as few messages of at most ``limit`` as they fit in.

    Nothing is lost: a part too long for one message is broken between words.
    """
    messages: list[str] = []
    lines = [line for part in parts for line in part.split("\n")]
    for part in (piece for line in lines for piece in _pieces(line, limit)):
        if messages and len(messages[-1]) + 1 + len(part) <= limit:
            messages[-1] = f"{messages[-1]}\n{part}"
        else:
            messages.append(part)
    return messages


def when(moment: dt.datetime, lang: str) -> str:
    """A weekday, a date and a time in the language's own formats ("Lendi 7 desanm, 09:00")."""
    with translation.override(lang):
        day = formats.date_format(moment, "l")
        date = formats.date_format(moment, "MONTH_DAY_FORMAT")
        time = formats.time_format(moment, "TIME_FORMAT")
    return f"{day} {date}, {time}"


def number(value: float, lang: str) -> str:
    """A distance's number with the language's decimal mark."""
    with translation.override(lang):
        return formats.number_format(round(value, 1), decimal_pos=1)
