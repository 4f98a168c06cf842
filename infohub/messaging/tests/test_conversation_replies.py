"""Every reply fits one message of the channel, in the conversation's language."""

import pytest
from django.utils.functional import Promise

from infohub.messaging.channels.base import Location
from infohub.messaging.conversation import texts
from infohub.messaging.conversation.texts import cut, fitted, say
from infohub.messaging.tests.conversation_support import Chat, make_context

pytestmark = pytest.mark.django_db

SENTENCES = {name: value for name, value in vars(texts).items() if isinstance(value, Promise)}
# The same word in English and in that language.
SAME_AS_ENGLISH = {("fr", "BUTTON_MENU"), ("es", "BUTTON_NO")}


@pytest.mark.parametrize("lang", ["es", "fr", "ht"])
def test_every_bot_sentence_is_translated(lang: str) -> None:
    untranslated = [
        name
        for name, text in SENTENCES.items()
        if say(lang, text) == say("en", text) and (lang, name) not in SAME_AS_ENGLISH
    ]
    assert untranslated == []


@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_every_button_title_fits_a_whatsapp_button(lang: str) -> None:
    for name, text in SENTENCES.items():
        if name.startswith("BUTTON_"):
            assert len(say(lang, text)) <= texts.MAX_BUTTON_TITLE, name


SCRIPT = [
    "",
    "bonjou",
    "MENI",
    "1",
    "Ki jan pou m jwenn yon pèmi travay?",
    "2",
    "3",
    "LOCATION",
    "4",
    "1",
    "1",
    "",
    "IDIOMA",
    "2",
    "5",
    "1",
    "Are you there?",
]


@pytest.mark.parametrize("max_text", [160, 320, 1024])
@pytest.mark.parametrize("has_buttons", [True, False])
def test_no_reply_of_a_whole_conversation_is_longer_than_the_channel_allows(
    max_text: int, has_buttons: bool
) -> None:
    chat = Chat(make_context(max_text=max_text, has_buttons=has_buttons))
    for text in SCRIPT:
        if text == "LOCATION":
            step = chat.send(location=Location(latitude=18.47, longitude=-69.9))
        else:
            step = chat.send(text)
        for reply in step.replies:
            assert len(reply.text) <= max_text
            assert len(reply.buttons) <= 10
            assert all(len(b.title) <= 20 and len(b.id) <= 64 for b in reply.buttons)


def test_a_cut_text_ends_between_words_with_an_ellipsis() -> None:
    assert cut("one two three", 9) == "one two…"
    assert cut("short", 9) == "short"
    assert fitted(["a" * 5, "bb", "c" * 20], 9) == "aaaaa\nbb"


def test_a_notice_longer_than_one_message_is_split_never_cut() -> None:
    step = Chat(make_context(max_text=160, has_buttons=False)).send("bonjou")

    whole = " ".join(reply.text for reply in step.replies)
    assert "https://infohub.example/ht/privacy/" in whole
    assert "Voye EFASE pou n efase l." in whole
    assert all(len(reply.text) <= 160 for reply in step.replies)
