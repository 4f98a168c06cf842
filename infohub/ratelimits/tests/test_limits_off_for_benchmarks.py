"""Benchmark runs and the browser tests' server send many requests from one address."""

import os
import subprocess
import sys
from pathlib import Path

from infohub.testing.live_server import ROOT, server_environment

PROBE = """
import django
django.setup()
from django.conf import settings
print(settings.INFOHUB_RATE_LIMITS_ENABLED)
"""


def _enabled(**extra: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("INFOHUB_")}
    env = {**clean, "DJANGO_SETTINGS_MODULE": "infohub.settings", **extra}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_limits_are_on_by_default_outside_tests() -> None:
    assert _enabled(INFOHUB_ENV="development") == "True"


def test_a_benchmark_run_turns_the_limits_off() -> None:
    assert _enabled(INFOHUB_ENV="development", INFOHUB_BENCH_URLS="true") == "False"


def test_the_live_server_of_browser_tests_runs_without_limits(tmp_path: Path) -> None:
    assert server_environment(tmp_path)["INFOHUB_RATE_LIMITS"] == "false"
