"""A counsellor screens a child from the person page and refers them to child protection.

The demo counsellor of Demo Hub San Isidro records a person with consent, opens the
screening from the person's page, flags an unaccompanied child, and follows the
result's required action to a referral form that lists only the demo child protection
services (linked to the demo child protection office by ``load_demo``), nearest first.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.staff import demo_authenticator, sign_in_with_code
from tests.browser.support import Recorder
from tests.browser.test_casework_browser import (
    COUNSELLOR,
    UUID_PATH,
    _facts,
    _record_a_person_with_consent,
    staff_phone,  # noqa: F401 - the fixture, shared
)

pytestmark = pytest.mark.browser

CHILD = "Unaccompanied or separated child"
OFFICE = "Demo Child Protection Office (illustrative)"
CHILD_PROTECTION_SERVICE = "Child protection"  # the demo services, named in English


def test_a_counsellor_screens_a_child_from_the_person_page_and_refers_to_child_protection(
    staff_phone: Page,  # noqa: F811 - the fixture imported above
    portal_url: str,
) -> None:
    page = staff_phone
    recorder = Recorder(page)
    sign_in_with_code(page, portal_url, COUNSELLOR, demo_authenticator(portal_url, COUNSELLOR))
    page.goto(f"{portal_url}/staff/consultations/")  # its crumbs lead back to the desk
    case_code = _record_a_person_with_consent(
        page, given_names="Wilna", family_names="Egzanp Demo", phone="+506 0000 0077"
    )
    person_path = re.sub(r"^https?://[^/]+", "", page.url)

    page.locator("main a[href^='/staff/screenings/new/?person=']").click()
    page.wait_for_url("**/staff/screenings/new/?person=*")
    expect(page.locator("main")).to_contain_text(case_code)
    form = page.locator("main form")
    form.locator("label.check", has_text=CHILD).locator("input").check()
    form.locator("button").click()
    page.wait_for_url(re.compile(f"/staff/screenings/{UUID_PATH}/$"))
    expect(page.locator("main")).to_contain_text(CHILD)
    expect(page.locator(f"main a[href='{person_path}']")).to_have_count(1)

    page.locator("main a.refer").click()
    page.wait_for_url(re.compile(f"/staff/referrals/new/{UUID_PATH}/\\?category=child-protection$"))
    expect(page.locator("main .notice").first).to_contain_text("nearest to the hub first")
    options = page.locator("main select[name=place] option:not([value=''])")
    assert options.count() >= 1
    for text in options.all_inner_texts():
        assert OFFICE in text, text  # only child protection services
    form = page.locator("main form")
    form.locator("select[name=place]").select_option(index=1)
    form.locator("input[name=consents]").check()
    form.locator("button").click()
    page.wait_for_url(re.compile(f"/staff/referrals/{UUID_PATH}/$"))
    expect(_facts(page, "Status")).to_have_text("Sent")
    expect(_facts(page, "Case code")).to_have_text(case_code)
    expect(_facts(page, "Provider")).to_have_text(OFFICE)
    expect(_facts(page, "Service")).to_contain_text(CHILD_PROTECTION_SERVICE)

    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []
