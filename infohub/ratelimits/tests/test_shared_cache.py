"""With a shared cache configured, the limits count in it: real Redis and Memcached servers.

Each server is started by the test on a free local port. Without the server's binary the
test is skipped, except under CI=true, where ``.ci/run`` installs both.
"""

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from infohub.env import env_cache
from infohub.protection.hashing import keyed_hash
from infohub.ratelimits.models import RateCounter
from infohub.ratelimits.services import rate_count, window_current

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 12, 0, 20, tzinfo=dt.UTC)
IP = "203.0.113.9"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def _server(binary: str, *arguments: str) -> Iterator[int]:
    if shutil.which(binary) is None:
        missing = f"{binary} is not installed (Debian package {binary.split('-', maxsplit=1)[0]})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    port = _free_port()
    command = [binary, *(argument.format(port=port) for argument in arguments)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port)
        yield port
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(params=["redis", "memcached"])
def shared_cache_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "redis":
        arguments = ("--port", "{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
        for port in _server("redis-server", *arguments):
            yield f"redis://127.0.0.1:{port}/0"
    else:
        for port in _server(
            "memcached", "-u", "nobody", "-l", "127.0.0.1", "-p", "{port}", "-U", "0"
        ):
            yield f"memcached://127.0.0.1:{port}"


@pytest.fixture
def limits(settings: Any, shared_cache_url: str) -> str:
    settings.INFOHUB_RATE_LIMITS_ENABLED = True
    settings.INFOHUB_RATE_LIMIT_WINDOW_SECONDS = 60
    settings.INFOHUB_RATE_LIMITS = {"search": 2, "api": 3, "webhooks": 5}
    settings.CACHES = {**settings.CACHES, "shared": env_cache_from(shared_cache_url)}
    return shared_cache_url


def env_cache_from(url: str) -> dict[str, str]:
    os.environ["INFOHUB_TEST_SHARED_CACHE_URL"] = url
    try:
        config = env_cache("INFOHUB_TEST_SHARED_CACHE_URL")
    finally:
        del os.environ["INFOHUB_TEST_SHARED_CACHE_URL"]
    assert config is not None
    return config


def test_the_limit_is_counted_in_the_shared_cache_not_the_database(limits: str) -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            assert Client(REMOTE_ADDR=IP).get("/api/v1/articles").status_code == 200
        refused = Client(REMOTE_ADDR=IP).get("/api/v1/articles")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert not RateCounter.objects.exists()


def test_another_process_counts_on_from_the_same_number(limits: str) -> None:
    """A second Python process, as another web process or machine would, shares the count."""
    with time_machine.travel(NOW, tick=False):
        for _ in range(2):
            Client(REMOTE_ADDR=IP).get("/api/v1/articles")
    key = keyed_hash(f"ip:{IP}", purpose="rate_limit")
    window = window_current(seconds=60, now=NOW)
    code = (
        "import datetime as dt;"
        "from infohub.ratelimits.services import rate_hit, window_current;"
        f"window = window_current(seconds=60, now=dt.datetime.fromisoformat('{NOW.isoformat()}'));"
        f"print(rate_hit(group='api', key='{key}', window=window))"
    )
    environment = {**os.environ, "INFOHUB_SHARED_CACHE_URL": limits, "INFOHUB_ENV": "test"}
    other = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert other.stdout.strip().splitlines()[-1] == "3"
    assert rate_count(group="api", key=key, window=window) == 3


def test_a_cache_that_does_not_answer_lets_requests_through(limits: str, settings: Any) -> None:
    dead = _free_port()
    scheme = "redis" if limits.startswith("redis") else "memcached"
    url = f"redis://127.0.0.1:{dead}/0" if scheme == "redis" else f"memcached://127.0.0.1:{dead}"
    settings.CACHES = {**settings.CACHES, "shared": env_cache_from(url)}
    for _ in range(5):
        assert Client(REMOTE_ADDR=IP).get("/api/v1/articles").status_code == 200


def test_a_bad_cache_url_stops_the_start_with_its_name() -> None:
    from django.core.exceptions import ImproperlyConfigured

    os.environ["INFOHUB_TEST_SHARED_CACHE_URL"] = "http://cache.example"
    try:
        with pytest.raises(ImproperlyConfigured, match="INFOHUB_TEST_SHARED_CACHE_URL"):
            env_cache("INFOHUB_TEST_SHARED_CACHE_URL")
    finally:
        del os.environ["INFOHUB_TEST_SHARED_CACHE_URL"]
