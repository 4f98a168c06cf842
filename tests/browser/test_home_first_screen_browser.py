"""On a 360 px phone, the three main actions are on the first screen, in every language,
and the hub directory they lead to needs nothing from another host."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import PHONE, Recorder, path_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["es", "en", "fr", "ht"])
def test_the_three_main_actions_are_visible_without_scrolling(
    phone: Page, portal_url: str, lang: str
) -> None:
    phone.goto(f"{portal_url}/{lang}/")

    actions = phone.locator("ul.actions > li > a")
    expect(actions).to_have_count(3)
    for i in range(3):
        link = actions.nth(i)
        expect(link).to_be_visible()
        expect(link.locator("svg")).to_be_visible()
        box = link.bounding_box()
        assert box is not None
        assert box["y"] >= 0
        assert box["y"] + box["height"] <= PHONE["height"], (lang, i, box)
        assert box["height"] >= 48  # a thumb-sized target
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_from_the_home_page_to_a_hub_and_its_callback_form(phone: Page, portal_url: str) -> None:
    recorder = Recorder(phone)
    phone.goto(f"{portal_url}/ht/")

    phone.locator('#hubs a[href="/ht/hubs/"]').click()
    phone.wait_for_url("**/ht/hubs/")
    hub = phone.locator("section.hub").filter(has_text="Santo Domingo Este").first
    expect(hub).to_contain_text("Kreyòl ayisyen")
    expect(hub.locator('a[href^="https://wa.me/"]')).to_be_visible()
    expect(hub.locator('a[href^="https://www.openstreetmap.org/"]')).to_be_visible()
    hub.locator('a[href*="/ht/callback/?hub="]').click()
    phone.wait_for_url("**/ht/callback/?hub=*")
    phone.wait_for_load_state("networkidle")

    assert path_of(phone) == "/ht/callback/"
    chosen = phone.locator("select#id_hub option:checked")
    expect(chosen).to_contain_text("Santo Domingo Este")
    assert recorder.third_party_urls(portal_url) == []
    assert recorder.console_errors == []
