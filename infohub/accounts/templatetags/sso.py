"""The single sign-on part of the staff sign-in page."""

from typing import Any

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("accounts/sso_sign_in.html", takes_context=True)
def sso_sign_in(context: template.Context) -> dict[str, Any]:
    """The "Sign in with <provider>" link, and why the last attempt was refused.

    Shown only when single sign-on is configured; the page's ``next`` goes along so the
    provider's callback lands where the password form would have.
    """
    return {
        "enabled": settings.INFOHUB_OIDC_ENABLED,
        "provider": settings.INFOHUB_OIDC_NAME,
        "next": context.get("next", ""),
        "messages": context.get("messages", ()),
    }
