"""Helpers shared by the browser tests."""

import os
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Error, Locator, Page, Request, ViewportSize

PHONE: ViewportSize = {"width": 360, "height": 640}


class Recorder:
    """Everything a page asked for and complained about while it was watched."""

    def __init__(self, page: Page) -> None:
        self.request_urls: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)

    def _on_request(self, request: Request) -> None:
        self.request_urls.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} [{message.location.get('url')}]")

    def _on_page_error(self, error: Error) -> None:
        self.page_errors.append(str(error))

    def third_party_urls(self, base_url: str) -> list[str]:
        """Requests that left the portal's own origin (data: and blob: never do)."""
        own = (f"{base_url}/", "data:", "blob:")
        return [url for url in self.request_urls if not url.startswith(own)]


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def click_and_wait(page: Page, button: Locator) -> None:
    """Click a button or link and wait for the page it leads to.

    Without the wait, the next look at the page can still see the old one, or none while
    the new one is being committed, and a test reads a question that is not there.
    """
    with page.expect_navigation():
        button.click()


ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node" / "node_modules" / "axe-core" / "axe.min.js"
# Each violation as one line: the rule, its impact, what it asks and where it fails.
_AXE_RUN = """async () => {
    const result = await axe.run(document);
    return result.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds wrong on the page as it is now, one line per rule.

    The portal's CSP refuses an injected script tag, so axe's source is evaluated through
    the DevTools protocol, which the CSP does not govern. axe-core comes from ``node/``
    (``make node-deps``); without it the check fails under CI and is skipped elsewhere.
    """
    if not AXE_SCRIPT.exists():
        missing = f"axe-core not installed at {AXE_SCRIPT}: run `make node-deps`"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    violations = page.evaluate(_AXE_RUN)
    return [
        f"{item['rule']} ({item['impact']}): {item['help']} at {', '.join(item['nodes'][:5])}"
        for item in violations
    ]


@cache
def _axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation of its default rules (WCAG 2 A/AA and best practices)."""
    violations = axe_violations(page)
    assert violations == [], f"{path_of(page)}:\n  " + "\n  ".join(violations)
