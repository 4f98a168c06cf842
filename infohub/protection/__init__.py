"""Personal data at rest: field encryption, keyed hashes for duplicates, key rotation.

Public API for apps that store personal data:

- ``infohub.protection.fields.EncryptedTextField``: a model field encrypted at rest;
- ``infohub.protection.hashing.keyed_hash`` and ``normalise_identifier``: exact-match
  duplicate detection without decrypting;
- ``infohub.protection.crypto.encrypt`` / ``decrypt``: the same encryption for values
  kept outside such a field (``rotate_keys`` does not see those);
- ``infohub.protection.errors``: ``DataProtectionError`` and its subclasses.
"""
