"""Staff sign-in, second factor and the staff home page."""

import base64
from typing import Any

import segno
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from infohub.accounts import authentication, enrolment, passkeys
from infohub.accounts.access import access_hub, signed_in_user
from infohub.accounts.desk import desk_panels
from infohub.accounts.errors import EnrolmentLinkError
from infohub.accounts.forms import CodeForm, SignInForm
from infohub.accounts.selectors import hub_list_visible, user_memberships
from infohub.ratelimits.sign_in import sign_in_failed, sign_in_succeeded, sign_in_wait


def admin_login(request: HttpRequest) -> HttpResponse:
    """Send the admin's sign-in to the staff sign-in, or refuse a signed-in non-admin.

    The admin sends everyone it refuses to its login page; sending a signed-in user
    without admin rights back to the sign-in page would loop, so they get a 403.
    """
    if request.user.is_authenticated:
        return render(request, "accounts/admin_forbidden.html", status=403)
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = sign_in_wait(username=self._username())
        if wait:
            return _slowed_down(request, seconds=wait)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        authentication.session_start(request=self.request, user=form.get_user())
        sign_in_succeeded(username=self._username())
        return redirect(self.get_success_url())

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        # An attempt django-axes refused never reached the password check.
        if self._username() and not getattr(self.request, "axes_locked_out", False):
            sign_in_failed(username=self._username())
        return super().form_invalid(form)

    def _username(self) -> str:
        return str(self.request.POST.get("username", ""))


def _slowed_down(request: HttpRequest, *, seconds: int) -> HttpResponse:
    """The same answer for every username, known or not: wait, then try again."""
    message = ngettext(
        "Too many failed sign-ins for this username. Try again in %(seconds)d second.",
        "Too many failed sign-ins for this username. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}
    response = render(
        request,
        "accounts/login.html",
        {"form": SignInForm(request), "slowed_down": message},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    authentication.session_end(request=request)
    return redirect("accounts:login")


@login_required
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if authentication.confirmed_device(user=user) is None:
        return redirect("accounts:2fa-setup")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if authentication.second_factor_verify(
            request=request, user=user, token=form.cleaned_data["code"]
        ):
            return redirect("accounts:home")
        form.add_error("code", _("That code is not valid or was already used. Wait for a new one."))
    has_passkeys = passkeys.passkey_list(user=user).exists()
    context = {"form": form, "has_passkeys": has_passkeys}
    return render(request, "accounts/second_factor_verify.html", context)


@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if authentication.confirmed_device(user=user) is not None:
        return redirect("accounts:2fa-verify")
    # Only a session that opened a valid enrolment link may see or confirm a key.
    try:
        enrolment.session_link_require(request=request, user=user)
    except EnrolmentLinkError as refused:
        return _enrolment_refused(request, str(refused))
    device = authentication.second_factor_enrolment_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            enrolled = enrolment.second_factor_enrol_with_link(
                request=request, user=user, code=form.cleaned_data["code"]
            )
        except EnrolmentLinkError as refused:
            return _enrolment_refused(request, str(refused))
        if enrolled:
            return redirect("accounts:home")
        form.add_error("code", _("That code is not valid. Check the time on your phone."))
    context: dict[str, Any] = {
        "form": form,
        "secret_b32": _base32(device.bin_key),
        "qr_data_uri": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
    }
    return render(request, "accounts/second_factor_setup.html", context)


def _enrolment_refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "accounts/enrolment_refused.html", {"message": message}, status=403)


@never_cache
def enrolment_link_open(request: HttpRequest, token: str) -> HttpResponse:
    """Keep the link in the session and leave its token-bearing address at once.

    Why the token never stays in an address bar: ``infohub/accounts/enrolment.py``.
    """
    enrolment.enrolment_link_open(request=request, token=token)
    setup = reverse("accounts:2fa-setup")
    response = redirect(setup) if request.user.is_authenticated else redirect_to_login(setup)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _base32(raw: bytes) -> str:
    text = base64.b32encode(raw).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    context = {
        "panels": desk_panels(request=request, user=user),
        "memberships": user_memberships(user=user),
        "hubs": hub_list_visible(user=user)[:50],
    }
    return render(request, "accounts/staff_home.html", context)


@login_required
def hub_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    hub = access_hub(user=signed_in_user(request), public_id=public_id)
    return render(request, "accounts/hub_detail.html", {"hub": hub})
