"""The knowledge base in a real Chromium: search in Kreyòl, open a result, see the fallback."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import Recorder, path_of

pytestmark = pytest.mark.browser

# The demo guide on health care has no Kreyòl translation, so it falls back to French.
UNTRANSLATED = "/ht/articles/health-care-access/"


def test_a_creole_search_from_the_home_page_opens_a_guide_with_its_fallback_notice(
    phone: Page, portal_url: str
) -> None:
    recorder = Recorder(phone)
    phone.goto(f"{portal_url}/ht/")
    phone.get_by_role("searchbox").fill("swen sante lopital")
    phone.locator("form.search button").click()
    phone.wait_for_url("**/ht/search/?q=*")

    result = phone.locator(f'ol.results a[href="{UNTRANSLATED}"]')
    expect(result).to_have_count(1)
    result.click()
    phone.wait_for_url(f"**{UNTRANSLATED}")

    assert path_of(phone) == UNTRANSLATED
    expect(phone.locator("html")).to_have_attribute("lang", "ht")
    expect(phone.locator("article")).to_have_attribute("lang", "fr")
    expect(phone.locator("article .notice").first).to_be_visible()
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []


def test_a_translated_guide_shows_no_fallback_notice(phone: Page, portal_url: str) -> None:
    phone.goto(f"{portal_url}/ht/articles/asking-for-asylum/")
    expect(phone.locator("article")).to_have_attribute("lang", "ht")
    expect(phone.locator("article .notice")).to_have_count(0)
