"""Fail-closed enforcement of the second factor."""

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from infohub.accounts.models import User
from infohub.accounts.selectors import staff_time_zone, user_requires_second_factor

# Everything under these prefixes needs the second factor when the role requires it;
# only the sign-in steps themselves are open to a half-signed-in user.
GUARDED_PREFIXES = ("/admin/", "/staff/", "/accounts/")
OPEN_URL_NAMES = (
    "accounts:login",
    "accounts:logout",
    "accounts:2fa-setup",
    "accounts:2fa-verify",
    # The other ways through the second step: a recovery code, a passkey's ceremony.
    "accounts:2fa-verify-recovery",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)
# An enrolment link carries its token in the path, so it is open by prefix.
OPEN_PATH_PREFIXES = ("/accounts/enrol/",)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and request.path_info.startswith(GUARDED_PREFIXES)
            and request.path_info not in {reverse(name) for name in OPEN_URL_NAMES}
            and not request.path_info.startswith(OPEN_PATH_PREFIXES)
            and not user.is_verified()  # type: ignore[attr-defined]
            and user_requires_second_factor(user=user)
        ):
            return redirect("accounts:2fa-verify")
        return self.get_response(request)


# Staff pages show times where the staff member's hubs are, not in UTC.
TIME_ZONE_PREFIXES = ("/staff/", "/admin/", "/accounts/")


class HubTimeZoneMiddleware:
    """Activates the time zone a signed-in user's hubs share, for staff pages.

    A user whose hubs keep different clocks (or who works in none) sees the server's
    zone, ``INFOHUB_TIME_ZONE``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        zone_name = None
        if isinstance(user, User) and request.path_info.startswith(TIME_ZONE_PREFIXES):
            zone_name = staff_time_zone(user=user)
        if zone_name is None:
            return self.get_response(request)
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)
