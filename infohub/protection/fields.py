"""``EncryptedTextField``: a text column whose values are encrypted at rest.

The column holds tokens of ``infohub.protection.crypto``, never plaintext. Values are
encrypted with the active data key when written and decrypted when read; a value that
cannot be decrypted raises ``DataKeyMissingError`` or ``DataTamperedError`` (reading
fails closed, it never yields the token).

- ``None`` is stored as NULL (declare ``null=True`` for optional values).
- The empty string is stored as the empty string, unencrypted: whether a value is
  empty is not secret, and it keeps ``filter(field="")`` and ``isnull`` working.
- The context bound into every token is ``"<app_label>.<model_name>.<field_name>"``,
  so renaming the app label, the model or the field makes existing values unreadable.
  To rename safely, pass the old context explicitly: ``EncryptedTextField(context=
  "counselling.client.name")``. Give no two columns the same context.
- Ciphertexts are randomised, so the database cannot compare values: every lookup but
  ``isnull`` and ``exact`` with ``""`` (or ``None``) raises
  ``EncryptedFieldMisuseError``, as do transforms; the options ``unique``,
  ``db_index``, ``primary_key`` and ``db_default`` are refused. Find values by a keyed hash
  (``infohub.protection.hashing``) stored in a column of its own.
- Serialising (``dumpdata``) raises instead of writing plaintext to a file.
"""

from typing import Any, TypeVar

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.lookups import Exact, Lookup, Transform

from infohub.protection.crypto import decrypt, encrypt
from infohub.protection.errors import EncryptedFieldMisuseError

_ST_contra = TypeVar("_ST_contra", contravariant=True)
_GT_co = TypeVar("_GT_co", covariant=True)

_REFUSED_OPTIONS = ("unique", "db_index", "primary_key", "db_default")


class EncryptedTextField(models.TextField[_ST_contra, _GT_co]):
    description = "Text encrypted at rest (AES-256-GCM)"

    def __init__(self, *args: Any, context: str | None = None, **kwargs: Any) -> None:
        for option in _REFUSED_OPTIONS:
            if option in kwargs and kwargs[option] not in (False, models.NOT_PROVIDED):
                raise EncryptedFieldMisuseError(
                    f"EncryptedTextField cannot take {option}: its stored values are "
                    "random tokens that the database cannot compare or produce."
                )
        if context is not None and not context:
            raise EncryptedFieldMisuseError("EncryptedTextField's context must not be empty.")
        self.fixed_context = context
        self.protection_context: str | None = context
        super().__init__(*args, **kwargs)

    def contribute_to_class(
        self, cls: type[models.Model], name: str, private_only: bool = False
    ) -> None:
        super().contribute_to_class(cls, name, private_only=private_only)
        if self.fixed_context is None:
            self.protection_context = f"{cls._meta.app_label}.{cls._meta.model_name}.{name}"

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.fixed_context is not None:
            kwargs["context"] = self.fixed_context
        return name, path, args, kwargs

    def encryption_context(self) -> str:
        """The context bound into this field's tokens (see the module's docstring)."""
        if self.protection_context is None:
            raise EncryptedFieldMisuseError(
                "An EncryptedTextField must belong to a model before it can encrypt or "
                "decrypt (it cannot be an expression's output_field)."
            )
        return self.protection_context

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, context=self.encryption_context())

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value, context=self.encryption_context())

    def value_to_string(self, obj: models.Model) -> str:
        raise EncryptedFieldMisuseError(
            f"{self.encryption_context()} is encrypted and is not serialised in clear (dumpdata, "
            "serializers). Back up the database instead: it holds only ciphertext."
        )

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return EmptyOnlyExact
        raise EncryptedFieldMisuseError(_refusal(self, lookup_name))

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise EncryptedFieldMisuseError(_refusal(self, lookup_name))


class EmptyOnlyExact(Exact[Any]):
    """``exact`` on an encrypted field: only ``""`` (and ``None``, turned into isnull)."""

    def get_prep_lookup(self) -> Any:
        if self.rhs is not None and not (isinstance(self.rhs, str) and self.rhs == ""):
            raise EncryptedFieldMisuseError(_refusal(self.lhs.output_field, "exact"))
        return super().get_prep_lookup()


def _refusal(field: models.Field[Any, Any], lookup_name: str) -> str:
    where = getattr(field, "protection_context", None) or "an encrypted field"
    return (
        f"Cannot filter {where} with {lookup_name!r}: its values are encrypted with a "
        "random nonce, so the database cannot compare them. Only isnull and an exact "
        'match with "" work. To find a value, store a keyed hash '
        "(infohub.protection.hashing.keyed_hash) in its own column and filter on that."
    )
