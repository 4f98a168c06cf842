"""Keyed hashes of personal values, for exact-match duplicate detection.

Encrypted values cannot be compared by the database (each token is randomised). To find
"is this document number already registered?", store ``keyed_hash(value, purpose=...)``
in a column of its own (indexed, possibly unique) next to the encrypted value, and
filter on the hash of the value looked for: duplicates are found without decrypting
anything.

The hash is an HMAC-SHA256 keyed with ``INFOHUB_DATA_HASH_KEY``. Document numbers and
phone numbers have few possible values, so a plain hash in a database dump could be
reversed by trying them all; without the key, which is not in the database, it cannot.
The purpose (for example ``"document_number"`` or ``"phone"``) separates the hashes of
different kinds of value, so equal hashes in two columns reveal nothing.

Changing ``INFOHUB_DATA_HASH_KEY`` invalidates every stored hash: they would all have to
be recomputed from the decrypted values, which no command does today. ``rotate_keys``
never touches it.
"""

import hashlib
import hmac
import re
import unicodedata

from infohub.protection.keyring import current_hash_key

# Spaces of every kind, hyphens and dashes, dots and slashes.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.\/]+")


def keyed_hash(value: str, *, purpose: str) -> str:
    """Hex HMAC-SHA256 of ``purpose + "\\x00" + value`` with the hash key.

    Normalise identifiers first (``normalise_identifier``) so that differently
    written forms of one value get one hash. An empty value is refused: it would make
    every empty value a duplicate of every other; store NULL instead.
    """
    if not isinstance(value, str) or not isinstance(purpose, str):
        raise TypeError("keyed_hash takes text: convert the value to str first.")
    if not purpose or "\x00" in purpose:
        raise ValueError("keyed_hash needs a purpose without NUL characters.")
    if not value:
        raise ValueError("keyed_hash refuses the empty value; store NULL instead of its hash.")
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(current_hash_key(), message, hashlib.sha256).hexdigest()


def normalise_identifier(value: str) -> str:
    """The comparable form of a document or phone number.

    Unicode NFKC (full-width digits become ASCII ones), case folded, without spaces,
    hyphens or dashes, dots and slashes: ``"AB-123 456"`` and ``"ab123456"`` give the
    same result. It does not unify country prefixes (``+509`` and ``00509``) or strip
    other punctuation; do that before, where the kind of number is known.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return _SEPARATORS.sub("", folded)
