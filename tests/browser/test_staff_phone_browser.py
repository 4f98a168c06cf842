"""Staff pages on a 360 px phone: nothing scrolls sideways, tables become stacked cards.

Community advisors and providers work from their phones. Each demo role signs in with
the key ``demo_logins --show-secrets`` prints, and the test opens every staff page of
that role at 360 px wide and measures the page: ``document.documentElement.scrollWidth``
must not exceed the viewport. So that detail pages exist and tables have rows, a hub
manager first records a person, screens them, refers them and records a consultation, and
a community advisor refers someone for a call; the provider then opens that referral and
a listing, and the data protection officer the person's record.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from infohub.demo.directory import demo_id
from tests.browser.inbox import hand_over
from tests.browser.staff import demo_authenticator, sign_in_with_code
from tests.browser.support import PHONE, Recorder, path_of

pytestmark = pytest.mark.browser

WIDTH = PHONE["width"]
UUID_PATH = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
LEGAL_AID_SAN_JOSE = demo_id("sal", "cr-san-jose", "legal-aid", "0")
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
        "/staff/inbox/",
        "/staff/tokens/",
    ],
    "demo-advisor": ["/staff/", "/staff/callbacks/", "/staff/callbacks/new/", "/staff/tokens/"],
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


def _screen_refer_and_consult(page: Page, portal_url: str, person_path: str) -> list[str]:
    """Screen the person, refer them to legal aid, record a consultation; the pages made."""
    person_id = person_path.split("/")[-2]
    screening_form = f"/staff/screenings/new/?person={person_id}"
    page.goto(f"{portal_url}{screening_form}")
    page.locator("main form input[name=criteria]").first.check()
    page.locator("main form button").click()
    page.wait_for_url(re.compile(r"/staff/screenings/[^/]+/$"))
    screening = path_of(page)
    referral_form = f"/staff/referrals/new/{person_id}/"
    page.goto(f"{portal_url}{referral_form}")
    form = page.locator("main form")
    form.locator("select[name=place]").select_option(LEGAL_AID_SAN_JOSE)
    form.locator("input[name=consents]").check()
    form.locator("button").click()
    page.wait_for_url(re.compile(f"/staff/referrals/{UUID_PATH}/$"))
    referral = path_of(page)
    consultation_form = f"/staff/consultations/new/?person={person_id}"
    page.goto(f"{portal_url}{consultation_form}")
    form = page.locator("main form")
    form.locator("input[name=migrant_status][value=transit]").check()
    form.locator("button").click()
    page.wait_for_url("**/staff/consultations/")
    return [screening_form, screening, referral_form, referral, consultation_form]


def _refer_someone_for_a_call(page: Page, portal_url: str) -> str:
    """The advisor's referral for a call, with a long name; the path of its page."""
    page.goto(f"{portal_url}/staff/callbacks/new/")
    form = page.locator("main form.callback")
    form.locator("input[name=name_or_alias]").fill("Wideloooooooongname-Call")
    form.locator("input[name=phone]").fill("+1 809 000 0099")
    form.locator("input[name=person_agreed]").check()
    form.locator("button").click()
    page.wait_for_url("**/staff/callbacks/?sent=1")
    return _first_link(page, f"/staff/callbacks/{UUID_PATH}/")


def _first_link(page: Page, pattern: str) -> str:
    """The first link on the page whose whole address matches ``pattern``."""
    hrefs: list[str | None] = page.locator("main a").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )
    return next(href for href in hrefs if href and re.fullmatch(pattern, href))


def _opened_by_the_provider(page: Page, portal_url: str) -> list[str]:
    """A referral from the inbox and a listing the provider keeps current."""
    page.goto(f"{portal_url}/staff/referrals/")
    referral = _first_link(page, f"/staff/referrals/{UUID_PATH}/")
    page.goto(f"{portal_url}/staff/listings/")
    return [referral, _first_link(page, r"/staff/listings/[^/?]+/")]


def _found_by_the_dpo(page: Page, portal_url: str, case_code: str) -> str:
    """The person's record as the DPO finds it by its case code."""
    page.goto(f"{portal_url}/staff/privacy/")
    form = page.locator("main form")
    form.locator("input[name=case_code]").fill(case_code)
    form.locator("button").click()
    page.wait_for_url(re.compile(r"/staff/privacy/people/[^/]+/$"))
    return path_of(page)


def test_every_staff_page_fits_a_360_px_phone(staff_phone: Page, portal_url: str) -> None:
    page = staff_phone
    recorder = Recorder(page)
    too_wide = []
    case_code = ""
    for username, paths in PAGES.items():
        page.context.clear_cookies()
        sign_in_with_code(page, portal_url, username, demo_authenticator(portal_url, username))
        extra: list[str] = []
        if username == "demo-manager":
            person = _record_a_person(page, portal_url)
            case_code = page.locator("main dl.facts dd").first.inner_text().strip()
            extra = [person, *_screen_refer_and_consult(page, portal_url, person)]
            handed = hand_over(portal_url, chat_id=730_000_201, consent=True)
            extra.append(f"/staff/inbox/{handed.conversation}/")
        elif username == "demo-advisor":
            extra = [_refer_someone_for_a_call(page, portal_url)]
        elif username == "demo-provider":
            extra = _opened_by_the_provider(page, portal_url)
        elif username == "demo-dpo":
            extra = [_found_by_the_dpo(page, portal_url, case_code)]
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
