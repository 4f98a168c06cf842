"""The key settings: parsed at start-up, malformed values and public keys refused."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from infohub.core.tests.test_production_settings import manage
from infohub.protection.keyring import (
    DEVELOPMENT_DATA_KEYS,
    DEVELOPMENT_HASH_KEY,
    parse_data_keys,
    parse_hash_key,
)
from infohub.protection.tests.conftest import K1, K2, new_key

ROOT = Path(__file__).resolve().parents[3]
HASH_KEY = new_key()
PRODUCTION = {
    "INFOHUB_ENV": "production",
    "INFOHUB_SECRET_KEY": "x7Kq!p2Lm9Zr4Vt8Wn1Ys6Bd3Hf5Jg0Qc-Ae7Ru2Ix9Ok4Pl1Mz8",
    "INFOHUB_ALLOWED_HOSTS": "hub.example.org",
    "DATABASE_URL": "sqlite:////tmp/infohub-protection-check.sqlite3",
    "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION": "true",  # no PostgreSQL server for a check
    "INFOHUB_DATA_KEYS": f"k2:{K2},k1:{K1}",
    "INFOHUB_DATA_HASH_KEY": HASH_KEY,
}


def test_production_starts_with_its_own_keys() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("bad", "complaint"),
    [
        ({"INFOHUB_DATA_KEYS": ""}, "INFOHUB_DATA_KEYS must be set to new keys"),
        ({"INFOHUB_DATA_KEYS": DEVELOPMENT_DATA_KEYS}, "INFOHUB_DATA_KEYS must be set to new"),
        (
            {"INFOHUB_DATA_KEYS": f"k2:{K2},{DEVELOPMENT_DATA_KEYS}"},
            "INFOHUB_DATA_KEYS must be set to new keys",
        ),
        ({"INFOHUB_DATA_KEYS": "k1:" + "A" * 43}, "INFOHUB_DATA_KEYS must hold random keys"),
        ({"INFOHUB_DATA_HASH_KEY": ""}, "INFOHUB_DATA_HASH_KEY must be set to a new key"),
        ({"INFOHUB_DATA_HASH_KEY": DEVELOPMENT_HASH_KEY}, "INFOHUB_DATA_HASH_KEY must be set"),
        ({"INFOHUB_DATA_HASH_KEY": K1}, "INFOHUB_DATA_HASH_KEY must differ"),
        ({"INFOHUB_DATA_KEYS": f"k1:{K1[:-2]}"}, "INFOHUB_DATA_KEYS entry 1 (key id 'k1')"),
        ({"INFOHUB_DATA_KEYS": f"k1:{K1}AAAA"}, "INFOHUB_DATA_KEYS entry 1 (key id 'k1')"),
        ({"INFOHUB_DATA_KEYS": f"k1:{K1},k1:{K2}"}, "key id 'k1' twice"),
        ({"INFOHUB_DATA_KEYS": K1}, "INFOHUB_DATA_KEYS entry 1 must be written id:key"),
        ({"INFOHUB_DATA_HASH_KEY": HASH_KEY[:20]}, "INFOHUB_DATA_HASH_KEY must be 32"),
    ],
)
def test_production_refuses_public_or_malformed_keys_without_echoing_them(
    bad: dict[str, str], complaint: str
) -> None:
    result = manage("check", **{**PRODUCTION, **bad})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr
    for key in (K1, K2, K1[:-2], HASH_KEY, HASH_KEY[:20]):
        assert key not in result.stderr


def test_development_refuses_malformed_keys_too() -> None:
    result = manage("check", INFOHUB_ENV="development", INFOHUB_DATA_KEYS=f"k1:{K1[:30]}")
    assert result.returncode != 0
    assert "INFOHUB_DATA_KEYS entry 1 (key id 'k1') must be 32 random bytes" in result.stderr
    assert K1[:30] not in result.stderr


def test_the_first_key_comes_first_and_padding_is_optional() -> None:
    padded = K2 + "="
    pairs = parse_data_keys(f" k2:{padded} , k1:{K1} ,")
    assert [key_id for key_id, _ in pairs] == ["k2", "k1"]
    assert all(len(key) == 32 for _, key in pairs)
    assert len(parse_hash_key(HASH_KEY)) == 32


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [
        ("", "at least one"),
        (f"K1:{K1}", "key id must be 1 to 16 characters"),
        (f"a_b:{K1}", "key id must be 1 to 16 characters"),
        (f"{'k' * 17}:{K1}", "key id must be 1 to 16 characters"),
        (f"k1:{K1.replace(K1[0], '+')}", "URL-safe base64"),
        (f"k1:{K1},k2:{K1}", "entries 1 and 2 hold the same key"),
        (["k1", K1], "must be a string"),
    ],
)
def test_malformed_key_lists_are_refused(raw: object, complaint: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="INFOHUB_DATA_KEYS") as caught:
        parse_data_keys(raw)
    assert complaint in str(caught.value)
    assert K1 not in str(caught.value)
