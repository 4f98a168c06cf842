"""The demo accounts' authenticators, so a newcomer can sign in as every role at once.

``load_demo`` gives each demo account whose role needs a second factor an authenticator
with a random key, through an enrolment link as every account must (issued and used here
at once); ``demo_logins --show-secrets`` prints the keys (never in production), to be
typed or scanned into an authenticator app.
"""

import base64
from dataclasses import dataclass

from infohub.accounts.authentication import confirmed_device
from infohub.accounts.enrolment import enrolment_link_issue, second_factor_provision_with_link
from infohub.accounts.models import User
from infohub.accounts.selectors import user_requires_second_factor
from infohub.demo.data import STAFF


@dataclass(frozen=True)
class DemoSecret:
    username: str
    base32: str  # the key as authenticator apps ask for it
    uri: str  # the otpauth:// URI a QR code would hold


def demo_accounts() -> list[User]:
    usernames = [username for username, *_rest in STAFF]
    return list(User.objects.filter(username__in=usernames).order_by("username"))


def enrol_demo_authenticators() -> int:
    """Give every demo account that needs one an authenticator; how many were missing."""
    enrolled = 0
    for user in demo_accounts():
        if user_requires_second_factor(user=user) and confirmed_device(user=user) is None:
            issued = enrolment_link_issue(user=user, actor=None)
            second_factor_provision_with_link(token=issued.token, user=user)
            enrolled += 1
    return enrolled


def demo_secrets() -> dict[str, DemoSecret]:
    """Each enrolled demo account's key, by username."""
    secrets = {}
    for user in demo_accounts():
        device = confirmed_device(user=user)
        if device is not None:
            key = base64.b32encode(device.bin_key).decode().rstrip("=")
            secrets[user.username] = DemoSecret(user.username, key, device.config_url)
    return secrets
