"""Typed readers for environment variables that fail loudly on bad values.

Settings never call ``os.environ`` directly: every value goes through one of these
helpers so that a typo in a deployment stops the process at start-up with a message
naming the variable, instead of running with a silent default.
"""

import os
from collections.abc import Sequence

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    """Return a string variable, or fail when it is required and missing."""
    value = _raw(name)
    if value:
        return value
    if required or default is None:
        raise ImproperlyConfigured(f"Environment variable {name} must be set.")
    return default


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean variable; only a fixed set of spellings is accepted."""
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, got {value!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """Return an integer variable not smaller than ``minimum``."""
    value = _raw(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}.")
    return number


def env_list(name: str, default: Sequence[str] = ()) -> list[str]:
    """Return a comma-separated list variable, without empty items."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices: Sequence[str], default: str) -> str:
    """Return a variable that must be one of ``choices``."""
    value = _raw(name) or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {list(choices)}, got {value!r}.")
    return value


_CACHE_BACKENDS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}


def env_cache(name: str) -> dict[str, str] | None:
    """A Django cache from a URL (``redis://``, ``rediss://``, ``memcached://host:port``)."""
    value = _raw(name)
    if not value:
        return None
    scheme, separator, rest = value.partition("://")
    if not separator or scheme not in _CACHE_BACKENDS or not rest:
        # Only the scheme is repeated: the rest of the URL may hold a password.
        raise ImproperlyConfigured(
            f"{name} must be a redis://, rediss:// or memcached:// URL, "
            f"got one starting {scheme[:10]!r}."
        )
    location = rest if scheme == "memcached" else value
    return {"BACKEND": _CACHE_BACKENDS[scheme], "LOCATION": location}
