"""The data keys and the hash key: parsing, validation and the process's key ring.

``INFOHUB_DATA_KEYS`` is a comma-separated list of ``id:key`` entries. An id is 1 to 16
characters from ``a-z0-9``; a key is 32 random bytes in URL-safe base64 (43 characters,
or 44 ending in ``=``), for example from
``python -c 'import secrets; print(secrets.token_urlsafe(32))'``. The first entry is
the active key: every new value is encrypted with it. The other entries only decrypt
values written before a rotation; ``manage.py rotate_keys`` re-encrypts those with the
active key, after which the old entries can be removed (keep the old keys as long as
backups written with them are kept).

``INFOHUB_DATA_HASH_KEY`` is one more such key, used only for keyed hashes
(``infohub.protection.hashing``). It is never rotated by ``rotate_keys``: changing it
makes every stored hash useless until each one is recomputed from the decrypted value,
which no command does today.

Development and tests use fixed keys derived from public strings
(``DEVELOPMENT_DATA_KEYS``, ``DEVELOPMENT_HASH_KEY``). They protect nothing, and
production refuses them (``production_key_problems``).

``infohub/settings.py`` imports this module, so it must not import models, and it reads
``django.conf.settings`` only inside functions. Messages name the variable and at most
an entry's position or key id: they never echo key material.
"""

import base64
import functools
import hashlib
import re
from collections.abc import Mapping
from types import MappingProxyType

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from infohub.protection.errors import DataKeyMissingError

DATA_KEYS_VARIABLE = "INFOHUB_DATA_KEYS"
HASH_KEY_VARIABLE = "INFOHUB_DATA_HASH_KEY"
KEY_BYTES = 32
KEY_ID_PATTERN = re.compile(r"[a-z0-9]{1,16}")
_KEY_TEXT = re.compile(r"[A-Za-z0-9_-]{43}=?")
_KEY_HINT = (
    f"{KEY_BYTES} random bytes in URL-safe base64 (43 characters, or 44 ending in '='); "
    "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
)
# 32 random bytes hold about 30 distinct values; fewer than this is not a random key.
_MIN_DISTINCT_BYTES = 16


def _development_key(purpose: str) -> str:
    seed = f"infohub development {purpose}: public, protects nothing, refused in production"
    return base64.urlsafe_b64encode(hashlib.sha256(seed.encode()).digest()).decode("ascii")


DEVELOPMENT_DATA_KEYS = f"dev:{_development_key('data key')}"
DEVELOPMENT_HASH_KEY = _development_key("hash key")


def decode_key(text: str, *, variable: str, where: str = "") -> bytes:
    """Return the 32 bytes of one URL-safe base64 key, or refuse without echoing it."""
    if not _KEY_TEXT.fullmatch(text):
        raise ImproperlyConfigured(f"{variable}{where} must be {_KEY_HINT}.")
    key = base64.urlsafe_b64decode(text.rstrip("=") + "=")
    if len(key) != KEY_BYTES:  # pragma: no cover - 43 base64 characters are 32 bytes
        raise ImproperlyConfigured(f"{variable}{where} must be {_KEY_HINT}.")
    return key


def parse_data_keys(
    raw: object, *, variable: str = DATA_KEYS_VARIABLE
) -> tuple[tuple[str, bytes], ...]:
    """Return the ``(id, key)`` pairs of a data key list, the active one first."""
    if not isinstance(raw, str):
        raise ImproperlyConfigured(f"{variable} must be a string of id:key entries.")
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    if not entries:
        raise ImproperlyConfigured(f"{variable} must list at least one id:key entry.")
    pairs: list[tuple[str, bytes]] = []
    for position, entry in enumerate(entries, start=1):
        key_id, colon, text = entry.partition(":")
        where = f" entry {position}"
        if not colon:
            raise ImproperlyConfigured(f"{variable}{where} must be written id:key.")
        if not KEY_ID_PATTERN.fullmatch(key_id):
            # Not echoed: a malformed entry may have its key where the id should be.
            raise ImproperlyConfigured(
                f"{variable}{where}: the key id must be 1 to 16 characters from a-z and 0-9."
            )
        key = decode_key(text, variable=variable, where=f"{where} (key id {key_id!r})")
        for earlier, (earlier_id, earlier_key) in enumerate(pairs, start=1):
            if earlier_id == key_id:
                raise ImproperlyConfigured(f"{variable} lists the key id {key_id!r} twice.")
            if earlier_key == key:
                raise ImproperlyConfigured(
                    f"{variable} entries {earlier} and {position} hold the same key; "
                    "each key id needs its own key."
                )
        pairs.append((key_id, key))
    return tuple(pairs)


