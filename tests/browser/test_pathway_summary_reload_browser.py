"""A Kreyòl reader goes from the home page through the finder to the summary, then reloads it."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import Recorder, click_and_wait, path_of
from tests.browser.test_pathway_finder_browser import ANSWERS, _answer, _in_kreyol

pytestmark = pytest.mark.browser

AGAIN = "We do not keep your answers, so this summary cannot be shown again from this address."


def test_a_kreyol_reader_reloads_the_printable_summary_and_is_told_what_to_do(
    no_script: Page, portal_url: str
) -> None:
    page = no_script
    recorder = Recorder(page)
    page.goto(f"{portal_url}/ht/")
    click_and_wait(page, page.locator("main a[href$='/ht/pathways/']").first)
    assert path_of(page) == "/ht/pathways/"
    page.locator("#country").select_option("DO")
    click_and_wait(page, page.locator("form.finder button"))
    for _step in range(len(ANSWERS) + 2):
        question = page.locator("input[name=question]")
        if question.count() == 0:
            break
        key = question.get_attribute("value") or ""
        if key in ANSWERS:
            _answer(page, key)
        else:
            click_and_wait(page, page.locator("form.finder button[name=skip]"))

    click_and_wait(page, page.locator("form[action$='/summary/'] button"))
    assert path_of(page) == "/ht/pathways/summary/"
    expect(page.locator("main h2").first).to_have_text(_in_kreyol("Your answers"))

    # A reload either posts the answers again or comes without them; never an empty 405.
    reloaded = page.reload()
    assert reloaded is not None
    assert reloaded.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "ht")
    expect(page.locator("main h1")).not_to_be_empty()

    # Opened again from its address (a bookmark, the history), it says how to get it back.
    again = page.goto(f"{portal_url}/ht/pathways/summary/")
    assert again is not None
    assert again.status == 200
    assert _in_kreyol(AGAIN) != AGAIN, "the Kreyòl catalog has the explanation"
    expect(page.locator("main")).to_contain_text(_in_kreyol(AGAIN))
    click_and_wait(page, page.locator("main a[href$='/ht/pathways/']"))
    assert path_of(page) == "/ht/pathways/"
    expect(page.locator("#country")).to_be_visible()

    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []
