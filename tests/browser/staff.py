"""Staff sign-in for browser tests: the demo accounts' authenticators, as a newcomer uses them.

``load_demo`` enrols an authenticator for each demo account that needs one, and
``demo_logins --show-secrets`` prints its key; the test runs that command against the
live server's database, types the key into its own "authenticator app" and signs in
through the real pages.
"""

import base64
import time
from dataclasses import dataclass

from django_otp.oath import hotp
from playwright.sync_api import Locator, Page

from infohub.demo.data import DEMO_PASSWORD
from infohub.testing.live_server import manage_output
from tests.browser.support import click_and_wait

STEP = 30  # seconds: django-otp's default TOTP step, the one every demo device uses


@dataclass
class Authenticator:
    """The app on the person's phone: the key typed in from ``demo_logins --show-secrets``."""

    key: bytes
    last_step: int = -1

    @classmethod
    def from_shown_key(cls, shown: str) -> "Authenticator":
        text = "".join(shown.split()).upper()
        return cls(base64.b32decode(text + "=" * (-len(text) % 8)))

    def code(self) -> str:
        """The code shown now, waiting first for a step whose code was not used yet."""
        while (step := int(time.time()) // STEP) <= self.last_step:
            time.sleep(STEP - time.time() % STEP + 0.1)
        self.last_step = step
        return f"{int(hotp(self.key, step)):06d}"


def demo_authenticator(portal_url: str, username: str) -> Authenticator:
    """The demo account's authenticator, from the key ``demo_logins --show-secrets`` prints."""
    lines = manage_output(portal_url, "demo_logins", "--show-secrets").splitlines()
    at = next(i for i, line in enumerate(lines) if line.split()[:1] == [username])
    label, key = lines[at + 1].split()
    assert label == "key", lines[at + 1]
    return Authenticator.from_shown_key(key)


def submit_form(form: Locator) -> None:
    """Send a form by its button and wait for the page that answers it."""
    click_and_wait(form.page, form.locator("button"))


def sign_in_with_code(page: Page, portal_url: str, username: str, app: Authenticator) -> None:
    """Password, then the code from the authenticator; ends on the staff desk."""
    page.goto(f"{portal_url}/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    submit_form(form)
    page.wait_for_url("**/accounts/2fa/verify/")
    for _attempt in range(2):
        form = page.locator("main form")
        form.locator("input[name=code]").fill(app.code())
        submit_form(form)
        if not page.url.endswith("/accounts/2fa/verify/"):
            break
        # Another test used this step's code for the same account: wait for the next one.
    page.wait_for_url("**/staff/")
