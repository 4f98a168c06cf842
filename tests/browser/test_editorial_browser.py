"""Editorial revisions in a real Chromium: a change to a published guide waits for a second editor.

The demo editor changes the Spanish title of a published demo guide in the admin and
sends it to review; meanwhile a reader keeps getting the live version (never a 404)
and never the new title. The editor cannot publish their own change; a second editor,
created for the test with ``create_staff``, publishes it, and the reader sees it.
Editors sign in with a password only.
"""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from infohub.demo.data import DEMO_PASSWORD
from infohub.testing.live_server import manage_output
from tests.browser.support import PHONE, click_and_wait, path_of

pytestmark = pytest.mark.browser

SLUG = "family-reunification-basics"
LIVE_TITLE = "Reunificación familiar: lo básico"
NEW_TITLE = "Reunificación familiar: lo esencial"
READER_PATH = f"/es/articles/{SLUG}/"


@pytest.fixture
def desk(browser: Browser) -> Iterator[Page]:
    """A phone-sized page whose browser prefers English, as the admin is used."""
    context = browser.new_context(viewport=PHONE, locale="en")
    yield context.new_page()
    context.close()


@pytest.fixture
def reader(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="es")
    yield context.new_page()
    context.close()


def _sign_in(page: Page, portal_url: str, username: str, password: str) -> None:
    page.goto(f"{portal_url}/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button").click()
    page.wait_for_url("**/staff/**")


def _act(page: Page, portal_url: str, article_pk: str, action: str) -> None:
    """Run an admin action on the guide from the list of articles."""
    page.goto(f"{portal_url}/admin/articles/article/?q={SLUG}")
    page.locator(f"input[name=_selected_action][value='{article_pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()
    page.wait_for_load_state()


def _assert_live_version(reader: Page, portal_url: str) -> None:
    response = reader.goto(f"{portal_url}{READER_PATH}")
    assert response is not None
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(LIVE_TITLE)


def test_a_change_to_a_published_guide_stays_invisible_until_a_second_editor_publishes_it(
    desk: Page, reader: Page, browser: Browser, portal_url: str
) -> None:
    created = manage_output(
        portal_url, "create_staff", "--username", "demo-editor-two", "--role", "editor",
        "--org", "demo-hub-network",
    )  # fmt: skip
    match = re.search(r"Generated password, shown once: (\S+)", created)
    assert match is not None
    second_password = match.group(1)

    _assert_live_version(reader, portal_url)

    _sign_in(desk, portal_url, "demo-editor", DEMO_PASSWORD)
    desk.goto(f"{portal_url}/admin/articles/article/?q={SLUG}")
    click_and_wait(desk, desk.get_by_role("link", name=SLUG, exact=True))
    found = re.search(r"/admin/articles/article/(\d+)/change/", path_of(desk))
    assert found is not None
    article_pk = found.group(1)
    desk.goto(f"{portal_url}/admin/articles/article/{article_pk}/translate/es/")
    expect(desk.locator("input[name=title]")).to_have_value(LIVE_TITLE)
    desk.locator("input[name=title]").fill(NEW_TITLE)
    desk.locator("form input[type=submit]").click()
    desk.wait_for_url(f"**/admin/articles/article/{article_pk}/change/")
    expect(desk.locator(".editorial-diff ins").first).to_contain_text(NEW_TITLE)

    _assert_live_version(reader, portal_url)
    expect(reader.locator("body")).not_to_contain_text(NEW_TITLE)

    _act(desk, portal_url, article_pk, "submit_for_review")
    _assert_live_version(reader, portal_url)

    _act(desk, portal_url, article_pk, "publish")
    expect(desk.locator(".messagelist")).to_contain_text("second person")
    _assert_live_version(reader, portal_url)

    reviewer_context = browser.new_context(viewport=PHONE, locale="en")
    reviewer = reviewer_context.new_page()
    try:
        _sign_in(reviewer, portal_url, "demo-editor-two", second_password)
        reviewer.goto(f"{portal_url}/admin/articles/article/{article_pk}/change/")
        expect(reviewer.locator(".editorial-diff del").first).to_contain_text(LIVE_TITLE)
        _act(reviewer, portal_url, article_pk, "publish")
        expect(reviewer.locator(".messagelist")).to_contain_text("1 article(s) updated.")
    finally:
        reviewer_context.close()

    response = reader.goto(f"{portal_url}{READER_PATH}")
    assert response is not None
    assert response.status == 200
    expect(reader.locator("h1")).to_have_text(NEW_TITLE)
