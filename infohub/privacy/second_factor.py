"""A fresh second-factor code, checked at the moment of a data-subject action.

Signing in with the second factor is not enough to export, rectify or erase a person
record: the form of each action carries a code from the user's authenticator, checked
here against their confirmed django-otp TOTP device. django-otp accepts a time step
only once (a code already used, for signing in or for another action, is refused) and
throttles repeated wrong codes.
"""

from infohub.accounts.authentication import confirmed_device
from infohub.accounts.models import User


def fresh_code_valid(*, user: User, code: str) -> bool:
    """Whether ``code`` is a new, valid code of the user's authenticator; uses it up."""
    code = code.strip()
    if not user.is_active or len(code) != 6 or not code.isdigit():
        return False
    device = confirmed_device(user=user)
    return device is not None and bool(device.verify_token(code))
