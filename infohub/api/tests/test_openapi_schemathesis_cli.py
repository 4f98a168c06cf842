"""``schemathesis run --checks all`` itself, over HTTP, against a real gunicorn server.

The in-process run (test_openapi_schemathesis.py) drives every phase per role but cannot
run ``ignored_auth`` there. This one runs the command line tool exactly as an integrator
would, against the live server with the demo data: every check, ``ignored_auth``
included (each request sent again without credentials and with wrong ones), anonymous
and with a token of each role. The fuzzing phase only, with a fixed seed, keeps it to
about ten seconds a pass; the boundaries are the in-process run's coverage phase.
"""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from infohub.testing.live_server import live_server, manage_output

pytestmark = pytest.mark.security

# One demo account of each role (infohub/demo/data.py), and nobody.
ACCOUNTS = [
    None,
    "demo-admin",
    "demo-manager",
    "demo-counsellor",
    "demo-advisor",
    "demo-provider",
    "demo-editor",
    "demo-analyst",
    "demo-dpo",
]
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
# Rejection by the web server counts as rejection (a request line over its limit: 414).
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with live_server(workers=2) as url:
        yield url


def _token(server: str, username: str) -> str:
    return manage_output(server, "create_api_token", "--username", username).splitlines()[-1]


@pytest.mark.parametrize("username", ACCOUNTS, ids=lambda name: name or "anonymous")
def test_every_check_passes_over_http(server: str, username: str | None, tmp_path: Path) -> None:
    token = None if username is None else _token(server, username)
    headers = [] if token is None else ["-H", f"Authorization: Bearer {token}"]
    run = subprocess.run(
        [
            str(SCHEMATHESIS),
            "--no-color",
            "--config-file",
            str(CONFIG),
            "run",
            f"{server}/api/v1/openapi.json",
            "--checks",
            "all",
            "--phases",
            "fuzzing",
            "--max-examples",
            "10",
            "--seed",
            "20261208",
            *headers,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,  # the tool keeps its cache in the folder it runs in
    )
    assert run.returncode == 0, run.stdout[-6000:]
    summary = run.stdout.split("SUMMARY")[-1]
    assert "passed" in summary
    assert "❌" not in summary
