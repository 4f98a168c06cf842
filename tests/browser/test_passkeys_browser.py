"""A counsellor adds a passkey, signs out, signs in again with password and passkey.

Chromium's virtual authenticator (DevTools' WebAuthn domain) plays the security key. A
passkey works only for a host name, never an IP address, so this test runs its own
server, reached as localhost, whose relying party and origin come from
INFOHUB_PUBLIC_URL the way a deployment's do.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from infohub.demo.data import DEMO_PASSWORD
from infohub.testing.live_server import free_port, live_server, manage_output
from tests.browser.staff import demo_authenticator, sign_in_with_code, submit_form
from tests.browser.support import Recorder, click_and_wait

pytestmark = pytest.mark.browser

USERNAME = "demo-counsellor"
AUDIT_COUNTS = (
    "from infohub.audit.models import AuditEvent as A; "
    "print(*(A.objects.filter(action=f'second_factor.{a}').count() "
    "for a in ('passkey_register', 'passkey_verify', 'recovery_generate')))"
)


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, str]]:
    """(the server's own base URL, the same server as http://localhost:PORT)."""
    port = free_port()
    site = f"http://localhost:{port}"
    with live_server(workers=1, port=port, extra_env={"INFOHUB_PUBLIC_URL": site}) as url:
        yield url, site


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en")
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield page
    context.close()


def test_a_counsellor_signs_in_with_password_and_passkey(
    page: Page, server: tuple[str, str]
) -> None:
    base_url, site = server
    recorder = Recorder(page)
    app = demo_authenticator(base_url, USERNAME)
    sign_in_with_code(page, site, USERNAME, app)

    # Adding a passkey asks for a new code first, even in a verified session.
    page.goto(f"{site}/accounts/2fa/passkeys/")
    confirm = page.locator("main form.fresh-code")
    confirm.locator("input[name=code]").fill(app.code())
    submit_form(confirm)
    page.locator("#passkey-register-button").click()
    # The page loads again once the passkey is registered, and lists it.
    page.wait_for_selector("form[action$='/remove/']")
    assert page.locator("form[action$='/remove/']").count() == 1

    click_and_wait(page, page.locator("form[action='/accounts/logout/'] button"))
    page.goto(f"{site}/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(USERNAME)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    submit_form(form)
    page.wait_for_url("**/accounts/2fa/verify/")
    page.locator("#passkey-verification-button").click()
    page.wait_for_url("**/staff/")

    desk = page.locator("main")
    assert "1 passkey" in " ".join(desk.inner_text().split())

    # The passkey also confirms it is them before new recovery codes are made.
    page.goto(f"{site}/accounts/2fa/recovery/")
    page.locator("#passkey-verification-button").click()
    page.wait_for_selector("button[name=passkey]")
    click_and_wait(page, page.locator("button[name=passkey]"))
    assert page.locator("ol.recovery-codes li").count() == 10

    # Adding the passkey, signing in and confirming with it are in the audit log.
    counts = manage_output(base_url, "shell", "-c", AUDIT_COUNTS).splitlines()[-1].split()
    assert counts == ["1", "2", "1"]
    # The library's scripts ran under the strict CSP without a violation.
    assert recorder.console_errors == []
    assert recorder.page_errors == []
