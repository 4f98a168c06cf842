"""Keyed hashes for duplicate detection, and the normal form of identifiers."""

import base64
import hashlib
import hmac
from typing import Any

import pytest

from infohub.protection.hashing import keyed_hash, normalise_identifier
from infohub.protection.tests.conftest import K1, K2


def test_a_keyed_hash_is_stable_hex_hmac_sha256_of_purpose_and_value(settings: Any) -> None:
    settings.INFOHUB_DATA_HASH_KEY = K1
    digest = keyed_hash("ab123456", purpose="document_number")
    assert digest == keyed_hash("ab123456", purpose="document_number")
    key = base64.urlsafe_b64decode(K1 + "=")
    assert digest == hmac.new(key, b"document_number\x00ab123456", hashlib.sha256).hexdigest()


def test_it_depends_on_the_key(settings: Any) -> None:
    settings.INFOHUB_DATA_HASH_KEY = K1
    first = keyed_hash("ab123456", purpose="document_number")
    settings.INFOHUB_DATA_HASH_KEY = K2
    assert keyed_hash("ab123456", purpose="document_number") != first


def test_it_depends_on_the_purpose() -> None:
    assert keyed_hash("50937123456", purpose="phone") != keyed_hash(
        "50937123456", purpose="document_number"
    )


def test_it_does_not_depend_on_the_data_keys(settings: Any) -> None:
    first = keyed_hash("ab123456", purpose="document_number")
    settings.INFOHUB_DATA_KEYS = f"k9:{K2}"
    assert keyed_hash("ab123456", purpose="document_number") == first


@pytest.mark.parametrize(("value", "purpose"), [("", "phone"), ("x", ""), ("x", "a\x00b")])
def test_empty_values_and_bad_purposes_are_refused(value: str, purpose: str) -> None:
    with pytest.raises(ValueError, match="keyed_hash"):
        keyed_hash(value, purpose=purpose)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("AB-123 456", "ab123456"),
        ("ab123456", "ab123456"),
        ("ab.123/456", "ab123456"),
        ("\uff21\uff22\uff11\uff12\uff13\uff14\uff15\uff16", "ab123456"),  # full-width
        ("AB\u2013123\u00a0456", "ab123456"),  # en dash, no-break space
        ("STRAßE 1", "strasse1"),
        ("+509 3712-3456", "+50937123456"),
    ],
)
def test_identifiers_written_differently_have_one_normal_form(written: str, normal: str) -> None:
    assert normalise_identifier(written) == normal


def test_normalised_identifiers_hash_alike() -> None:
    assert keyed_hash(normalise_identifier("AB-123 456"), purpose="doc") == keyed_hash(
        normalise_identifier("ab123456"), purpose="doc"
    )
