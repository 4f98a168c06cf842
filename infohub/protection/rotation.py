"""Re-encrypting stored values with the active data key (``manage.py rotate_keys``).

Every ``EncryptedTextField`` of every installed model is covered. Values encrypted with
``crypto.encrypt`` and stored elsewhere (another kind of field, files) are not.

Tokens are read raw, through a ``Cast`` to a plain ``TextField`` (so the field's
``from_db_value`` does not decrypt them), re-encrypted in memory and written back in
batches, one transaction per batch. Each write is conditional on the row still holding
the token that was read, so a value a user saved meanwhile is never overwritten (it was
written with the active key anyway). Running it again changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Cast

from infohub.protection.crypto import TOKEN_VERSION, decrypt, encrypt
from infohub.protection.errors import DataProtectionError, RotationError
from infohub.protection.fields import EncryptedTextField
from infohub.protection.keyring import current_keyring
from infohub.protection.models import KeyCanary

BATCH_SIZE = 500
_RAW = "protection_raw_token"

Progress = Callable[[str, int, int], None]
EncryptedField = EncryptedTextField[Any, Any]


@dataclass(frozen=True)
class FieldReport:
    label: str
    re_encrypted: int
    current: int
    # Rows saved by someone else between our read and our write; left as they were.
    changed_meanwhile: int = 0


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedField]]:
    """Every encrypted column of the installed models, once each (canaries excluded)."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or model is KeyCanary:
            continue
        for field in model._meta.local_concrete_fields:
            if isinstance(field, EncryptedTextField):
                found.append((model, field))
    return found


def _label(model: type[models.Model], field: EncryptedField) -> str:
    return f"{model._meta.label}.{field.name}"


def _raw_tokens(model: type[models.Model], field: EncryptedField, using: str) -> QuerySet[Any]:
    """The model's rows with the field's stored token as ``protection_raw_token``."""
    rows: QuerySet[Any] = (
        model._base_manager.using(using)
        .annotate(**{_RAW: Cast(F(field.attname), output_field=TextField())})
        .exclude(**{f"{_RAW}__isnull": True})
        .exclude(**{_RAW: ""})
    )
    return rows


def _stale(rows: QuerySet[Any], active_id: str) -> QuerySet[Any]:
    return rows.exclude(**{f"{_RAW}__startswith": f"{TOKEN_VERSION}:{active_id}:"})


def stale_count(*, using: str = DEFAULT_DB_ALIAS) -> int:
    """How many stored values are not written with the active key."""
    active_id = current_keyring().active_id
    return sum(
        _stale(_raw_tokens(model, field, using), active_id).count()
        for model, field in encrypted_fields()
    )


def field_rotate(
    *,
    model: type[models.Model],
    field: EncryptedField,
    dry_run: bool = False,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
    batch_size: int = BATCH_SIZE,
) -> FieldReport:
    """Re-encrypt with the active key the values of one field written with another key.

    A dry run decrypts them too, to find unreadable values, but writes nothing. Raises
    ``RotationError`` (naming the field and the row) on a value that cannot be decrypted.
    """
    label = _label(model, field)
    context = field.encryption_context()
    active_id = current_keyring().active_id
    rows = _raw_tokens(model, field, using)
    stale = _stale(rows, active_id)
    current = rows.count() - stale.count()
    total = stale.count()
    done = re_encrypted = changed = 0
    last_pk: Any = None
    while True:
        batch_rows = stale.order_by("pk")
        if last_pk is not None:
            batch_rows = batch_rows.filter(pk__gt=last_pk)
        batch = list(batch_rows.values_list("pk", _RAW)[:batch_size])
        if not batch:
            break
        with transaction.atomic(using=using):
            for pk, token in batch:
                try:
                    fresh = encrypt(decrypt(token, context=context), context=context)
                except DataProtectionError as error:
                    raise RotationError(label=label, pk=pk, cause=error) from None
                if dry_run:
                    re_encrypted += 1
                    continue
                # A Value with a plain TextField is written as is, not encrypted again.
                written = rows.filter(pk=pk, **{_RAW: token}).update(
                    **{field.attname: Value(fresh, output_field=TextField())}
                )
                if written:
                    re_encrypted += 1
                else:
                    changed += 1
        last_pk = batch[-1][0]
        done += len(batch)
        if progress is not None:
            progress(label, done, total)
    return FieldReport(
        label=label, re_encrypted=re_encrypted, current=current, changed_meanwhile=changed
    )
