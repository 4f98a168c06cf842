"""The callback request in a real Chromium: a phone, Haitian Creole, JavaScript off."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import Recorder, path_of

pytestmark = pytest.mark.browser


def test_a_phone_without_javascript_asks_a_hub_to_call_back_in_kreyol(
    no_script: Page, portal_url: str
) -> None:
    recorder = Recorder(no_script)
    no_script.goto(f"{portal_url}/ht/callback/")
    expect(no_script.locator("html")).to_have_attribute("lang", "ht")
    # The call's language starts as the page's.
    expect(no_script.locator("select[name=language]")).to_have_value("ht")

    no_script.locator("select[name=hub]").select_option(index=1)  # the first demo hub
    no_script.locator("input[name=name_or_alias]").fill("Ti Mari")
    no_script.locator("input[name=phone]").fill("+509 3700 1234")
    no_script.locator("select[name=topic]").select_option(index=1)
    no_script.locator("form.callback button").click()
    no_script.wait_for_load_state("networkidle")  # late requests (favicon, beacons) are seen too

    assert path_of(no_script) == "/ht/callback/"
    expect(no_script.locator("html")).to_have_attribute("lang", "ht")
    expect(no_script.locator("h1")).to_have_text("Mèsi")  # "Thank you" in Creole
    expect(no_script.locator("main")).to_contain_text("Demo Hub")
    expect(no_script.locator("main .notice")).to_be_visible()
    expect(no_script.locator("form")).to_have_count(0)
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []
