"""Domain errors of the accounts app; their messages are safe to show to users."""


class ProvisioningError(ValueError):
    """Creating an organisation, hub, account, role or token was refused."""
