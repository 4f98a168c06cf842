"""URL map: public portal (language-prefixed), staff pages, admin, API, health."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from infohub.accounts import passkeys
from infohub.accounts import views as accounts_views
from infohub.api.api import api
from infohub.core import views as core_views
from infohub.core.well_known import security_txt
from infohub.csp_reports.views import csp_report

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("csp-report", csp_report, name="csp-report"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/hsds/", include("infohub.directory.hsds.api.urls")),
    path("channels/", include("infohub.messaging.urls")),
    # The admin signs in through the same page as everyone, with the second factor.
    # A signed-in user without admin rights gets a 403 there instead of a redirect loop.
    path("admin/login/", accounts_views.admin_login),
    path("admin/", admin.site.urls),
    path("staff/listings/", include("infohub.directory.listings.staff_urls")),
    path("staff/", include("infohub.counselling.urls")),
    path("staff/", include("infohub.referrals.urls")),
    path("staff/", include("infohub.screening.urls")),
    path("staff/", include("infohub.privacy.urls")),
    path("staff/", include("infohub.callbacks.urls")),
    path("staff/", include("infohub.messaging.inbox.urls")),
    path("", include("infohub.accounts.urls")),
    # django-otp-webauthn's ceremonies, under the names its scripts look up.
    path("accounts/webauthn/", include((passkeys.webauthn_urlpatterns, "otp_webauthn"))),
]
urlpatterns += i18n_patterns(
    path("", include("infohub.portal.urls")),
    path("", include("infohub.articles.urls")),
    path("news/", include("infohub.news.urls")),
    path("services/", include("infohub.directory.urls")),
    path("services/", include("infohub.directory.listings.urls")),
    path("hubs/", include("infohub.directory.hubs.urls")),
    path("privacy/", include("infohub.counselling.portal_urls")),
    path("pathways/", include("infohub.pathways.urls")),
    path("callback/", include("infohub.callbacks.portal_urls")),
    path("chat/", include("infohub.messaging.portal_urls")),
)

if settings.INFOHUB_BENCH_URLS:
    urlpatterns.append(path("bench/trivial", core_views.trivial, name="bench-trivial"))
    urlpatterns.append(path("bench/store", core_views.store, name="bench-store"))

handler404 = "infohub.core.views.not_found"
handler500 = "infohub.core.views.server_error"
