"""Casework in a real Chromium, on a phone: from a hub's consultation to a completed referral.

A demo counsellor of Demo Hub San Isidro signs in with a second factor, records an
anonymous consultation, records a person with their consent to a counselling record and
refers them, with their consent, to the demo legal-aid service in San José. The demo
provider's staff (Demo Legal Aid Clinic, linked to that service's organization by
``load_demo``, with a demo data-sharing agreement for the given names and the phone)
sign in with theirs, see only those two fields, accept the referral, start work and
complete it with an outcome; the counsellor then sees it completed.

``load_demo`` enrolled the demo accounts' authenticators: the test reads each key from
``demo_logins --show-secrets``, as a newcomer would type it into an app, and computes
the codes itself. A code is accepted only once per 30-second step, so a second sign-in
waits for a fresh step. The staff pages follow the browser's language: English.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from infohub.demo.data import DEMO_PASSWORD
from infohub.demo.directory import demo_id
from tests.browser.staff import Authenticator, demo_authenticator, submit_form
from tests.browser.support import PHONE, Recorder, path_of

pytestmark = pytest.mark.browser

COUNSELLOR = "demo-counsellor"  # counsellor in Demo Hub San Isidro (CR)
PROVIDER = "demo-provider"  # provider staff of Demo Legal Aid Clinic
HUB_NAME = "Demo Hub San Isidro"
PROVIDER_NAME = "Demo Legal Aid Clinic (illustrative)"
# The demo legal-aid service at its one place in San José (ids are fixed by the demo).
LEGAL_AID_SAN_JOSE = demo_id("sal", "cr-san-jose", "legal-aid", "0")
GIVEN_NAMES = "Marisol"
FAMILY_NAMES = "Ejemplo Demo"
PHONE_NUMBER = "+506 0000 0042"
OUTCOME = "Advice given on the asylum application; a second appointment is booked."

UUID_PATH = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
CASE_CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}")


@pytest.fixture
def staff_phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page, JavaScript on, whose browser prefers English."""
    context = browser.new_context(viewport=PHONE, locale="en")
    yield context.new_page()
    context.close()