def parse_hash_key(raw: object, *, variable: str = HASH_KEY_VARIABLE) -> bytes:
    """Return the 32 bytes of the hash key."""
    if not isinstance(raw, str):
        raise ImproperlyConfigured(f"{variable} must be {_KEY_HINT}.")
    return decode_key(raw.strip(), variable=variable)


def production_key_problems(data_keys: str, hash_key: str) -> list[str]:
    """What production refuses in well-formed keys: public, reused or non-random keys."""
    problems = []
    development = {
        parse_data_keys(DEVELOPMENT_DATA_KEYS)[0][1],
        parse_hash_key(DEVELOPMENT_HASH_KEY),
    }
    data = [key for _, key in parse_data_keys(data_keys)]
    hashing = parse_hash_key(hash_key)
    if any(key in development for key in data):
        problems.append(f"{DATA_KEYS_VARIABLE} must be set to new keys, not the development key")
    elif any(len(set(key)) < _MIN_DISTINCT_BYTES for key in data):
        problems.append(f"{DATA_KEYS_VARIABLE} must hold random keys")
    if hashing in development:
        problems.append(f"{HASH_KEY_VARIABLE} must be set to a new key, not the development key")
    elif len(set(hashing)) < _MIN_DISTINCT_BYTES:
        problems.append(f"{HASH_KEY_VARIABLE} must be a random key")
    elif hashing in data:
        problems.append(f"{HASH_KEY_VARIABLE} must differ from every key in {DATA_KEYS_VARIABLE}")
    return problems


class KeyRing:
    """The configured data keys: the active one encrypts, every one decrypts."""

    def __init__(self, pairs: tuple[tuple[str, bytes], ...]) -> None:
        self.active_id = pairs[0][0]
        self._ciphers: Mapping[str, AESGCM] = MappingProxyType(
            {key_id: AESGCM(key) for key_id, key in pairs}
        )

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(self._ciphers)

    def cipher(self, key_id: str) -> AESGCM:
        """The cipher of one key, or ``DataKeyMissingError`` naming only its id."""
        try:
            return self._ciphers[key_id]
        except KeyError:
            raise DataKeyMissingError(key_id) from None

    def __repr__(self) -> str:
        return f"<KeyRing active={self.active_id!r} ids={list(self.key_ids)!r}>"


def current_keyring() -> KeyRing:
    """The key ring of the current settings (re-read when the settings change)."""
    raw = getattr(settings, DATA_KEYS_VARIABLE, None)
    if not isinstance(raw, str):
        parse_data_keys(raw)  # raises, naming the variable
    return _keyring_for(str(raw))


def current_hash_key() -> bytes:
    """The hash key of the current settings (re-read when the settings change)."""
    raw = getattr(settings, HASH_KEY_VARIABLE, None)
    if not isinstance(raw, str):
        parse_hash_key(raw)  # raises, naming the variable
    return _hash_key_for(str(raw))


# Cached on the settings' values, so that overriding them (tests) takes effect at once.
@functools.lru_cache(maxsize=4)
def _keyring_for(raw: str) -> KeyRing:
    return KeyRing(parse_data_keys(raw))


@functools.lru_cache(maxsize=4)
def _hash_key_for(raw: str) -> bytes:
    return parse_hash_key(raw)
