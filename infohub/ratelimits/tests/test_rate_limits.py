"""Search, the JSON API and the webhooks answer 429 to one client over its limit."""

import datetime as dt
import json
import uuid
from typing import Any

import pytest
import time_machine
from django.test import Client

from infohub.accounts.services import api_token_create
from infohub.ratelimits.models import RateCounter
from infohub.testing.personas import World

pytestmark = pytest.mark.django_db

# In the middle of a minute, so that a few requests stay within one window.
NOW = dt.datetime(2026, 3, 2, 12, 0, 20, tzinfo=dt.UTC)
IP = "203.0.113.7"


@pytest.fixture(autouse=True)
def _limits(settings: Any) -> None:
    settings.INFOHUB_RATE_LIMITS_ENABLED = True
    settings.INFOHUB_RATE_LIMIT_WINDOW_SECONDS = 60
    settings.INFOHUB_RATE_LIMITS = {"search": 2, "api": 3, "webhooks": 5}


def _get(path: str, *, ip: str = IP, **headers: str) -> Any:
    return Client(REMOTE_ADDR=ip, headers=headers).get(path)


def test_the_request_after_the_limit_gets_429_with_retry_after_in_the_error_shape() -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            assert _get("/api/v1/articles").status_code == 200
        refused = _get("/api/v1/articles")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    body = json.loads(refused.content)
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["message"]
    assert body["error"]["details"] == {"retry_after": 40}


def test_another_address_is_not_held_back() -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(4):
            _get("/api/v1/articles")
        assert _get("/api/v1/articles").status_code == 429
        assert _get("/api/v1/articles", ip="198.51.100.4").status_code == 200


def test_it_allows_the_client_again_once_the_window_has_passed() -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(4):
            _get("/api/v1/articles")
        assert _get("/api/v1/articles").status_code == 429
    with time_machine.travel(NOW + dt.timedelta(seconds=40), tick=False):
        assert _get("/api/v1/articles").status_code == 200


def test_old_windows_are_pruned_when_a_new_one_starts() -> None:
    with time_machine.travel(NOW, tick=False):
        _get("/api/v1/articles")
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        _get("/api/v1/articles", ip="198.51.100.4")
    assert RateCounter.objects.count() == 1


def test_two_tokens_behind_one_address_are_counted_apart(world: World) -> None:
    _, first = api_token_create(user=world.counsellor_a)
    _, second = api_token_create(user=world.counsellor_b)
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            assert _get("/api/v1/me", Authorization=f"Bearer {first}").status_code != 429
        assert _get("/api/v1/me", Authorization=f"Bearer {first}").status_code == 429
        assert _get("/api/v1/me", Authorization=f"Bearer {second}").status_code == 200


def test_invented_tokens_do_not_escape_the_limit_of_their_address() -> None:
    with time_machine.travel(NOW, tick=False):
        for n in range(3):
            assert _get("/api/v1/me", Authorization=f"Bearer made-up-{n}").status_code == 401
        assert _get("/api/v1/me", Authorization="Bearer made-up-9").status_code == 429


def test_search_has_its_own_limit_apart_from_the_rest_of_the_api() -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(2):
            assert _get("/api/v1/search?q=visa").status_code == 200
        assert _get("/api/v1/search?q=visa").status_code == 429
        assert _get("/api/v1/articles").status_code == 200


def test_the_webhooks_have_their_own_higher_limit() -> None:
    path = f"/channels/{uuid.uuid4()}/receive"
    with time_machine.travel(NOW, tick=False):
        statuses = [Client(REMOTE_ADDR=IP).post(path, {}).status_code for _ in range(6)]
    assert 429 not in statuses[:5]
    assert statuses[5] == 429


def test_other_pages_are_not_limited() -> None:
    with time_machine.travel(NOW, tick=False):
        assert all(_get("/ht/").status_code == 200 for _ in range(6))
    assert not RateCounter.objects.exists()


def test_the_counters_hold_no_raw_address_or_token(world: World) -> None:
    _, token = api_token_create(user=world.counsellor_a)
    with time_machine.travel(NOW, tick=False):
        _get("/api/v1/articles")
        _get("/api/v1/me", Authorization=f"Bearer {token}")
    stored = " ".join(f"{row.group} {row.key}" for row in RateCounter.objects.all())
    assert RateCounter.objects.count() == 2
    assert IP not in stored
    assert token not in stored


def test_a_page_over_the_limit_gets_the_429_page_in_the_readers_language() -> None:
    with time_machine.travel(NOW, tick=False):
        for _ in range(2):
            _get("/ht/search/?q=viza")
        refused = _get("/ht/search/?q=viza")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    html = refused.content.decode()
    assert 'lang="ht"' in html
    assert "Twòp demann soti nan koneksyon ou." in html
