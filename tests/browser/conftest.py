"""Fixtures for browser tests: one Chromium and one live server for the whole session."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from infohub.testing.live_server import live_server
from tests.browser.support import PHONE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Send every browser test to the same xdist worker (``--dist loadgroup``).

    Each worker that runs one starts its own Chromium and live server, with a migrated
    database and the demo data: once is enough.
    """
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright; missing Chromium fails in CI, skips elsewhere."""
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
        pytest.skip("Chromium not installed: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def portal_url() -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT``) of a gunicorn server with the demo data."""
    with live_server() as url:
        yield url


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized context whose browser prefers Spanish."""
    context = browser.new_context(viewport=PHONE, locale="es")
    yield context.new_page()
    context.close()


@pytest.fixture
def no_script(browser: Browser) -> Iterator[Page]:
    """A page in a fresh phone-sized context with JavaScript turned off."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()
