"""Services near me: from a shared location or a typed town, never a confidential place."""

import pytest

from infohub.demo.directory import (
    SHELTER_ADDRESS,
    SHELTER_LAT,
    SHELTER_LON,
    SHELTER_PHONE,
    SHELTER_PLACE_NAME,
    load_demo_directory,
)
from infohub.messaging.channels.base import Location
from infohub.messaging.tests.conversation_support import SITE, chat_in, make_context, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_demo_directory()


def test_a_shared_location_gives_the_nearest_services_with_distance_and_link(demo: None) -> None:
    chat = chat_in("es")
    chat.send("Servicios cercanos")

    step = chat.send(location=Location(latitude=14.905, longitude=-92.263))

    text = text_of(step)
    assert "Tapachula" in text
    assert " km" in text
    assert f"{SITE}/es/services/" in text
    assert "ahora" in text
    assert chat.state["flow"] == "menu"


def test_a_confidential_place_is_never_told_even_from_its_doorstep(demo: None) -> None:
    for lang in ("es", "en", "fr", "ht"):
        chat = chat_in(lang)
        chat.send(choice="menu:nearby")
        text = text_of(chat.send(location=Location(latitude=SHELTER_LAT, longitude=SHELTER_LON)))
        assert SITE in text
        for secret in (SHELTER_ADDRESS, SHELTER_PHONE, SHELTER_PLACE_NAME, "Almendros"):
            assert secret not in text


def test_a_typed_town_is_found_without_its_accents_and_case(demo: None) -> None:
    chat = chat_in("ht")
    chat.send(choice="menu:nearby")

    step = chat.send("TAPACHULA")

    assert "Tapachula" in text_of(step)
    assert f"{SITE}/ht/services/" in text_of(step)


def test_an_unknown_town_asks_again(demo: None) -> None:
    chat = chat_in("fr")
    chat.send(choice="menu:nearby")

    step = chat.send("Atlantis")

    assert "Je ne connais pas ce lieu" in text_of(step)
    assert chat.state["flow"] == "nearby"


def test_the_reply_fits_a_short_message(demo: None) -> None:
    chat = chat_in("en", make_context(max_text=300, has_buttons=False))
    chat.send(choice="menu:nearby")

    step = chat.send(location=Location(latitude=14.905, longitude=-92.263))

    assert all(len(r.text) <= 300 for r in step.replies)
    assert "km" in text_of(step)
