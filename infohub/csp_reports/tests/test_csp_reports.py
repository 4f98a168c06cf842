"""Browsers' CSP reports become counts per day, directive and blocked host; nothing else."""

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from django.test import Client, override_settings

from infohub.accounts.models import User
from infohub.csp_reports.models import CspViolationCount
from infohub.csp_reports.parsing import blocked_of
from infohub.testing.personas import PASSWORD, World, enrol_authenticator, sign_in

pytestmark = pytest.mark.django_db

URL = "/csp-report"
PERSON_ID = "8c1d7e52-4d7a-4f1e-9a43-0b5f3f2a9e11"


def _report(blocked: str, directive: str = "script-src-elem") -> dict[str, Any]:
    return {
        "csp-report": {
            "document-uri": f"https://hub.example.org/staff/people/{PERSON_ID}/",
            "referrer": f"https://hub.example.org/staff/people/{PERSON_ID}/edit/",
            "violated-directive": directive,
            "effective-directive": directive,
            "original-policy": "default-src 'self'; report-uri /csp-report",
            "blocked-uri": blocked,
            "script-sample": "alert('Marie')",
            "status-code": 200,
        }
    }


def _post(client: Client, body: object, content_type: str = "application/csp-report") -> Any:
    return client.post(
        URL,
        json.dumps(body),
        content_type=content_type,
        headers={"User-Agent": "Mozilla/5.0 (Linux; Android 9; SM-J260M)"},
        REMOTE_ADDR="203.0.113.77",
    )


def _counts() -> set[tuple[str, str, int]]:
    return set(CspViolationCount.objects.values_list("directive", "blocked", "count"))


def test_it_keeps_only_the_directive_the_blocked_host_and_the_day() -> None:
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        response = _post(Client(), _report(f"https://evil.example.com/x/{PERSON_ID}?id=5"))
    assert response.status_code == 204
    (row,) = CspViolationCount.objects.values()
    assert (row["day"], row["directive"], row["blocked"], row["count"]) == (
        dt.date(2026, 12, 7),
        "script-src-elem",
        "evil.example.com",
        1,
    )
    stored = " ".join(str(value) for value in row.values())
    for secret in (PERSON_ID, "id=5", "203.0.113", "Android", "Marie", "staff/people"):
        assert secret not in stored


def test_it_counts_inline_and_eval_as_such_and_adds_up_repeated_reports() -> None:
    client = Client()
    for blocked in ("inline", "inline", "eval", "data:", "chrome-extension://abc/x.js"):
        assert _post(client, _report(blocked)).status_code == 204
    assert _counts() == {
        ("script-src-elem", "inline", 2),
        ("script-src-elem", "eval", 1),
        ("script-src-elem", "data", 1),
        ("script-src-elem", "extension", 1),
    }


def test_it_reads_the_reporting_api_format_too() -> None:
    reports = [
        {
            "type": "csp-violation",
            "url": f"https://hub.example.org/es/{PERSON_ID}",
            "body": {"effectiveDirective": "img-src", "blockedURL": "https://cdn.example.net/a"},
        },
        {"type": "deprecation", "body": {}},
    ]
    assert _post(Client(), reports, "application/reports+json").status_code == 204
    assert _counts() == {("img-src", "cdn.example.net", 1)}


@pytest.mark.parametrize(
    ("blocked", "kept"),
    [
        ("HTTPS://Evil.Example.com:8443/p?q=1", "evil.example.com"),
        ("", "unknown"),
        ("javascript:alert(1)", "other"),
        ("https://user:pw@host.example/", "host.example"),
        ("https://[::1]/x", "other"),
    ],
)
def test_it_reduces_a_blocked_address_to_its_host(blocked: str, kept: str) -> None:
    assert blocked_of(blocked) == kept


@override_settings(INFOHUB_CSP_REPORT_MAX_BYTES=1024)
def test_it_refuses_a_body_over_the_limit_with_413_in_the_error_shape() -> None:
    report = _report("inline")
    report["csp-report"]["script-sample"] = "x" * 2000
    response = _post(Client(), report)
    assert response.status_code == 413
    assert response.json()["error"]["details"] == {"limit_bytes": 1024}
    assert not CspViolationCount.objects.exists()


@override_settings(INFOHUB_CSP_REPORTS_DAILY_CAP=3)
def test_it_stops_counting_at_the_daily_cap_and_starts_again_the_next_day() -> None:
    client = Client()
    with time_machine.travel(dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC), tick=False):
        for host in ("a.example", "b.example", "c.example", "d.example", "a.example"):
            assert _post(client, _report(f"https://{host}/")).status_code == 204
    assert sum(count for _, _, count in _counts()) == 3
    with time_machine.travel(dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC), tick=False):
        _post(client, _report("https://d.example/"))
    assert CspViolationCount.objects.filter(day=dt.date(2026, 12, 8)).count() == 1


def test_it_refuses_what_is_not_a_report_and_answers_only_posts() -> None:
    client = Client()
    assert _post(client, {"hello": "world"}).status_code == 400
    assert client.post(URL, b"{not json", content_type="application/csp-report").status_code == 400
    assert client.get(URL).status_code == 405
    assert not CspViolationCount.objects.exists()


def test_the_policy_tells_browsers_where_to_report() -> None:
    policy = Client().get("/es/")["Content-Security-Policy"]
    assert "report-uri /csp-report" in policy


def test_a_superuser_reads_the_counts_and_nobody_edits_them(world: World) -> None:
    _post(Client(), _report("inline"))
    root = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    enrol_authenticator(root)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, root)
    listing = client.get("/admin/csp_reports/cspviolationcount/")
    assert listing.status_code == 200
    assert b"inline" in listing.content
    row = CspViolationCount.objects.get()
    assert client.get("/admin/csp_reports/cspviolationcount/add/").status_code == 403
    change = client.post(f"/admin/csp_reports/cspviolationcount/{row.pk}/change/", {"count": 9})
    assert change.status_code in (302, 403)
    row.refresh_from_db()
    assert row.count == 1
    delete = client.post(f"/admin/csp_reports/cspviolationcount/{row.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert CspViolationCount.objects.exists()
