"""A real server process for browser tests and benchmarks.

It runs gunicorn, as production does, on a loopback port against its own SQLite file
with the demo data, so tests exercise the same stack a visitor reaches.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# The environment of each running server, by base URL, for commands run against it.
_ENVIRONMENTS: dict[str, dict[str, str]] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_environment(workdir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "infohub.settings",
        "INFOHUB_ENV": "development",
        "INFOHUB_DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "INFOHUB_STATIC_ROOT": str(workdir / "static"),
        # Browser tests and benchmarks send many requests from one address on purpose.
        "INFOHUB_RATE_LIMITS": "false",
    }
    env.pop("CI", None)  # the server behaves as on a developer machine
    env.update(extra or {})
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def manage_output(base_url: str, *args: str, stdin: str | None = None) -> str:
    """Run a management command against the running server's database; its output."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=_ENVIRONMENTS[base_url],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        input=stdin,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _wait_until_healthy(base_url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not become healthy in time")


@contextmanager
def live_server(
    *, workers: int = 2, extra_env: dict[str, str] | None = None, port: int | None = None
) -> Iterator[str]:
    """Yield the base URL of a freshly migrated server with demo data; stop it afterwards.

    ``port`` is for a test whose settings must name the address before the server starts
    (passkeys need the exact origin); by default any free port.
    """
    with tempfile.TemporaryDirectory(prefix="infohub-live-") as tmp:
        workdir = Path(tmp)
        env = server_environment(workdir, extra_env)
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo")
        _manage(env, "collectstatic", "--noinput")
        port = port or free_port()
        base_url = f"http://127.0.0.1:{port}"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "infohub.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            _wait_until_healthy(base_url, process, timeout=30)
            _ENVIRONMENTS[base_url] = env
            yield base_url
        finally:
            _ENVIRONMENTS.pop(base_url, None)
            process.terminate()
            process.wait(timeout=10)
