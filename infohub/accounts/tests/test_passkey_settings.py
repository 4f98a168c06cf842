"""Passkeys' relying party and origins come from the site's address unless set."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "INFOHUB_ENV": "production",
    "INFOHUB_SECRET_KEY": secrets.token_urlsafe(64),
    "DATABASE_URL": "sqlite:////tmp/infohub-passkey-settings.sqlite3",
    "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION": "true",
    "INFOHUB_DATA_KEYS": "k1:" + secrets.token_urlsafe(32),
    "INFOHUB_DATA_HASH_KEY": secrets.token_urlsafe(32),
}
PRINT = (
    "from django.conf import settings as s; "
    "print(s.OTP_WEBAUTHN_RP_ID, ','.join(s.OTP_WEBAUTHN_ALLOWED_ORIGINS), "
    "s.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN)"
)


def passkey_settings(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("INFOHUB_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "infohub.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # Development: browsers accept no IP address, so the loopback one is localhost.
        ({}, "localhost http://localhost:8000 False"),
        (
            {"INFOHUB_PUBLIC_URL": "https://hub.example.org"},
            "hub.example.org https://hub.example.org False",
        ),
        (
            {"INFOHUB_PUBLIC_URL": "http://127.0.0.1:8123"},
            "localhost http://localhost:8123 False",
        ),
        # Production without a public address: the first allowed host, over HTTPS.
        (
            PRODUCTION | {"INFOHUB_ALLOWED_HOSTS": ".example.org,other.org"},
            "example.org https://example.org False",
        ),
        (
            {
                "INFOHUB_PUBLIC_URL": "https://hub.example.org",
                "INFOHUB_WEBAUTHN_RP_ID": "example.org",
                "INFOHUB_WEBAUTHN_ORIGINS": "https://hub.example.org,https://staff.example.org",
            },
            "example.org https://hub.example.org,https://staff.example.org False",
        ),
    ],
)
def test_the_relying_party_and_origins_follow_the_environment(
    env: dict[str, str], expected: str
) -> None:
    assert passkey_settings(**env) == expected
