"""encrypt and decrypt: AES-256-GCM tokens bound to a key id and a context, failing closed."""

import base64
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infohub.protection.crypto import decrypt, encrypt, key_id_of
from infohub.protection.errors import DataKeyMissingError, DataTamperedError
from infohub.protection.tests.conftest import K1, K2

CONTEXT = "counselling.client.name"


def _payload(token: str) -> bytes:
    payload = token.split(":", 2)[2]
    return base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))


def _with_payload(token: str, raw: bytes) -> str:
    prefix = token.rsplit(":", 1)[0]
    return f"{prefix}:{base64.urlsafe_b64encode(raw).decode().rstrip('=')}"


@pytest.mark.usefixtures("ring_k1")
def test_a_value_comes_back_and_its_token_names_the_key() -> None:
    token = encrypt("Marie-Ange Pierre", context=CONTEXT)
    assert token.startswith("ihx1:k1:")
    assert "Marie" not in token
    assert key_id_of(token) == "k1"
    assert decrypt(token, context=CONTEXT) == "Marie-Ange Pierre"


@given(st.text())
def test_any_text_survives_the_round_trip_including_nul_and_astral_characters(text: str) -> None:
    token = encrypt(text, context=CONTEXT)
    assert token.isascii()
    assert "\x00" not in token
    assert decrypt(token, context=CONTEXT) == text


def test_nul_and_characters_outside_the_basic_plane_round_trip() -> None:
    text = "a\x00b \U0001f600 \U0001d518"
    assert decrypt(encrypt(text, context=CONTEXT), context=CONTEXT) == text


def test_two_encryptions_of_one_value_differ() -> None:
    assert encrypt("AB123456", context=CONTEXT) != encrypt("AB123456", context=CONTEXT)


def test_a_token_copied_into_another_column_does_not_decrypt() -> None:
    token = encrypt("AB123456", context="counselling.client.document_number")
    with pytest.raises(DataTamperedError):
        decrypt(token, context="counselling.client.name")


def test_a_changed_byte_is_detected() -> None:
    token = encrypt("AB123456", context=CONTEXT)
    raw = bytearray(_payload(token))
    for position in (0, 15, len(raw) - 1):  # nonce, ciphertext, tag
        flipped = bytearray(raw)
        flipped[position] ^= 0x01
        with pytest.raises(DataTamperedError):
            decrypt(_with_payload(token, bytes(flipped)), context=CONTEXT)


def test_a_token_relabelled_with_another_key_id_is_refused(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1},k2:{K1[::-1]}"
    token = encrypt("AB123456", context=CONTEXT)
    with pytest.raises(DataTamperedError):
        decrypt(token.replace("ihx1:k1:", "ihx1:k2:"), context=CONTEXT)


@pytest.mark.parametrize(
    "token",
    [
        "",
        "AB123456",
        "ihx1:k1",
        "ihx1:k1:",
        "ihx2:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "ihx1:K1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "ihx1:k1:AAAA",  # shorter than a nonce and a tag
        "ihx1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
        "ihx1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  # impossible base64 length
    ],
)
@pytest.mark.usefixtures("ring_k1")
def test_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(DataTamperedError):
        decrypt(token, context=CONTEXT)


def test_a_token_of_a_key_not_in_the_ring_names_the_key_id_only(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    token = encrypt("AB123456", context=CONTEXT)
    settings.INFOHUB_DATA_KEYS = f"k2:{K2}"
    with pytest.raises(DataKeyMissingError) as caught:
        decrypt(token, context=CONTEXT)
    message = str(caught.value)
    assert "'k1'" in message
    assert "INFOHUB_DATA_KEYS" in message
    assert K1 not in message
    assert K2 not in message
    assert token.split(":")[2] not in message
    assert caught.value.key_id == "k1"


def test_another_key_under_the_same_id_is_refused(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    token = encrypt("AB123456", context=CONTEXT)
    settings.INFOHUB_DATA_KEYS = f"k1:{K2}"
    with pytest.raises(DataTamperedError) as caught:
        decrypt(token, context=CONTEXT)
    assert "AB123456" not in str(caught.value)
    assert K1 not in str(caught.value)


def test_older_keys_in_the_ring_still_decrypt_but_only_the_first_encrypts(settings: Any) -> None:
    settings.INFOHUB_DATA_KEYS = f"k1:{K1}"
    old = encrypt("AB123456", context=CONTEXT)
    settings.INFOHUB_DATA_KEYS = f"k2:{K2},k1:{K1}"
    assert decrypt(old, context=CONTEXT) == "AB123456"
    assert key_id_of(encrypt("AB123456", context=CONTEXT)) == "k2"


def test_text_that_is_not_valid_unicode_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError, match="lone surrogate") as caught:
        encrypt("secret\ud800name", context=CONTEXT)
    assert "secret" not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_only_text_is_encrypted() -> None:
    with pytest.raises(TypeError):
        encrypt(123456, context=CONTEXT)  # type: ignore[arg-type]
