"""The pathway finder in chat ends where the match API ends, for the same answers."""

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infohub.messaging.tests.conversation_support import SITE, Chat, chat_in, make_context
from infohub.pathways.tests.factories import (
    make_pathway,
    make_question,
    question_texts,
)

pytestmark = pytest.mark.django_db

MATCH = "/api/v1/pathways/match"
NATIONALITIES = ("HT", "VE", "CU", "FR")


@pytest.fixture
def pathways() -> None:
    """Four questions of the four types; pathways in Costa Rica and the Dominican Republic."""
    make_question(
        "in_country",
        "bool",
        {
            "en": question_texts("Are you in the country now?", "whether you are there"),
            "ht": question_texts("Èske ou nan peyi a kounye a?", "si ou nan peyi a"),
        },
    )
    make_question(
        "age",
        "int",
        {"en": question_texts("How old are you?", "your age")},
        minimum=0,
        maximum=120,
    )
    make_question(
        "nationality", "country", {"en": question_texts("Your nationality?", "nationality")}
    )
    make_question(
        "reason",
        "choice",
        {
            "en": question_texts(
                "Why do you stay?", "your reason", choices={"work": "Work", "study": "Study"}
            ),
            "ht": question_texts(
                "Poukisa ou rete?", "rezon ou", choices={"work": "Travay", "study": "Etid"}
            ),
        },
        choices=["work", "study"],
    )
    here = {"field": "in_country", "eq": True}
    make_pathway("cr-work", {"all": [here, {"field": "age", "gte": 18}]}, titles={"en": "Work"})
    make_pathway(
        "cr-study",
        {"all": [here, {"field": "reason", "eq": "study"}]},
        category="study",
        titles={"en": "Study", "ht": "Etid"},
    )
    make_pathway(
        "cr-minor",
        {"any": [{"field": "age", "lt": 18}, {"field": "nationality", "in": ["HT", "VE"]}]},
        category="protection",
        titles={"es": "Protección"},
    )
    make_pathway(
        "do-family",
        {"all": [{"field": "nationality", "eq": "HT"}, {"not": {"field": "reason", "eq": "work"}}]},
        country="DO",
        category="family",
        titles={"fr": "Regroupement familial"},
    )


def _api_statuses(country: str, lang: str, answers: dict[str, Any]) -> dict[str, str]:
    body = {"country": country, "lang": lang, "answers": answers}
    response = Client(HTTP_HOST="127.0.0.1").post(
        MATCH, json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return {r["id"]: r["status"] for r in response.json()["results"]}


def _answer(chat: Chat, data: st.DataObject, answers: dict[str, Any]) -> None:
    """Answer the question the chat asks: skip it, or a value of its type, typed or pressed."""
    key = chat.state["finder"]["asked"]
    buttons = chat.buttons()
    if data.draw(st.integers(0, 4)) == 0:
        chat.send(choice="fs")
        return
    if key == "age":
        age = data.draw(st.integers(0, 120))
        chat.send(str(age))
        answers[key] = age
    elif key == "nationality":
        code = data.draw(st.sampled_from(NATIONALITIES))
        chat.send(code.lower())
        answers[key] = code
    else:
        number = data.draw(st.integers(1, len(buttons) - 1))
        choice, title = buttons[number - 1]
        # A button pressed, its title typed, or its number typed back as SMS shows it.
        how = data.draw(st.sampled_from(["press", "title", "number"]))
        if how == "press":
            chat.send(title, choice=choice)
        else:
            chat.send(title if how == "title" else str(number))
        value = choice.removeprefix("fa:")
        answers[key] = {"yes": True, "no": False}.get(value, value)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_chat_finder_gives_the_statuses_the_match_api_gives(
    pathways: None, data: st.DataObject
) -> None:
    lang = data.draw(st.sampled_from(["es", "en", "fr", "ht"]))
    country = data.draw(st.sampled_from(["CR", "DO"]))
    chat = chat_in(lang, make_context(has_buttons=data.draw(st.booleans())))
    chat.send(choice="menu:finder")
    chat.send(choice=f"fc:{country}")
    answers: dict[str, Any] = {}
    for _ in range(10):
        if chat.state["flow"] != "finder":
            break
        _answer(chat, data, answers)

    assert chat.state["flow"] == "menu"
    assert chat.state["finder"]["answers"] == answers
    assert chat.state["finder"]["results"] == _api_statuses(country, lang, answers)


def test_the_results_come_with_statuses_reasons_and_links_in_kreyol(pathways: None) -> None:
    chat = chat_in("ht")
    chat.send("Jwenn chemen ou")
    chat.press("Kosta Rika")
    chat.press("Wi")
    chat.send("30")
    chat.send("sote")

    step = chat.press("Etid")

    text = "\n".join(r.text for r in step.replies)
    assert "Bon pou ou: Work" in text
    assert "Bon pou ou: Etid" in text
    assert f"{SITE}/ht/pathways/cr-study/" in text
    assert step.replies[-1].buttons


def test_an_answer_it_cannot_read_asks_the_question_again(pathways: None) -> None:
    chat = chat_in("en")
    chat.send(choice="menu:finder")
    chat.send("Costa Rica")
    chat.send("yes")
    assert chat.state["finder"]["asked"] == "age"

    step = chat.send("two hundred")

    assert "I did not understand" in step.replies[-1].text
    assert chat.state["finder"]["asked"] == "age"
    chat.send("200")
    assert chat.state["finder"]["asked"] == "age"


def test_without_buttons_a_typed_number_answers_a_yes_or_no_question(pathways: None) -> None:
    chat = chat_in("en", make_context(has_buttons=False))
    chat.send("Find your pathway")
    chat.send("1")  # Costa Rica, the first destination by name

    chat.send("2")

    assert chat.state["finder"]["answers"] == {"in_country": False}


def test_with_no_published_pathway_the_finder_says_so() -> None:
    step = chat_in("es").send(choice="menu:finder")

    assert "Aún no hay vías publicadas." in step.replies[-1].text


def test_respond_leaves_the_state_it_was_given_as_it_was(pathways: None) -> None:
    chat = chat_in("en")
    chat.send(choice="menu:finder")
    chat.send(choice="fc:CR")
    before = json.dumps(chat.state, sort_keys=True)
    given = chat.state

    chat.send("yes")

    assert json.dumps(given, sort_keys=True) == before
    assert chat.state["finder"]["answers"] == {"in_country": True}


def test_a_country_question_offers_the_countries_the_pathways_name(pathways: None) -> None:
    chat = chat_in("ht")
    chat.send(choice="menu:finder")
    chat.send(choice="fc:CR")
    chat.send("Non")
    chat.send("30")
    assert chat.state["finder"]["asked"] == "nationality"
    assert [title for _, title in chat.buttons()] == ["Ayiti", "Venezyela", "Sote"]

    chat.press("Ayiti")

    assert chat.state["finder"]["answers"]["nationality"] == "HT"
