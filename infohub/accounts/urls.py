from django.urls import path

from infohub.accounts import password_pages, second_factor_pages, token_pages, views
from infohub.accounts.oidc import SignInCallbackView, SignInStartView

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/sso/start/", SignInStartView.as_view(), name="sso-start"),
    path("accounts/sso/callback/", SignInCallbackView.as_view(), name="sso-callback"),
    path("accounts/logout/", views.sign_out, name="logout"),
    path("accounts/password/", password_pages.password_change, name="password-change"),
    path("accounts/2fa/verify/", views.second_factor_verify, name="2fa-verify"),
    path("accounts/2fa/setup/", views.second_factor_setup, name="2fa-setup"),
    path(
        "accounts/2fa/verify/recovery/",
        second_factor_pages.recovery_verify,
        name="2fa-verify-recovery",
    ),
    path("accounts/2fa/recovery/", second_factor_pages.recovery_codes, name="2fa-recovery"),
    path("accounts/2fa/passkeys/", second_factor_pages.passkey_list, name="2fa-passkeys"),
    path(
        "accounts/2fa/passkeys/<str:pk>/remove/",
        second_factor_pages.passkey_remove,
        name="2fa-passkey-remove",
    ),
    path("accounts/enrol/<str:token>/", views.enrolment_link_open, name="enrol"),
    path("staff/", views.staff_home, name="home"),
    path("staff/hubs/<str:public_id>/", views.hub_detail, name="hub-detail"),
    path("staff/tokens/", token_pages.token_list, name="tokens"),
    path("staff/tokens/<str:public_id>/revoke/", token_pages.token_revoke, name="token-revoke"),
]
