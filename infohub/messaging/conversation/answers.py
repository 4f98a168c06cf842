"""A free-text question answered from search: the extractive answer quoted, the top results linked.

The quote is the article's own words, never rewritten; when a channel cannot carry all of
it, it is shortened between words and marked with an ellipsis, never paraphrased. Only
what search shows the portal's readers can be quoted, so a draft never is.
"""

from infohub.messaging.conversation import texts
from infohub.messaging.conversation.dialogue import Dialogue
from infohub.messaging.conversation.menu import HUMAN, MENU
from infohub.messaging.conversation.texts import button, say
from infohub.search.selectors import SearchResult, search

TOP_RESULTS = 3


def answer_question(dialogue: Dialogue, question: str) -> None:
    """Reply to ``question`` with what the published content says, or offer a person."""
    lang = dialogue.lang
    found = search(query=question, lang=lang, limit=TOP_RESULTS)
    buttons = (button(lang, MENU, texts.BUTTON_MENU), button(lang, HUMAN, texts.BUTTON_HUMAN))
    dialogue.state["flow"] = "menu" if found.results else "not_found"
    if not found.results:
        dialogue.send(say(lang, texts.NOT_FOUND), buttons)
        return
    links = [_linked(result, dialogue.context.site_url) for result in found.results]
    answer = found.answer
    source = next((r for r in found.results if answer and r.id == answer.article_id), None)
    if answer is None or source is None:
        dialogue.send(
            texts.fitted([say(lang, texts.FOUND_INTRO), *links], _room(dialogue)), buttons
        )
        return
    sourced = links[found.results.index(source)]
    intro = say(lang, texts.ANSWER_INTRO)
    # The quote gives way to its source's link: a quote without its source is not shown.
    room = _room(dialogue) - len(intro) - len(sourced) - 4
    quote = f"“{texts.cut(answer.text, room)}”"
    others = [link for link in links if link != sourced]
    more = [f"{say(lang, texts.MORE)}\n{others[0]}", *others[1:]] if others else []
    dialogue.send(texts.fitted([f"{intro}\n{quote}\n{sourced}", *more], _room(dialogue)), buttons)


def _linked(result: SearchResult, site_url: str) -> str:
    return f"{result.title}: {site_url}{result.url}"


def _room(dialogue: Dialogue) -> int:
    """What a reply with the two buttons may hold, numbered or not."""
    if dialogue.context.has_buttons:
        return dialogue.context.max_text
    return dialogue.context.max_text - 2 * (texts.MAX_BUTTON_TITLE + 5)
