"""Services near me in a real Chromium: from the home page to a legal-aid service, in Spanish."""

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from infohub.demo.directory import CONFIDENTIAL_SENTINELS, service_id
from tests.browser.support import PHONE, Recorder, path_of

pytestmark = pytest.mark.browser

LEGAL_AID = f"/es/services/{service_id('mx-tapachula', 'legal-aid')}/"


def test_from_the_home_page_a_legal_aid_service_near_a_municipality_opens_in_spanish(
    phone: Page, portal_url: str
) -> None:
    recorder = Recorder(phone)
    phone.goto(f"{portal_url}/es/")

    phone.locator('#services a[href="/es/services/"]').click()
    phone.wait_for_url("**/es/services/")
    phone.locator("select#m").select_option(label="Tapachula, Chiapas")
    phone.locator("select#category").select_option(value="legal-aid")
    phone.locator("form.near button:not(.locate)").click()
    phone.wait_for_url("**/es/services/?*")

    query = parse_qs(urlsplit(phone.url).query)
    assert query["m"] == ["MX|Chiapas|Tapachula"]
    assert query["category"] == ["legal-aid"]
    first = phone.locator("ol.services > li").first
    expect(first.locator("a").first).to_have_attribute("href", LEGAL_AID)
    expect(first).to_contain_text("km")
    first.locator("a").first.click()
    phone.wait_for_url(f"**{LEGAL_AID}")
    phone.wait_for_load_state("networkidle")

    assert path_of(phone) == LEGAL_AID
    expect(phone.locator("html")).to_have_attribute("lang", "es")
    expect(phone.locator("h1")).to_have_text("Asesoría legal gratuita, Tapachula (demo)")
    expect(phone.locator('a[href^="geo:"]')).to_have_count(1)
    expect(phone.locator('a[href^="tel:+52962"]').first).to_be_visible()
    expect(phone.locator("ul.hours")).to_contain_text("08:30")
    html = phone.content()
    assert all(sentinel not in html for sentinel in CONFIDENTIAL_SENTINELS)
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []


@pytest.fixture
def located_phone(browser: Browser) -> Iterator[Page]:
    """A phone in Dajabón that lets the site know where it is."""
    context = browser.new_context(
        viewport=PHONE,
        locale="es",
        geolocation={"latitude": 19.54817, "longitude": -71.70903},
        permissions=["geolocation"],
    )
    yield context.new_page()
    context.close()


def test_use_my_location_searches_around_the_phone_rounded_to_a_kilometre(
    located_phone: Page, portal_url: str
) -> None:
    recorder = Recorder(located_phone)
    located_phone.goto(f"{portal_url}/es/services/")

    located_phone.locator("button.locate").click()
    located_phone.wait_for_url("**/es/services/?*")

    query = parse_qs(urlsplit(located_phone.url).query)
    assert (query["lat"], query["lon"]) == (["19.55"], ["-71.71"])
    expect(located_phone.locator("ol.services > li").first).to_contain_text("Dajabón")
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []


def test_without_javascript_the_municipality_list_is_enough(
    no_script: Page, portal_url: str
) -> None:
    no_script.goto(f"{portal_url}/es/services/")
    expect(no_script.locator("button.locate")).to_have_count(0)

    no_script.locator("select#m").select_option(label="Dajabón")
    no_script.locator("form.near button").click()
    no_script.wait_for_url("**/es/services/?*")

    expect(no_script.locator("ol.services > li").first).to_contain_text("Dajabón")
