"""The key canaries: one known value encrypted with each data key that wrote data.

A canary row says "personal data was written with data key <id>". The system check
(``checks.py``) decrypts every canary with the configured key ring, so a deployment
that lost a key, or holds a different key under the same id, is told so before it
fails to read someone's record. ``rotate_keys`` removes the canaries of keys that no
longer protect any value.
"""

from django.db import models

from infohub.protection.fields import EncryptedTextField

CANARY_TEXT = "infohub key canary"


class KeyCanary(models.Model):
    key_id = models.CharField(max_length=16, unique=True)
    # Not serialised: test databases serialise their rows, and a canary is never data.
    value = EncryptedTextField(serialize=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"key canary {self.key_id}"
