"""Keeping role groups in step with the installed apps after every migrate."""

from typing import Any

from django.contrib.auth.models import Group

from infohub.accounts.models import ROLE_ADMIN_APPS
from infohub.accounts.services import role_group_sync


def sync_role_groups(**kwargs: Any) -> None:
    """Give existing role groups the permissions of the models their apps gained.

    A new app's permissions exist only after its migrations (``post_migrate``), so
    editors granted before it see it without being granted again.
    """
    for role in ROLE_ADMIN_APPS:
        if Group.objects.filter(name=f"role:{role}").exists():
            role_group_sync(role)
