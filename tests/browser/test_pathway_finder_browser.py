"""The pathway finder in a real Chromium, in Kreyòl, without JavaScript, skipping a question."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from tests.browser.support import Recorder, click_and_wait

pytestmark = pytest.mark.browser

# What a Haitian in the Dominican Republic answers in the demo; the arrival date is skipped.
ANSWERS = {
    "nationality": "HT",
    "in_country": "yes",
    "reason": "work",
    "age": "30",
    "has_passport": "no",
    "fear_of_return": "no",
    "wants_to_return": "no",
    "has_job_offer": "no",
    "has_family_resident": "no",
    "enrolled_in_school": "no",
    "years_in_country": "1",
}
SKIPPED = "arrived_before_2024"
SKIPPED_LABEL = "si ou te rive nan peyi destinasyon an anvan 2024"  # from the demo file


def _in_kreyol(text: str) -> str:
    with translation.override("ht"):
        return gettext(text)


def _answer(page: Page, key: str) -> None:
    value = ANSWERS[key]
    if page.locator("input[type=radio][name=value]").count():
        page.locator(f"input[name=value][value='{value}']").check()
    elif page.locator("select[name=value]").count():
        page.locator("select[name=value]").select_option(value)
    else:
        page.locator("input[name=value]").fill(value)
    click_and_wait(page, page.locator("form.finder button:not([name=skip])"))


def test_a_kreyol_reader_skips_a_question_and_sees_what_is_missing(
    no_script: Page, portal_url: str
) -> None:
    page = no_script
    recorder = Recorder(page)
    page.goto(f"{portal_url}/ht/pathways/")
    page.locator("#country").select_option("DO")
    click_and_wait(page, page.locator("form.finder button"))

    asked = []
    for _step in range(len(ANSWERS) + 1):
        question = page.locator("input[name=question]")
        if question.count() == 0:
            break
        key = question.get_attribute("value") or ""
        asked.append(key)
        if key == SKIPPED:
            click_and_wait(page, page.locator("form.finder button[name=skip]"))
        else:
            _answer(page, key)

    assert SKIPPED in asked
    assert len(asked) < len(ANSWERS) + 1, "the finder stopped by itself"
    expect(page.locator("html")).to_have_attribute("lang", "ht")
    unknown = page.locator("section.group-unknown article#do-regularization-plan")
    expect(unknown).to_have_count(1)
    missing = unknown.locator("li.missing")
    expect(missing).to_contain_text(SKIPPED_LABEL)
    frame = _in_kreyol("We need to know %(label)s.")
    assert frame != "We need to know %(label)s.", "the Kreyòl catalog has the reason"
    expect(missing).to_have_text(frame % {"label": SKIPPED_LABEL})

    page.locator("form[action$='/summary/'] button").click()
    expect(page.locator("main h2").first).to_have_text(_in_kreyol("Your answers"))
    expect(page.locator("dl.facts").first).to_contain_text(_in_kreyol("Skipped"))
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []
