"""Writes of the protection app: the key canaries.

They hold no personal data and are not audited: they record which data keys wrote data.
"""

from django.db import DEFAULT_DB_ALIAS, transaction

from infohub.protection.keyring import current_keyring
from infohub.protection.models import CANARY_TEXT, KeyCanary


def canary_ensure(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Make sure the active data key has its canary; return whether one was written.

    Safe to run concurrently (the insert skips an existing row). It never reads
    existing canaries' values, so a lost key cannot make it fail: the check reports that.
    """
    active = current_keyring().active_id
    canaries = KeyCanary.objects.using(using)
    with transaction.atomic(using=using):
        if canaries.filter(key_id=active).exclude(value="").exists():
            return False
        # A row left without its value (restored from a serialisation) is refilled.
        if canaries.filter(key_id=active).update(value=CANARY_TEXT):
            return True
        # Skips the row if a concurrent migrate has just written it.
        canaries.bulk_create([KeyCanary(key_id=active, value=CANARY_TEXT)], ignore_conflicts=True)
        return True


def canary_forget_inactive(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Remove the canaries of every key but the active one; return their key ids.

    Only for ``rotate_keys``, once no stored value is left under another key.
    """
    active = current_keyring().active_id
    with transaction.atomic(using=using):
        stale = KeyCanary.objects.using(using).exclude(key_id=active)
        key_ids = sorted(stale.values_list("key_id", flat=True))
        stale.delete()
    return key_ids
