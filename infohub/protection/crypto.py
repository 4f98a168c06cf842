"""Authenticated encryption of text values with the configured data keys.

Each value is encrypted with AES-256-GCM under the active data key and a fresh random
96-bit nonce, so encrypting the same text twice gives two different tokens. A token
reads ``ihx1:<key id>:<payload>``, the payload being the URL-safe base64 (without
padding) of ``nonce || ciphertext || tag``. It is plain ASCII, so any text column holds
it, whatever the plaintext contains (NUL included).

The associated data binds the token to its format version, its key id and a context
chosen by the caller (for fields, ``"<app_label>.<model_name>.<field_name>"``): a
token copied into another column, or relabelled with another key id, does not decrypt.

Decryption fails closed: it returns the plaintext or raises, never the token or
garbage. Nothing here logs.
"""

import base64
import binascii
import os
import re

from cryptography.exceptions import InvalidTag

from infohub.protection.errors import DataTamperedError, EncryptedFieldMisuseError
from infohub.protection.keyring import KEY_ID_PATTERN, current_keyring

TOKEN_VERSION = "ihx1"  # noqa: S105 - a format tag, not a secret
NONCE_BYTES = 12
TAG_BYTES = 16
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]+")


def encrypt(plaintext: str, *, context: str) -> str:
    """Encrypt ``plaintext`` with the active data key, bound to ``context``."""
    if not isinstance(plaintext, str):
        raise TypeError("Only text can be encrypted; convert the value to str first.")
    try:
        data = plaintext.encode("utf-8")
    except UnicodeEncodeError:
        # The exception would carry the whole plaintext; say what is wrong without it.
        raise ValueError(
            "Cannot encrypt text that is not valid Unicode (it holds a lone surrogate)."
        ) from None
    ring = current_keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.cipher(ring.active_id).encrypt(
        nonce, data, _associated_data(ring.active_id, context)
    )
    payload = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
    return f"{TOKEN_VERSION}:{ring.active_id}:{payload}"


def decrypt(token: str, *, context: str) -> str:
    """Return the plaintext of ``token``, or raise.

    ``DataKeyMissingError`` when the key ring lacks the key that wrote it;
    ``DataTamperedError`` when the token is malformed, was changed, belongs to another
    context, or the key under its id is not the one that wrote it.
    """
    key_id, raw = _parse(token)
    cipher = current_keyring().cipher(key_id)
    try:
        data = cipher.decrypt(
            raw[:NONCE_BYTES], raw[NONCE_BYTES:], _associated_data(key_id, context)
        )
    except InvalidTag:
        raise DataTamperedError(
            f"A value written with data key {key_id!r} failed authentication: it was "
            "changed, copied from another field, or INFOHUB_DATA_KEYS holds a different "
            "key under that id."
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # pragma: no cover - only valid UTF-8 is ever encrypted
        raise DataTamperedError("A decrypted value is not valid text.") from None


def key_id_of(token: str) -> str:
    """The id of the data key that wrote ``token``; ``DataTamperedError`` if malformed."""
    return _parse(token)[0]


def _parse(token: str) -> tuple[str, bytes]:
    malformed = DataTamperedError(
        f"A stored value is not an encrypted token ({TOKEN_VERSION}:<key id>:<payload>)."
    )
    if not isinstance(token, str):
        raise malformed
    version, _, rest = token.partition(":")
    key_id, _, payload = rest.partition(":")
    if (
        version != TOKEN_VERSION
        or not KEY_ID_PATTERN.fullmatch(key_id)
        or not _PAYLOAD.fullmatch(payload)
    ):
        raise malformed
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except (binascii.Error, ValueError):
        raise malformed from None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise malformed
    return key_id, raw


def _associated_data(key_id: str, context: str) -> bytes:
    if not isinstance(context, str) or not context:
        raise EncryptedFieldMisuseError("Encryption needs a non-empty context string.")
    # The key id cannot hold NUL, and the context comes last: the encoding is unambiguous.
    return f"{TOKEN_VERSION}\x00{key_id}\x00{context}".encode()
