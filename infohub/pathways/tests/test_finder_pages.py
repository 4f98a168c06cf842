"""The finder on the portal: a short form per question, skippable, stopping when nothing is open."""

import gzip
from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.test import Client

from infohub.pathways.imports import pathways_import

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 14 * 1024


def _bool(key: str) -> dict[str, object]:
    texts = {"text": f"{key}?", "label": key, "yes": f"{key} yes", "no": f"{key} no"}
    return {"id": key, "type": "bool", "translations": {"en": texts}}


def _pathway(slug: str, rule: dict[str, object], status: str = "published") -> dict[str, object]:
    return {
        "id": slug,
        "country": "CR",
        "category": "work",
        "status": status,
        "translations": {"en": {"title": f"Title {slug}", "summary": "Illustrative.", "steps": []}},
        "eligibility": rule,
        "documents": [{"en": f"Document for {slug}"}],
        "fees": [{"amount": "10.00", "currency": "USD"}],
    }


@pytest.fixture
def three_pathways(tmp_path: Path) -> None:
    """Three pathways that all need the person to be in the country, then something else."""
    inside = {"field": "in_country", "eq": True}
    document = {
        "questions": [_bool("in_country"), _bool("has_job"), _bool("has_family")],
        "pathways": [
            _pathway("job", {"all": [inside, {"field": "has_job", "eq": True}]}),
            _pathway("family", {"all": [inside, {"field": "has_family", "eq": True}]}),
            _pathway("either", {"all": [inside, {"any": [{"field": "has_job", "eq": True}]}]}),
            _pathway("draft", {"field": "has_job", "eq": True}, status="draft"),
        ],
    }
    path = tmp_path / "pathways.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    pathways_import(path=path)


def _step(client: Client, **fields: str | list[str]) -> str:
    response = client.post("/en/pathways/find/", {"country": "CR", **fields})
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    return response.content.decode()


def _asked(html: str) -> str | None:
    marker = 'name="question" value="'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split('"', 1)[0]


@pytest.mark.usefixtures("three_pathways")
def test_the_first_step_asks_the_first_question_that_matters() -> None:
    response = Client().get("/en/pathways/find/", {"country": "CR"})
    assert _asked(response.content.decode()) == "in_country"


@pytest.mark.usefixtures("three_pathways")
def test_answering_one_question_settles_every_pathway_and_the_finder_stops() -> None:
    html = _step(Client(), question="in_country", value="no")
    assert _asked(html) is None
    assert html.count('class="pathway"') == 3
    assert "group-not_eligible" in html
    assert "group-eligible" not in html
    assert "group-unknown" not in html
    assert "in_country no" in html  # the reason, from the question's "no" statement


@pytest.mark.usefixtures("three_pathways")
def test_it_asks_only_what_can_still_change_a_result() -> None:
    html = _step(Client(), question="in_country", value="yes")
    assert _asked(html) == "has_job"
    html = _step(Client(), **{"a-in_country": "yes", "question": "has_job", "value": "yes"})
    # "job" and "either" are settled; only "family" still needs an answer.
    assert _asked(html) == "has_family"


@pytest.mark.usefixtures("three_pathways")
def test_a_skipped_question_is_not_asked_again_and_the_result_says_what_is_missing() -> None:
    carried = {"a-in_country": "yes", "a-has_job": "no"}
    html = _step(Client(), **carried, question="has_family", skip="1")
    assert _asked(html) is None
    unknown = html.split("group-unknown", 1)[1].split("</section>", 1)[0]
    assert "Title family" in unknown
    assert "We need to know has_family." in unknown
    assert 'name="skipped" value="has_family"' in html  # carried to the summary


@pytest.mark.usefixtures("three_pathways")
def test_a_wrong_answer_asks_the_same_question_again_with_an_error() -> None:
    html = _step(Client(), question="in_country", value="maybe")
    assert _asked(html) == "in_country"
    assert 'role="alert"' in html
    html = _step(Client(), question="in_country")
    assert _asked(html) == "in_country"
    assert "Choose an answer, or skip the question." in html


@pytest.mark.usefixtures("three_pathways")
def test_a_changed_hidden_answer_is_dropped_and_asked_again() -> None:
    html = _step(Client(), **{"a-in_country": "perhaps", "a-unknown": "yes"})
    assert _asked(html) == "in_country"


@pytest.mark.usefixtures("three_pathways")
def test_an_unknown_country_goes_back_to_the_start_with_an_error() -> None:
    response = Client().post("/en/pathways/find/", {"country": "ZZ"})
    assert response.status_code == 200
    assert "Choose the country you want to go to or stay in." in response.content.decode()


@pytest.mark.usefixtures("three_pathways")
def test_answers_travel_in_the_form_never_in_the_address() -> None:
    html = Client().get("/en/pathways/find/", {"country": "CR"}).content.decode()
    assert '<form class="finder" action="/en/pathways/find/" method="post">' in html


@pytest.mark.usefixtures("three_pathways")
def test_the_printable_summary_lists_answers_and_the_documents_checklist() -> None:
    response = Client().post(
        "/en/pathways/summary/", {"country": "CR", "a-in_country": "yes", "a-has_job": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "Your answers" in html
    assert "Document for job" in html
    assert "Title draft" not in html


@pytest.mark.usefixtures("three_pathways")
def test_pathway_pages_show_published_pathways_only() -> None:
    client = Client()
    assert client.get("/en/pathways/job/").status_code == 200
    assert client.get("/en/pathways/draft/").status_code == 404
    assert "Title draft" not in client.get("/en/pathways/").content.decode()


@pytest.mark.usefixtures("three_pathways")
@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_finder_pages_fit_in_14_kb_gzipped_with_their_css(lang: str) -> None:
    client = Client()
    with open(str(finders.find("portal/portal.css")), "rb") as css:
        css_size = len(gzip.compress(css.read()))
    pages = [
        client.get(f"/{lang}/pathways/").content,
        client.get(f"/{lang}/pathways/find/", {"country": "CR"}).content,
        client.post(f"/{lang}/pathways/find/", {"country": "CR", "a-in_country": "yes"}).content,
        client.post(f"/{lang}/pathways/summary/", {"country": "CR"}).content,
    ]
    for html in pages:
        assert b"<script" not in html
        assert len(gzip.compress(html)) + css_size <= BUDGET_BYTES
