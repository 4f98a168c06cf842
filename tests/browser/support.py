"""Helpers shared by the browser tests."""

from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Error, Page, Request, ViewportSize

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
