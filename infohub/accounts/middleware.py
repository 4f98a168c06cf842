"""Fail-closed enforcement of the second factor."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from infohub.accounts.models import User
from infohub.accounts.selectors import user_requires_second_factor

# Everything under these prefixes needs the second factor when the role requires it;
# only the sign-in steps themselves are open to a half-signed-in user.
GUARDED_PREFIXES = ("/admin/", "/staff/", "/accounts/")
OPEN_URL_NAMES = ("accounts:login", "accounts:logout", "accounts:2fa-setup", "accounts:2fa-verify")


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and request.path_info.startswith(GUARDED_PREFIXES)
            and request.path_info not in {reverse(name) for name in OPEN_URL_NAMES}
            and not user.is_verified()  # type: ignore[attr-defined]
            and user_requires_second_factor(user=user)
        ):
            return redirect("accounts:2fa-verify")
        return self.get_response(request)
