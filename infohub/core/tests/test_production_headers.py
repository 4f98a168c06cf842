"""HSTS, secure cookies, the HTTPS redirect of pages and the API's refusal of plain HTTP in
production, in a real settings module."""

import os
import subprocess
import sys

from infohub.core.tests.test_production_settings import PRODUCTION, ROOT

PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
# An API path: pages would need collected static files, which this probe has not.
response = Client().get("/api/v1/me", secure=True)
insecure = Client().get("/api/v1/me")
page = Client().get("/es/")  # redirected before any template is rendered
health = Client().get("/healthz")
print(response["Strict-Transport-Security"])
print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SECURE)
print(insecure.status_code, insecure.json()["error"]["code"], insecure.has_header("Location"))
print(page.status_code, page["Location"])
print(health.status_code)
"""


def test_production_sends_hsts_secure_cookies_redirects_pages_and_refuses_plain_api() -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("INFOHUB_", "DATABASE_"))}
    env = {**clean, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "infohub.settings"}
    env["INFOHUB_ALLOWED_HOSTS"] = "testserver"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    hsts, cookies, api, redirect, health = result.stdout.strip().splitlines()
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert cookies == "True True True"
    assert api == "403 https_required False"
    assert redirect == "301 https://testserver/es/"
    # Health probes come over plain HTTP from inside the network; only the DB matters.
    assert health in {"200", "503"}
