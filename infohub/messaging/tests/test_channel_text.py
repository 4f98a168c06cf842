"""The text helpers the kinds share: numbered choices, cutting into parts, GSM-7 segments."""

from hypothesis import given, settings
from hypothesis import strategies as st

from infohub.messaging.channels.base import Button, OutboundMessage
from infohub.messaging.channels.text import fits_length, gsm7, gsm7_segments, numbered, split_text


def test_it_numbers_choices_after_the_text() -> None:
    message = OutboundMessage(text="Choose:", buttons=(Button("a", "Work"), Button("b", "Study")))
    assert numbered(message) == OutboundMessage(text="Choose:\n\n1. Work\n2. Study")


def test_it_leaves_a_message_without_choices_alone() -> None:
    message = OutboundMessage(text="Hello")
    assert numbered(message) is message


def test_it_counts_one_segment_up_to_160_septets_then_153_each() -> None:
    assert [gsm7_segments("a" * n) for n in (0, 160, 161, 306, 307, 459, 460)] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
    ]


def test_it_counts_extension_characters_twice_and_never_across_segments() -> None:
    assert gsm7_segments("€" * 80) == 1
    assert gsm7_segments("€" * 81) == 2
    # 152 septets, then an escape pair that does not fit in the first segment's last septet.
    assert gsm7_segments("a" * 152 + "€" + "a" * 152) == 3


def test_it_keeps_line_breaks_inside_a_part() -> None:
    assert split_text("one\ntwo three", fits=fits_length(9)) == ("one\ntwo", "three")


def test_it_cuts_a_word_only_when_it_cannot_fit_alone() -> None:
    assert split_text("ab abcdefgh", fits=fits_length(4)) == ("ab", "abcd", "efgh")


def test_it_gives_no_parts_for_blank_text() -> None:
    assert split_text(" \n ", fits=fits_length(10)) == ()


def test_it_replaces_what_gsm7_cannot_carry() -> None:
    assert gsm7("Olá\u00a0mundo\u200b 😀 ﬁn") == "Ola mundo ? fin"


words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Z", "Cc")),
    min_size=1,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(
    chosen=st.lists(words, max_size=120),
    separators=st.lists(st.sampled_from([" ", "\n", "  ", "\n\n"]), min_size=120, max_size=120),
    limit=st.integers(min_value=30, max_value=500),
)
def test_it_cuts_into_fitting_parts_that_keep_every_word(chosen, separators, limit) -> None:
    text = "".join(word + separator for word, separator in zip(chosen, separators, strict=False))
    parts = split_text(text, fits=fits_length(limit))
    assert all(0 < len(part) <= limit for part in parts)
    assert " ".join(parts).split() == text.split()
