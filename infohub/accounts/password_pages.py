"""Staff change their own password, after the second factor like every staff page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from infohub.accounts.access import signed_in_user
from infohub.accounts.authentication import own_password_change
from infohub.accounts.forms import OwnPasswordForm


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """The current password and a new one; other sessions of the account end."""
    user = signed_in_user(request)
    form = OwnPasswordForm(user, request.POST or None)
    if form.is_valid():
        own_password_change(request=request, form=form)
        return render(request, "accounts/password_changed.html")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)
