"""The public portal in a real Chromium: language picker, language memory, no-JS search."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Request,
    ViewportSize,
    expect,
)

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 360, "height": 640}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized context whose browser prefers Spanish."""
    context = browser.new_context(viewport=PHONE, locale="es")
    yield context.new_page()
    context.close()


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized context with JavaScript turned off."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
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
            self.console_errors.append(f"{message.text} [{message.location.get('url')}]")

    def _on_page_error(self, error: Error) -> None:
        self.page_errors.append(str(error))

    def third_party_urls(self, base_url: str) -> list[str]:
        """Requests that left the portal's own origin (data: and blob: never do)."""
        own = (f"{base_url}/", "data:", "blob:")
        return [url for url in self.request_urls if not url.startswith(own)]


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
