"""The client's IP address, trusting ``X-Forwarded-For`` only as far as our own proxies.

Each of the ``INFOHUB_TRUSTED_PROXY_COUNT`` reverse proxies in front of the platform
appends the address it received the request from, so the client is the N-th address
from the right; anything further left was written by the client and may be forged.
Written here rather than taken from django-ipware because this rule is a few lines,
matches how nginx and load balancers append, and is the same for lockout and audit.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    remote = _valid(request.META.get("REMOTE_ADDR", ""))
    hops = settings.INFOHUB_TRUSTED_PROXY_COUNT
    if hops == 0:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < hops:
        # Fewer hops than proxies: the request did not come through them all.
        return remote
    return _valid(forwarded[-hops]) or remote
