"""A local HTTP server standing in for the messaging providers' APIs.

Tests point a channel's ``api_base`` at it: it records every request and answers each
path with what the test programmed, or with a plausible success shaped like the provider's
own (WhatsApp Cloud API, Telegram Bot API, Twilio, an External API aggregator). Run it in
a thread with ``fake_provider()``, or as its own process for benchmarks::

    python -m infohub.testing.fake_provider --port 8765

which prints its URL. ``GET /_fake/count`` answers ``{"count": N}`` (requests recorded so
far, its own control paths left out) and ``POST /_fake/reset`` forgets them, so another
process can tell when every message has been sent.
"""

import argparse
import itertools
import json
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

CONTROL_PREFIX = "/_fake/"


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received, as it arrived."""

    method: str
    path: str  # without the query string
    query: dict[str, str]
    headers: dict[str, str]  # names lower-cased
    body: bytes
    json: Any = None  # the body parsed, when it was JSON
    form: dict[str, str] | None = None  # the body parsed, when it was form-encoded


@dataclass(frozen=True)
class Response:
    """What the server answers on a path."""

    status: int = 200
    json: Any = None  # None: an empty body
    delay: float = 0.0  # seconds to wait before answering, to provoke client timeouts
    headers: Mapping[str, str] = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up waiting (a timeout test) leaves a broken pipe: expected.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeProvider:
    """The server, its record of requests and its programmed responses."""

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._lock = threading.Condition()
        self._requests: list[RecordedRequest] = []
        self._programmed: dict[str, list[Response]] = {}
        self._ids = itertools.count(1)
        self._server = _Server((host, port), _handler_for(self))
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The server's root, without a trailing slash: a channel's ``api_base``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> "FakeProvider":
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def __enter__(self) -> "FakeProvider":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def respond(self, path: str, *responses: Response) -> None:
        """Answer ``path`` with these responses in turn; the last one from then on."""
        if not responses:
            raise ValueError("Give at least one response.")
        with self._lock:
            self._programmed[path] = list(responses)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request recorded so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def reset(self) -> None:
        """Forget the recorded requests and the programmed responses."""
        with self._lock:
            self._requests.clear()
            self._programmed.clear()

    def wait_for(self, count: int, *, timeout: float = 5.0) -> list[RecordedRequest]:
        """The recorded requests once there are at least ``count``; ``TimeoutError`` if not."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._requests) >= count, timeout=timeout):
                raise TimeoutError(f"{len(self._requests)} of {count} requests arrived.")
            return list(self._requests)

    def _record(self, request: RecordedRequest) -> Response:
        with self._lock:
            self._requests.append(request)
            self._lock.notify_all()
            queue = self._programmed.get(request.path)
            if queue:
                return queue.pop(0) if len(queue) > 1 else queue[0]
            return default_response(request.path, next(self._ids))

    def _control(self, method: str, path: str) -> Response:
        if method == "POST" and path == CONTROL_PREFIX + "reset":
            self.reset()
            return Response(json={"count": 0})
        with self._lock:
            return Response(json={"count": len(self._requests)})


def default_response(path: str, number: int) -> Response:
    """A success shaped like the provider's whose API path this is."""
    if path.endswith("/sendMessage"):
        return Response(json=_telegram_message(number))
    if path.endswith("/Messages.json"):
        return Response(status=201, json=_twilio_message(number))
    if path.endswith("/messages"):
        return Response(json=_whatsapp_message(number))
    return Response()  # an External API aggregator: any 2xx will do


def _whatsapp_message(number: int) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "contacts": [{"input": "", "wa_id": ""}],
        "messages": [{"id": f"wamid.FAKE{number:020d}"}],
    }


def _telegram_message(number: int) -> dict[str, Any]:
    return {
        "ok": True,
        "result": {
            "message_id": number,
            "date": int(time.time()),
            "chat": {"id": 0, "type": "private"},
            "text": "",
        },
    }


def _twilio_message(number: int) -> dict[str, Any]:
    return {
        "sid": f"SM{number:032x}",
        "status": "queued",
        "direction": "outbound-api",
        "num_segments": "1",
        "error_code": None,
        "error_message": None,
    }


def _handler_for(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def do_PUT(self) -> None:
            self._handle()

        def do_DELETE(self) -> None:
            self._handle()

        def log_message(self, format: str, *args: Any) -> None:
            """Stay quiet: a test's output is its own, and bodies may look personal."""

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if parts.path.startswith(CONTROL_PREFIX):
                self._answer(provider._control(self.command, parts.path))
                return
            request = _recorded(self.command, parts.path, parts.query, dict(self.headers), body)
            self._answer(provider._record(request))

        def _answer(self, response: Response) -> None:
            if response.delay:
                time.sleep(response.delay)
            payload = b"" if response.json is None else json.dumps(response.json).encode()
            self.send_response(response.status)
            if response.json is not None:
                self.send_header("Content-Type", "application/json")
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _recorded(
    method: str, path: str, query: str, headers: dict[str, str], body: bytes
) -> RecordedRequest:
    lowered = {name.lower(): value for name, value in headers.items()}
    content_type = lowered.get("content-type", "")
    parsed_json: Any = None
    form: dict[str, str] | None = None
    if "json" in content_type and body:
        parsed_json = json.loads(body)
    elif "x-www-form-urlencoded" in content_type:
        form = dict(parse_qsl(body.decode(), keep_blank_values=True))
    return RecordedRequest(
        method=method,
        path=path,
        query=dict(parse_qsl(query, keep_blank_values=True)),
        headers=lowered,
        body=body,
        json=parsed_json,
        form=form,
    )


@contextmanager
def fake_provider() -> Iterator[FakeProvider]:
    """A started server on a free loopback port, stopped on exit (wrap it in a fixture)."""
    with FakeProvider() as provider:
        yield provider


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A stand-in for the messaging providers' APIs.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    provider = FakeProvider(host=args.host, port=args.port)
    sys.stdout.write(provider.url + "\n")
    sys.stdout.flush()
    with suppress(KeyboardInterrupt):
        provider.serve_forever()


if __name__ == "__main__":
    main()
