"""Staff pages on a 360 px phone: nothing scrolls sideways, tables become stacked cards.

Community advisors and providers work from their phones. Each demo role signs in with
the key ``demo_logins --show-secrets`` prints, and the test opens every staff page of
that role at 360 px wide and measures the page: ``document.documentElement.scrollWidth``
must not exceed the viewport. A hub manager first records a person, so the person page
and its tables have rows.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.staff import demo_authenticator, sign_in_with_code
from tests.browser.support import PHONE, Recorder

pytestmark = pytest.mark.browser

WIDTH = PHONE["width"]
UUID_PATH = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
PAGES = {
    "demo-manager": [
        "/staff/",
        "/staff/consultations/",
        "/staff/consultations/new/",
        "/staff/people/",
        "/staff/people/new/",
        "/staff/referrals/",
        "/staff/callbacks/",
        "/staff/screenings/actions/",
        "/staff/dashboard/",
        "/staff/privacy/",
    ],
    "demo-advisor": ["/staff/", "/staff/callbacks/", "/staff/callbacks/new/"],
    "demo-provider": ["/staff/", "/staff/referrals/", "/staff/listings/"],
    "demo-dpo": ["/staff/", "/staff/privacy/", "/staff/privacy/audit/"],
}


@pytest.fixture
def staff_phone(browser: Browser) -> Iterator[Page]:
    """A 360 px wide page, JavaScript on, whose browser prefers English."""
    context = browser.new_context(viewport=PHONE, locale="en")
    yield context.new_page()
    context.close()


def _page_width(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


def _wider_than_the_phone(page: Page, portal_url: str, path: str) -> str | None:
    response = page.goto(f"{portal_url}{path}")
    assert response is not None
    assert response.status == 200, path
    width = _page_width(page)
    return f"{path}: {width}px" if width > WIDTH else None


def _record_a_person(page: Page, portal_url: str) -> str:
    """A person with a document and a consent; the path of their page."""
    page.goto(f"{portal_url}/staff/people/new/")
    form = page.locator("main form[action='/staff/people/new/']")
    form.locator("select[name=legal_basis]").select_option("consent")
    form.locator("input[name=given_names]").fill("Wideloooooooongname-Demo")
    form.locator("select[name=nationality]").select_option("HT")
    form.locator("input[name=phone]").fill("+506 0000 0099")
    form.locator("input[name=consent_record]").check()
    form.locator("button").click()
    page.wait_for_url(re.compile(f"/staff/people/{UUID_PATH}/$"))
    return page.url.removeprefix(portal_url)


def test_every_staff_page_fits_a_360_px_phone(staff_phone: Page, portal_url: str) -> None:
    page = staff_phone
    recorder = Recorder(page)
    too_wide = []
    for username, paths in PAGES.items():
        page.context.clear_cookies()
        sign_in_with_code(page, portal_url, username, demo_authenticator(portal_url, username))
        extra = [_record_a_person(page, portal_url)] if username == "demo-manager" else []
        for path in [*paths, *extra]:
            if (problem := _wider_than_the_phone(page, portal_url, path)) is not None:
                too_wide.append(problem)
    assert too_wide == []
    assert recorder.page_errors == []


def test_a_table_becomes_stacked_cards_on_a_phone(staff_phone: Page, portal_url: str) -> None:
    page = staff_phone
    sign_in_with_code(
        page, portal_url, "demo-counsellor-do", demo_authenticator(portal_url, "demo-counsellor-do")
    )
    page.goto(f"{portal_url}/staff/consultations/")
    table = page.locator("main table").first
    expect(table).to_be_visible()
    assert table.evaluate("(t) => getComputedStyle(t).display") == "block"
    assert _page_width(page) <= WIDTH
