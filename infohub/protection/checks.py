"""The system check that every data key which wrote data can still read it.

Tagged ``database`` (and ``security``): Django runs it when a database is named, that
is during ``migrate`` and with ``manage.py check --database default``, not on a plain
``check``.
"""

from collections.abc import Sequence
from typing import Any, cast

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import connections
from django.db.models import F, TextField
from django.db.models.functions import Cast

from infohub.protection.crypto import decrypt, key_id_of
from infohub.protection.errors import DataKeyMissingError, DataTamperedError
from infohub.protection.fields import EncryptedTextField
from infohub.protection.keyring import DATA_KEYS_VARIABLE, current_keyring
from infohub.protection.models import CANARY_TEXT, KeyCanary

_FORGET_HINT = (
    "If no data was ever written with that key, delete its row from the "
    f"{KeyCanary._meta.db_table} table."
)


@register(Tags.security, Tags.database)
def check_key_canaries(
    app_configs: Sequence[AppConfig] | None = None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for alias in databases or ():
        if KeyCanary._meta.db_table in connections[alias].introspection.table_names():
            messages.extend(_check_canaries(alias))
    return messages


def _check_canaries(alias: str) -> list[CheckMessage]:
    field = cast(EncryptedTextField[Any, Any], KeyCanary._meta.get_field("value"))
    context = field.encryption_context()
    # The raw tokens: decrypted here, so that a failure is reported instead of raised.
    rows = (
        KeyCanary.objects.using(alias)
        .annotate(raw=Cast(F("value"), output_field=TextField()))
        .order_by("key_id")
        .values_list("key_id", "raw")
    )
    messages: list[CheckMessage] = []
    seen = set()
    for column_key_id, token in rows:
        if not token:
            continue
        seen.add(column_key_id)
        problem = _canary_problem(token, context=context)
        if problem:
            try:
                key_id = key_id_of(token)
            except DataTamperedError:
                key_id = column_key_id
            messages.append(
                Error(
                    f"Personal data written with data key {key_id!r} cannot be read: {problem}",
                    hint=(
                        f"Put the key that wrote it back into {DATA_KEYS_VARIABLE} (after "
                        f"the active key). {_FORGET_HINT}"
                    ),
                    obj=KeyCanary,
                    id="protection.E001",
                )
            )
    active = current_keyring().active_id
    if active not in seen:
        messages.append(
            Warning(
                f"The active data key {active!r} has no canary yet, so its loss could not be "
                "detected.",
                hint="Run manage.py migrate or manage.py rotate_keys, which write it.",
                obj=KeyCanary,
                id="protection.W001",
            )
        )
    return messages


def _canary_problem(token: str, *, context: str) -> str:
    try:
        text = decrypt(token, context=context)
    except DataKeyMissingError:
        return f"the key is not in {DATA_KEYS_VARIABLE}."
    except DataTamperedError:
        return (
            f"{DATA_KEYS_VARIABLE} holds a different key under that id, or the canary was changed."
        )
    return "" if text == CANARY_TEXT else "the canary decrypts to an unexpected value."
