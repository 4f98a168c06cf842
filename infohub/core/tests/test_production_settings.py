"""Production refuses development defaults; `check --deploy` is clean when configured."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GOOD_SECRET = "x7Kq!p2Lm9Zr4Vt8Wn1Ys6Bd3Hf5Jg0Qc-Ae7Ru2Ix9Ok4Pl1Mz8"  # 50+ chars, varied

PRODUCTION = {
    "INFOHUB_ENV": "production",
    "INFOHUB_SECRET_KEY": GOOD_SECRET,
    "INFOHUB_ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "sqlite:////tmp/infohub-deploy-check.sqlite3",
    "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION": "true",  # no PostgreSQL server for a check
    # Fresh random keys for each run: production refuses the development ones.
    "INFOHUB_DATA_KEYS": "k1:" + secrets.token_urlsafe(32),
    "INFOHUB_DATA_HASH_KEY": secrets.token_urlsafe(32),
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("INFOHUB_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_fully_configured_production_passes_check_deploy_without_warnings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing_or_bad", "complaint"),
    [
        ({"INFOHUB_SECRET_KEY": ""}, "INFOHUB_SECRET_KEY"),
        (
            {"INFOHUB_SECRET_KEY": "insecure-development-key-never-use-in-production"},
            "INFOHUB_SECRET_KEY",
        ),
        ({"INFOHUB_SECRET_KEY": "short"}, "INFOHUB_SECRET_KEY"),
        ({"INFOHUB_ALLOWED_HOSTS": ""}, "INFOHUB_ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"INFOHUB_DEBUG": "true"}, "INFOHUB_DEBUG"),
        ({"INFOHUB_DEBUG": "maybe"}, "INFOHUB_DEBUG"),
        ({"INFOHUB_BENCH_URLS": "true"}, "INFOHUB_BENCH_URLS"),
        (
            {"INFOHUB_OIDC_CLIENT_ID": "hub", "INFOHUB_OIDC_NAME": "Org"},
            "INFOHUB_OIDC_ISSUER",
        ),
    ],
)
def test_production_refuses_to_start_with_defaults_or_bad_values(
    missing_or_bad: dict[str, str], complaint: str
) -> None:
    result = manage("check", **{**PRODUCTION, **missing_or_bad})
    assert result.returncode != 0
    assert complaint in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_sqlite_database_unless_explicitly_allowed() -> None:
    refused = manage("check", **{**PRODUCTION, "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION": ""})
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert "DATABASE_URL must point to PostgreSQL, not sqlite:" in refused.stderr
    assert "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION=true" in refused.stderr
    allowed = manage("check", **{**PRODUCTION, "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION": "true"})
    assert allowed.returncode == 0, allowed.stderr


def test_development_keeps_its_sqlite_default() -> None:
    result = manage("check", INFOHUB_ENV="development")
    assert result.returncode == 0, result.stderr


def test_a_malformed_cache_url_is_refused_without_repeating_its_password() -> None:
    url = "http://admin:hunter2-secret@cache.internal:6379"
    result = manage("check", **{**PRODUCTION, "INFOHUB_SHARED_CACHE_URL": url})
    assert result.returncode != 0
    assert "INFOHUB_SHARED_CACHE_URL" in result.stderr
    assert "hunter2-secret" not in result.stderr


def test_production_cookies_carry_the_host_prefix() -> None:
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.LANGUAGE_COOKIE_NAME,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE,"
        " s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN, s.SESSION_COOKIE_PATH)"
    )
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "__Host-language",
        "True",
        "True",
        "True",
        "None",
        "None",
        "/",
    ]
