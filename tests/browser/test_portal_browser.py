"""The public portal in a real Chromium: language picker, language memory, no-JS search."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import Recorder, path_of

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_it_switches_a_phone_from_spanish_to_kreyol_with_no_errors_and_no_third_party(
    phone: Page, portal_url: str
) -> None:
    recorder = Recorder(phone)
    phone.goto(f"{portal_url}/es/")
    spanish_heading = phone.locator("h1").inner_text()

    phone.locator("nav.langs").get_by_role("link", name="Kreyòl ayisyen").click()
    phone.wait_for_url("**/ht/")
    phone.wait_for_load_state("networkidle")  # late requests (favicon, beacons) are seen too

    assert path_of(phone) == "/ht/"
    expect(phone.locator("html")).to_have_attribute("lang", "ht")
    expect(phone.locator("h1")).not_to_have_text(spanish_heading)
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []


def test_it_sends_a_visitor_back_to_the_language_they_last_chose(
    phone: Page, portal_url: str
) -> None:
    phone.goto(f"{portal_url}/ht/")

    phone.goto(f"{portal_url}/")

    assert path_of(phone) == "/ht/"


def test_it_searches_with_javascript_disabled(no_script: Page, portal_url: str) -> None:
    query = "permis de séjour"
    no_script.goto(f"{portal_url}/fr/")

    no_script.get_by_role("searchbox").fill(query)
    no_script.locator("form.search button").click()
    no_script.wait_for_url("**/fr/search/?q=*")

    assert path_of(no_script) == "/fr/search/"
    assert parse_qs(urlsplit(no_script.url).query) == {"q": [query]}
    expect(no_script.get_by_role("searchbox")).to_have_value(query)


@pytest.mark.screenshots  # deselected by default; `make screenshots` runs it
@pytest.mark.parametrize("language", ["es", "ht"])
def test_it_saves_phone_screenshots_of_the_home_page(
    phone: Page, portal_url: str, language: str
) -> None:
    response = phone.goto(f"{portal_url}/{language}/")
    assert response is not None
    assert response.ok, f"/{language}/ answered {response.status}; not saving an error page"
    target = SCREENSHOTS / f"home-{language}.png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    phone.screenshot(path=target, full_page=True)

    assert target.stat().st_size > 0
