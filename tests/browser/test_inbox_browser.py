"""The messaging inbox in a real Chromium, on a phone: from a handover to a consultation.

A person writes to Demo Hub San Isidro's Telegram bot (a channel pointed at the local
stand-in for Telegram's API) in Haitian Creole and asks for a person. The demo counsellor
signs in with the second factor, finds them waiting on the desk and in the inbox, takes
the conversation (the person is told in Kreyòl that a counsellor joined), replies, closes
it and records the consultation, whose channel is already "Messaging". The webhook and
``send_outbox`` run against the live server, as a provider and cron would.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from infohub.messaging.tests.support import TELEGRAM
from infohub.testing.fake_provider import FakeProvider, fake_provider
from infohub.testing.live_server import manage_output
from tests.browser.inbox import hand_over
from tests.browser.staff import demo_authenticator, sign_in_with_code
from tests.browser.support import PHONE, Recorder

pytestmark = pytest.mark.browser

COUNSELLOR = "demo-counsellor"  # counsellor in Demo Hub San Isidro (CR)
CHAT_ID = 730_000_001
REPLY = "Bonjou! Mwen se konseye a. Ki jan m ka ede w?"
JOINED = "Yon konseye antre nan konvèsasyon an. Ou ka ekri isit la."


@pytest.fixture
def staff_phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized page, JavaScript on, whose browser prefers English."""
    context = browser.new_context(viewport=PHONE, locale="en")
    yield context.new_page()
    context.close()


@pytest.fixture
def telegram() -> Iterator[FakeProvider]:
    with fake_provider() as server:
        yield server


def _texts_sent(telegram: FakeProvider) -> list[str]:
    path = f"/bot{TELEGRAM['token']}/sendMessage"
    return [r.json["text"] for r in telegram.requests if r.path == path]


def _button(page: Page, name: str) -> Locator:
    return page.locator("main form button", has_text=name)


def test_a_counsellor_takes_replies_closes_and_records_the_consultation(
    staff_phone: Page, portal_url: str, telegram: FakeProvider
) -> None:
    reference = hand_over(portal_url, chat_id=CHAT_ID, api_base=telegram.url).reference
    page = staff_phone
    recorder = Recorder(page)

    sign_in_with_code(page, portal_url, COUNSELLOR, demo_authenticator(portal_url, COUNSELLOR))
    expect(page.locator("main .desk a[href='/staff/inbox/']")).to_contain_text("waiting")
    page.locator("main .desk a[href='/staff/inbox/']").click()
    page.wait_for_url("**/staff/inbox/")
    row = page.locator("main table tr", has_text=reference)
    expect(row).to_contain_text("Telegram")
    expect(row).to_contain_text("Kreyòl")
    expect(page.locator("main")).not_to_contain_text(str(CHAT_ID))
    row.locator("a").click()
    expect(page.locator("main h1")).to_have_text(f"Conversation {reference}")
    expect(page.locator("main table")).to_contain_text("MOUN")

    _button(page, "Take this conversation").click()
    expect(page.locator("main dl.facts")).to_contain_text("With a counsellor")
    page.locator("main textarea[name=text]").fill(REPLY)
    _button(page, "Send").click()
    expect(page.locator("main table")).to_contain_text(REPLY)
    manage_output(portal_url, "send_outbox")
    assert _texts_sent(telegram)[-2:] == [JOINED, REPLY]

    _button(page, "Close the conversation").click()
    expect(page.locator("main dl.facts")).to_contain_text("Closed")
    page.locator("main a", has_text="Record a consultation from this conversation").click()
    page.wait_for_url("**/staff/consultations/new/?conversation=*")
    form = page.locator("main form")
    expect(form.locator("input[name=channel][value=messaging]")).to_be_checked()
    expect(page.locator("main")).to_contain_text(f"From conversation {reference}.")
    form.locator("input[name=migrant_status][value=transit]").check()
    form.locator("button").click()
    page.wait_for_url("**/staff/consultations/")
    expect(page.locator("main .notice[role=status]")).to_have_text("Consultation recorded.")
    expect(page.locator("main table tr").nth(1)).to_contain_text("Messaging")
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert recorder.third_party_urls(portal_url) == []
