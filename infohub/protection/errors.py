"""Errors of data protection.

Their messages are written for operators and never hold a key, a token or a plaintext:
at most a key id, a field's name and a row's primary key.
"""


class DataProtectionError(Exception):
    """A protected value could not be encrypted, decrypted or queried safely."""


class DataKeyMissingError(DataProtectionError):
    """The value was written with a data key that the key ring no longer holds."""

    def __init__(self, key_id: str) -> None:
        self.key_id = key_id
        super().__init__(
            f"This value was written with data key {key_id!r}, which is not in "
            "INFOHUB_DATA_KEYS. Add that key back (after the active one) to read it."
        )


class DataTamperedError(DataProtectionError):
    """The value is malformed, was changed, or belongs to another key or column.

    Authenticated encryption cannot tell these apart, and none of them may be read.
    """


class EncryptedFieldMisuseError(DataProtectionError):
    """The code asked an encrypted field for something it cannot do safely.

    For example a database lookup that compares ciphertexts, or serialising a value in
    clear.
    """


class RotationError(DataProtectionError):
    """A stored value could not be re-encrypted; names the field and the row, never the value."""

    def __init__(self, *, label: str, pk: object, cause: DataProtectionError) -> None:
        self.label = label
        self.pk = pk
        super().__init__(
            f"{label}: the value in the row with primary key {pk!r} cannot be decrypted. "
            f"{cause} The batch holding it was rolled back; values re-encrypted in "
            "earlier batches stay re-encrypted, and a new run continues from there."
        )
