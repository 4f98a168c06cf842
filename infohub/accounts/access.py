"""Access helpers: return the object the user may see, or raise 404.

Every lookup of a scoped object by id goes through a helper here. They fail closed:
an unknown id, a malformed id and an object outside the user's scope all look the same.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.template import Context

from infohub.accounts.models import ApiToken, Hub, User
from infohub.accounts.selectors import api_token_list_manageable, hub_list_visible


def as_uuid(value: object) -> uuid.UUID:
    """The value as a UUID, or Http404: a malformed id looks like an unknown one."""
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def access_hub(*, user: User, public_id: object) -> Hub:
    try:
        return hub_list_visible(user=user).get(public_id=as_uuid(public_id))
    except Hub.DoesNotExist:
        raise Http404 from None


def access_api_token(*, user: User, public_id: object) -> ApiToken:
    """A token the user owns or administers (as their organisation's admin), or 404."""
    try:
        return api_token_list_manageable(user=user).get(public_id=as_uuid(public_id))
    except ApiToken.DoesNotExist:
        raise Http404 from None


def active_user_in(context: Mapping[str, Any] | Context) -> User | None:
    """The active staff account a template renders for, from ``user`` or ``request``."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    return user if isinstance(user, User) and user.is_active else None


def signed_in_user(request: HttpRequest) -> User:
    """The request's staff account; refuses anonymous requests (fail closed)."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user
