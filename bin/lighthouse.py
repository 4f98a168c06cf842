#!/usr/bin/env python
"""Run Lighthouse on the portal's key pages and fail below the required scores.

A live gunicorn server with the demo data (``infohub.testing.live_server``) serves the
pages; Lighthouse 12 (``node/``, installed by ``make node-deps``) audits each with
Debian's Chromium, never a browser of its own, in its default mobile emulation and
throttling. Every page must score 100 in accessibility, best practices and SEO and at
least 95 in performance (the median of five runs when the first is lower, since
performance varies with the machine's load). The script prints each page's scores and,
for a page that fails, the audits that cost it points; it exits 1 if any page fails.

Usage: bin/lighthouse.py [--keep DIR]  (DIR receives each page's JSON report)
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infohub.settings")

import django  # noqa: E402

django.setup()

from infohub.demo.directory import service_id  # noqa: E402
from infohub.testing.live_server import live_server  # noqa: E402

LIGHTHOUSE = ROOT / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu "
    "--disable-background-networking --disable-component-update"
)
LANGUAGES = ("es", "ht")
# (name, path after the language prefix): the pages a migrant reaches first.
PAGES = (
    ("home", "/"),
    ("article", "/articles/regularization-programmes/"),
    ("service", f"/services/{service_id('mx-tapachula', 'legal-aid')}/"),
    ("pathway finder", "/pathways/find/"),
    ("callback form", "/callback/"),
)
REQUIRED = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PERFORMANCE_RUNS = 5  # runs whose median counts when a page's first is below the floor


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run; a run that crashes (it can lose its trace on a busy machine) is
    tried once more before it counts as a failure."""
    try:
        return _run_lighthouse(url, report)
    except subprocess.CalledProcessError:
        print(f"       Lighthouse stopped on {url}: trying once more", flush=True)
        return _run_lighthouse(url, report)


def _run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(REQUIRED)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    subprocess.run(command, env=env, check=True, timeout=180)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def scores(result: dict[str, Any]) -> dict[str, int]:
    return {
        key: round((category["score"] or 0) * 100) for key, category in result["categories"].items()
    }


def failing_audits(result: dict[str, Any], category: str) -> list[str]:
    """The weighted audits of ``category`` that did not pass, with Lighthouse's title."""
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"{ref['id']}: {audit['title']}{value}")
    return lines


def below(result: dict[str, Any]) -> list[str]:
    got = scores(result)
    return [key for key, floor in REQUIRED.items() if got.get(key, 0) < floor]


def audit_page(url: str, shown_path: str, report: Path) -> bool:
    """Audit one page, print its scores and what fails; return whether it passes.

    Accessibility, best practices and SEO do not vary between runs; performance does,
    with the machine's load (Lighthouse measures the real main thread, then scales it).
    A page below the performance floor is measured four more times and the median of its
    five runs counts, as Lighthouse's documentation advises for variable scores.
    """
    try:
        result = run_lighthouse(url, report)
        runs = 1
        if below(result) == ["performance"]:
            results = [result, *(run_lighthouse(url, report) for _ in range(PERFORMANCE_RUNS - 1))]
            results.sort(key=lambda each: scores(each)["performance"])
            result = results[len(results) // 2]
            runs = len(results)
            report.write_text(json.dumps(result), encoding="utf-8")
    except (subprocess.SubprocessError, OSError, ValueError) as error:
        print(f"FAIL {shown_path}: Lighthouse did not finish ({error})", flush=True)
        return False
    got = scores(result)
    low = below(result)
    shown = "  ".join(f"{key} {got.get(key, 0):3d}" for key in REQUIRED)
    note = f"  (performance: median of {runs} runs)" if runs > 1 else ""
    print(f"{'FAIL' if low else 'ok  '} {shown_path:<55} {shown}{note}", flush=True)
    for key in low:
        for line in failing_audits(result, key):
            print(f"       {key}: {line}")
    return not low


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="folder for each page's JSON report")
    args = parser.parse_args()
    missing = [
        what
        for what, present in (
            ("node", shutil.which("node") is not None),
            ("Lighthouse in node/ (make node-deps)", LIGHTHOUSE.exists()),
            (f"Chromium at {CHROMIUM}", Path(CHROMIUM).exists()),
        )
        if not present
    ]
    if missing:
        # As with the other optional tools, a skip outside CI, a failure under CI=true.
        print(f"Lighthouse cannot run, missing: {', '.join(missing)}.")
        return 2 if os.environ.get("CI", "").lower() == "true" else 0
    failures = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="infohub-lighthouse-") as tmp:
        reports = args.keep or Path(tmp)
        reports.mkdir(parents=True, exist_ok=True)
        with live_server() as base_url:
            for language in LANGUAGES:
                for name, path in PAGES:
                    url = f"{base_url}/{language}{path}"
                    report = reports / f"{language}-{name.replace(' ', '-')}.json"
                    failures += not audit_page(url, f"/{language}{path}", report)
    elapsed = time.monotonic() - started
    total = len(LANGUAGES) * len(PAGES)
    required = ", ".join(f"{key} >= {floor}" for key, floor in REQUIRED.items())
    print(f"{total - failures}/{total} pages meet {required} ({elapsed:.0f}s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
