"""The public portal in a real Chromium: language picker, language memory, no-JS search."""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized context whose browser prefers Spanish."""
    context = browser.new_context(viewport=PHONE, locale="es")
    yield context.new_page()
    context.close()


class Recorder:
    """Everything a page asked for and complained about while it was watched."""

    def __init__(self, page: Page) -> None:
        self.request_urls: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)

    def _on_request(self, request: Request) -> None:
        self.request_urls.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_page_error(self, error: Error) -> None:
        self.page_errors.append(str(error))


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def test_it_switches_a_phone_from_spanish_to_kreyol_with_no_errors_and_no_third_party(
    phone: Page, portal_url: str
) -> None:
    recorder = Recorder(phone)
    phone.goto(f"{portal_url}/es/")
    spanish_heading = phone.locator("h1").inner_text()

    phone.locator("nav.langs").get_by_role("link", name="Kreyòl ayisyen").click()
    phone.wait_for_url("**/ht/")

    assert path_of(phone) == "/ht/"
    expect(phone.locator("html")).to_have_attribute("lang", "ht")
    expect(phone.locator("h1")).not_to_have_text(spanish_heading)
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    own_host = urlsplit(portal_url).netloc
    assert [url for url in recorder.request_urls if urlsplit(url).netloc != own_host] == []


def test_it_sends_a_visitor_back_to_the_language_they_last_chose(
    phone: Page, portal_url: str
) -> None:
    phone.goto(f"{portal_url}/ht/")

    phone.goto(f"{portal_url}/")

    assert path_of(phone) == "/ht/"


def test_it_searches_with_javascript_disabled(browser: Browser, portal_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    query = "permis de séjour"
    page.goto(f"{portal_url}/fr/")

    page.get_by_role("searchbox").fill(query)
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/fr/search/?q=*")

    assert path_of(page) == "/fr/search/"
    assert parse_qs(urlsplit(page.url).query) == {"q": [query]}
    expect(page.get_by_role("searchbox")).to_have_value(query)
    context.close()


@pytest.mark.skipif(
    os.environ.get("INFOHUB_SCREENSHOTS") != "1",
    reason="set INFOHUB_SCREENSHOTS=1 to rewrite docs/screenshots",
)
@pytest.mark.parametrize("language", ["es", "ht"])
def test_it_saves_phone_screenshots_of_the_home_page(
    phone: Page, portal_url: str, language: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(f"{portal_url}/{language}/")

    phone.screenshot(path=SCREENSHOTS / f"home-{language}.png", full_page=True)

    assert (SCREENSHOTS / f"home-{language}.png").stat().st_size > 0