def _sign_in(page: Page, portal_url: str, username: str) -> None:
    page.goto(f"{portal_url}/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    submit_form(form)


def _second_step(page: Page, app: Authenticator) -> None:
    """The code page comes before any staff page opens."""
    page.wait_for_url("**/accounts/2fa/verify/")
    form = page.locator("main form")
    form.locator("input[name=code]").fill(app.code())
    submit_form(form)
    page.wait_for_url("**/staff/")


def _sign_out(page: Page, portal_url: str) -> None:
    page.locator("header form[action='/accounts/logout/'] button").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{portal_url}/staff/")  # the session is gone: back to the sign-in page
    assert path_of(page) == "/accounts/login/"


def _facts(page: Page, heading: str) -> Locator:
    """The value cell of the referral table's row headed ``heading``."""
    return page.locator("main table tr", has=page.locator("th", has_text=heading)).locator("td")


def _steps_offered(page: Page) -> list[str]:
    """The statuses the signed-in side may move the referral to, from the forms' ``to``."""
    fields = page.locator("main form input[name=to]").all()
    return [field.get_attribute("value") or "" for field in fields]


def _step_form(page: Page, to: str) -> Locator:
    return page.locator("main form", has=page.locator(f"input[name=to][value={to}]"))


def _record_an_anonymous_consultation(page: Page) -> None:
    """One screen, one submit; the defaults cover everything but the migrant status."""
    page.locator("main a[href='/staff/consultations/new/']").first.click()
    page.wait_for_url("**/staff/consultations/new/")
    form = page.locator("main form")
    expect(form.locator("select[name=hub]")).to_have_count(0)  # one hub: no choice to make
    expect(form.locator("input[name=channel][value=in_person]")).to_be_checked()
    form.locator("input[name=migrant_status][value=transit]").check()
    form.locator("input[name=topics][value=regularization]").check()
    submit_form(form)
    page.wait_for_url("**/staff/consultations/")
    expect(page.locator("main .notice[role=status]")).to_have_text("Consultation recorded.")
    newest = page.locator("main table tr").nth(1)  # under the header, newest first
    for text in (HUB_NAME, "In person", "Information given", "Anonymous"):
        expect(newest).to_contain_text(text)


def _record_a_person_with_consent(
    page: Page,
    *,
    given_names: str = GIVEN_NAMES,
    family_names: str = FAMILY_NAMES,
    phone: str = PHONE_NUMBER,
) -> str:
    """Create the record from the staff home page; return its case code.

    Tests sharing one live server give different people, or the second is a duplicate.
    """
    page.locator("main a[href='/staff/']").click()
    page.locator("main a[href='/staff/people/']").click()
    page.locator("main a[href='/staff/people/new/']").click()
    page.wait_for_url("**/staff/people/new/")
    form = page.locator("main form[action='/staff/people/new/']")
    form.locator("select[name=legal_basis]").select_option("consent")
    form.locator("input[name=given_names]").fill(given_names)
    form.locator("input[name=family_names]").fill(family_names)
    form.locator("select[name=nationality]").select_option("HT")
    form.locator("input[name=phone]").fill(phone)
    form.locator("input[name=consent_record]").check()
    expect(form.locator("select[name=notice_language]")).to_have_value("en")
    submit_form(form)
    page.wait_for_url(re.compile(f"/staff/people/{UUID_PATH}/$"))
    case_code = page.locator("main dl.facts dd").first.inner_text()
    assert CASE_CODE.fullmatch(case_code), case_code
    expect(page.locator("main .notice[role=status]")).to_have_text(
        f"Person record {case_code} created."
    )
    expect(page.locator("main h1")).to_have_text(f"Person {case_code}")
    expect(page.locator("main dl.facts")).to_contain_text(family_names)
    expect(page.locator("main dl.facts")).to_contain_text("Haiti")
    expect(page.locator("main")).to_contain_text("Keeping a counselling record")
    return case_code


def _refer_to_legal_aid(page: Page, case_code: str) -> str:
    """From the person's page, with the consent ticked on the same screen; return its path."""
    page.locator("main a[href^='/staff/referrals/new/']").click()
    page.wait_for_url(re.compile(f"/staff/referrals/new/{UUID_PATH}/$"))
    form = page.locator("main form")
    place = form.locator("select[name=place]")
    expect(place.locator(f"option[value='{LEGAL_AID_SAN_JOSE}']")).to_contain_text(PROVIDER_NAME)
    place.select_option(LEGAL_AID_SAN_JOSE)
    expect(form.locator("input[name=consents]")).to_have_attribute("required", "")
    form.locator("input[name=consents]").check()
    submit_form(form)
    page.wait_for_url(re.compile(f"/staff/referrals/{UUID_PATH}/$"))
    expect(_facts(page, "Status")).to_have_text("Sent")
    expect(_facts(page, "Case code")).to_have_text(case_code)
    expect(_facts(page, "Service")).to_contain_text("Free legal advice, San José (demo)")
    expect(_facts(page, "Provider")).to_have_text(PROVIDER_NAME)
    assert _steps_offered(page) == ["withdrawn"]  # the hub can only withdraw it now
    return path_of(page)


def _accept_start_and_complete(page: Page, referral_path: str, case_code: str) -> None:
    """The provider's side, from the staff home page to a completed referral."""
    page.locator("main a[href='/staff/referrals/']").click()
    page.wait_for_url("**/staff/referrals/")
    inbox_row = page.locator("main table tr", has=page.locator(f"a[href='{referral_path}']"))
    expect(inbox_row).to_contain_text("Sent")
    inbox_row.locator("a").click()
    page.wait_for_url(f"**{referral_path}")
    # The demo clinic's data-sharing agreement gives it the given names and the phone:
    # it sees those, never the family names, the nationality or the hub's case code.
    shared = page.locator("main table").nth(1)
    expect(shared).to_contain_text(GIVEN_NAMES)
    expect(shared).to_contain_text(PHONE_NUMBER)
    html = page.content()
    for withheld in (case_code, FAMILY_NAMES, "Haiti"):
        assert withheld not in html, withheld
    assert _steps_offered(page) == ["accepted", "declined"]

    submit_form(_step_form(page, "accepted"))
    expect(_facts(page, "Status")).to_have_text("Accepted")
    assert _steps_offered(page) == ["in_progress", "closed"]
    submit_form(_step_form(page, "in_progress"))
    expect(_facts(page, "Status")).to_have_text("In progress")
    completing = _step_form(page, "completed")
    expect(completing.locator("textarea[name=reason]")).to_have_attribute("required", "")
    completing.locator("textarea[name=reason]").fill(OUTCOME)
    submit_form(completing)
    expect(_facts(page, "Status")).to_have_text("Completed")
    expect(page.locator("main form input[name=to]")).to_have_count(0)  # completed is final
    history = page.locator("main ol li")
    expect(history).to_have_count(4)  # sent, accepted, in progress, completed
    expect(history.last).to_contain_text(OUTCOME)


def test_a_counsellor_refers_a_person_and_the_provider_completes_the_referral(
    staff_phone: Page, portal_url: str
) -> None:
    page = staff_phone
    recorder = Recorder(page)

    # The counsellor signs in; nothing under /staff/ opens before the second factor.
    counsellor_app = demo_authenticator(portal_url, COUNSELLOR)
    _sign_in(page, portal_url, COUNSELLOR)
    page.wait_for_url("**/accounts/2fa/verify/")
    page.goto(f"{portal_url}/staff/")
    assert path_of(page) == "/accounts/2fa/verify/"
    _second_step(page, counsellor_app)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main h1")).to_contain_text(COUNSELLOR)
    _record_an_anonymous_consultation(page)
    case_code = _record_a_person_with_consent(page)
    referral_path = _refer_to_legal_aid(page, case_code)
    _sign_out(page, portal_url)

    # The provider's staff sign in with their own authenticator and work the referral.
    _sign_in(page, portal_url, PROVIDER)
    _second_step(page, demo_authenticator(portal_url, PROVIDER))
    _accept_start_and_complete(page, referral_path, case_code)
    _sign_out(page, portal_url)

    # The counsellor signs in again, now through the code check, and sees it completed.
    _sign_in(page, portal_url, COUNSELLOR)
    _second_step(page, counsellor_app)
    page.locator("main a[href='/staff/referrals/']").click()
    page.wait_for_url("**/staff/referrals/")
    sent_row = page.locator("main table tr", has=page.locator(f"a[href='{referral_path}']"))
    expect(sent_row.locator("a")).to_have_text(case_code)
    expect(sent_row).to_contain_text("Completed")
    page.wait_for_load_state("networkidle")  # late requests (favicon, beacons) are seen too

    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []
