"""Settings for infohub, read from the environment through ``infohub.env``.

One module, no override chains: every difference between development, test and
production is a named environment variable. ``INFOHUB_ENV=production`` turns the
safe defaults of development into hard requirements (see ``_require_production``).
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from infohub.env import env_bool, env_cache, env_choice, env_int, env_list, env_str
from infohub.languages import (
    CORE_LANGUAGES,
    DEFAULT_FALLBACKS,
    language_choices,
    parse_fallbacks,
    register_haitian_creole,
)
from infohub.protection.keyring import (
    DEVELOPMENT_DATA_KEYS,
    DEVELOPMENT_HASH_KEY,
    parse_data_keys,
    parse_hash_key,
    production_key_problems,
)

# Lets admin and queryset classes be subscripted at runtime, as the type checker wants.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
INFOHUB_ENV = env_choice("INFOHUB_ENV", ["development", "test", "production"], "development")
PRODUCTION = INFOHUB_ENV == "production"

_DEV_SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105 - refused in production
SECRET_KEY = env_str("INFOHUB_SECRET_KEY", _DEV_SECRET_KEY)
DEBUG = env_bool("INFOHUB_DEBUG", INFOHUB_ENV == "development")
ALLOWED_HOSTS = env_list("INFOHUB_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("INFOHUB_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # django-otp first, so that our admin can replace its device admin.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "infohub.core",
    "infohub.accounts",
    "infohub.audit",
    "infohub.protection",
    "infohub.articles",
    "infohub.news",
    "infohub.search",
    "infohub.directory",
    "infohub.pathways",
    "infohub.counselling",
    "infohub.referrals",
    "infohub.screening",
    "infohub.privacy",
    "infohub.callbacks",
    "infohub.messaging",
    "infohub.portal",
    "infohub.api",
    "infohub.demo",
    "infohub.csp_reports",
    "infohub.ratelimits",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "ninja",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
]

# Background work through Django's task API (the django-tasks backport on Django 5.2),
# stored in the database and run by `manage.py db_worker`. Nothing depends on the worker
# running: the commands it runs are also cron's (docs/decisions/0006).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "infohub.core.https_api.ApiHttpsOnlyMiddleware",  # the APIs refuse plain HTTP
    "infohub.core.security_headers.PermissionsPolicyMiddleware",  # before static files
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "infohub.core.middleware.RequestContextMiddleware",
    # Early, so that errors raised by any later middleware also get the API's shape.
    "infohub.api.middleware.ApiErrorShapeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "infohub.core.middleware.LanguageCookieMiddleware",
    # After the language is chosen, so that a 429 page is in the reader's language.
    "infohub.ratelimits.middleware.RateLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "infohub.accounts.session_limits.AbsoluteSessionLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "infohub.accounts.middleware.SecondFactorRequiredMiddleware",
    "infohub.accounts.middleware.HubTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "infohub.core.middleware.PrivateResponseMiddleware",
    # Control characters and bodies over the limit are refused before any view.
    "infohub.core.request_input.RequestInputMiddleware",
    # A domain error no view caught becomes an error page with its status, not a 500.
    "infohub.core.middleware.DomainErrorMiddleware",
    # Axes must come last so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

# Request bodies (form fields, JSON) larger than this answer 413; file uploads are not counted.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("INFOHUB_MAX_REQUEST_BYTES", 1_048_576, minimum=1024)

ROOT_URLCONF = "infohub.urls"
WSGI_APPLICATION = "infohub.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "infohub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "infohub.core.context_processors.languages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
_DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'infohub.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", None if PRODUCTION else _DEFAULT_DATABASE_URL),
        conn_max_age=env_int("INFOHUB_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let several web processes share one file
    # without "database is locked" errors on concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Production runs on PostgreSQL; SQLite there only when an operator says so on purpose.
INFOHUB_ALLOW_SQLITE_IN_PRODUCTION = env_bool("INFOHUB_ALLOW_SQLITE_IN_PRODUCTION", False)

# --- Personal data at rest (infohub.protection) -----------------------------------
# "id:key,id:key": the first key encrypts new values, the others only decrypt older ones
# until `rotate_keys` has re-encrypted them. A separate key makes the keyed hashes used to
# find duplicates. The defaults are public development keys, refused in production.
INFOHUB_DATA_KEYS = env_str("INFOHUB_DATA_KEYS", DEVELOPMENT_DATA_KEYS)
INFOHUB_DATA_HASH_KEY = env_str("INFOHUB_DATA_HASH_KEY", DEVELOPMENT_HASH_KEY)
# Malformed keys stop start-up here, with a message naming the variable.
parse_data_keys(INFOHUB_DATA_KEYS)
parse_hash_key(INFOHUB_DATA_HASH_KEY)

# --- Retention of personal data (infohub.privacy, `manage.py enforce_retention`) ------
# A person record is erased this many days after its last activity (creation, last
# consultation, last referral step).
INFOHUB_RETENTION_PERSON_DAYS = env_int("INFOHUB_RETENTION_PERSON_DAYS", 730, minimum=30)
# A consultation older than this keeps only its counts: its link to a person record and
# its languages are dropped.
INFOHUB_RETENTION_CONSULTATION_DAYS = env_int(
    "INFOHUB_RETENTION_CONSULTATION_DAYS", 1825, minimum=30
)
# The reasons and outcomes written on a finished referral are blanked this many days
# after it finished.
INFOHUB_RETENTION_REFERRAL_EVENT_DAYS = env_int(
    "INFOHUB_RETENTION_REFERRAL_EVENT_DAYS", 365, minimum=30
)
# Callback requests (name or alias and phone) are deleted this many days after they came.
INFOHUB_RETENTION_CALLBACK_DAYS = env_int("INFOHUB_RETENTION_CALLBACK_DAYS", 90, minimum=7)
# Conversations on messaging channels (their messages, the address and the assistant's
# state) are deleted this many days after their last message.
INFOHUB_RETENTION_MESSAGE_DAYS = env_int("INFOHUB_RETENTION_MESSAGE_DAYS", 90, minimum=7)
# A sender of the messaging outbox holds a message this long; if it dies, the next run
# sends the message once the claim has expired.
INFOHUB_OUTBOX_LEASE_SECONDS = env_int("INFOHUB_OUTBOX_LEASE_SECONDS", 60, minimum=1)
# Erasing a person with an open screening action that refers to one of these directory
# categories (a criterion's "refer to") warns the data protection officer and needs a reason.
INFOHUB_ERASURE_WARNING_CATEGORIES = env_list(
    "INFOHUB_ERASURE_WARNING_CATEGORIES", ["child-protection"]
)

# --- Callback requests from the portal (infohub.callbacks) ---------------------------
# Requests accepted from one address per day, and the working days the thank-you page
# promises a call within.
INFOHUB_CALLBACK_DAILY_LIMIT = env_int("INFOHUB_CALLBACK_DAILY_LIMIT", 3, minimum=1)
INFOHUB_CALLBACK_WITHIN_DAYS = env_int("INFOHUB_CALLBACK_WITHIN_DAYS", 2, minimum=1)

# --- Languages ----------------------------------------------------------------------
register_haitian_creole()
_LANGUAGE_CODES = list(dict.fromkeys([*CORE_LANGUAGES, *env_list("INFOHUB_EXTRA_LANGUAGES")]))
LANGUAGES = language_choices(_LANGUAGE_CODES)
LANGUAGE_CODE = env_choice("INFOHUB_DEFAULT_LANGUAGE", _LANGUAGE_CODES, "es")
INFOHUB_LANGUAGE_FALLBACKS = parse_fallbacks(
    env_str("INFOHUB_LANGUAGE_FALLBACKS", DEFAULT_FALLBACKS), _LANGUAGE_CODES
)
# Content (articles, pathways) may be written in more languages than the UI.
INFOHUB_CONTENT_LANGUAGES = [code for code, _ in LANGUAGES]
# Published articles are due for another review this many days after publication.
INFOHUB_REVIEW_PERIOD_DAYS = env_int("INFOHUB_REVIEW_PERIOD_DAYS", 180, minimum=1)
# API tokens are issued for at most this many days (docs/security.md, "API tokens").
INFOHUB_TOKEN_MAX_DAYS = env_int("INFOHUB_TOKEN_MAX_DAYS", 365, minimum=1)
# Owners are mailed once when an active token expires within this many days.
INFOHUB_TOKEN_EXPIRY_WARNING_DAYS = env_int("INFOHUB_TOKEN_EXPIRY_WARNING_DAYS", 14, minimum=1)
# An enrolment link, the only way to set up the second factor, works for this many hours
# (docs/security.md, "Second factor").
INFOHUB_ENROLMENT_LINK_HOURS = env_int("INFOHUB_ENROLMENT_LINK_HOURS", 72, minimum=1)
# The UI catalogs first; then Kreyòl names of months, weekdays and countries, which Django
# and django-countries translate but ship none for (see infohub/formats/__init__.py).
LOCALE_PATHS = [BASE_DIR / "infohub" / "locale", BASE_DIR / "infohub" / "formats" / "names"]
FORMAT_MODULE_PATH = ["infohub.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("INFOHUB_TIME_ZONE", "UTC")

# --- Static files -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("INFOHUB_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Authentication and sessions ----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if INFOHUB_ENV == "test":
    # Hashing is deliberately slow; tests sign in hundreds of times.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Idle timeout: every request pushes the expiry forward, so a session dies after
# this many minutes without activity.
SESSION_COOKIE_AGE = env_int("INFOHUB_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
# However busy, a session ends this many hours after its sign-in (session_limits.py).
INFOHUB_SESSION_MAX_HOURS = env_int("INFOHUB_SESSION_MAX_HOURS", 12, minimum=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout is keyed on the pair (username, IP) so that one office behind a single
# address is not locked out by one person's typos, and cools off by itself.
AXES_FAILURE_LIMIT = env_int("INFOHUB_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("INFOHUB_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "infohub.core.client_ip.client_ip"
# Guessing one account from many addresses: failures on a username from any address,
# then a doubling wait before each attempt, capped so its owner is never kept out long
# (infohub/ratelimits/sign_in.py).
INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES = env_int("INFOHUB_LOGIN_ACCOUNT_FREE_FAILURES", 10, minimum=1)
INFOHUB_LOGIN_ACCOUNT_MAX_DELAY_SECONDS = env_int(
    "INFOHUB_LOGIN_ACCOUNT_MAX_DELAY_SECONDS", 300, minimum=1
)
INFOHUB_LOGIN_ACCOUNT_WINDOW_MINUTES = env_int(
    "INFOHUB_LOGIN_ACCOUNT_WINDOW_MINUTES", 60, minimum=1
)
# How many reverse proxies of ours stand in front of the web processes (0: none).
INFOHUB_TRUSTED_PROXY_COUNT = env_int("INFOHUB_TRUSTED_PROXY_COUNT", 0)

OTP_TOTP_ISSUER = env_str("INFOHUB_TOTP_ISSUER", "infohub")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Single sign-on with OpenID Connect (infohub.accounts.oidc, docs/security.md) -----
# Off unless INFOHUB_OIDC_CLIENT_ID is set. Accounts are matched by a verified e-mail,
# never created; roles are never given by the provider. The provider's endpoints come
# from its discovery document (INFOHUB_OIDC_ISSUER) unless they are set one by one.
INFOHUB_OIDC_CLIENT_ID = env_str("INFOHUB_OIDC_CLIENT_ID", "")
INFOHUB_OIDC_ENABLED = bool(INFOHUB_OIDC_CLIENT_ID)
INFOHUB_OIDC_NAME = env_str("INFOHUB_OIDC_NAME", "", required=INFOHUB_OIDC_ENABLED)
# Always required: the ID token's iss is checked against it, even when the endpoints are
# set one by one.
INFOHUB_OIDC_ISSUER = env_str("INFOHUB_OIDC_ISSUER", "", required=INFOHUB_OIDC_ENABLED)
# Only "email" for now: it must come with email_verified true (docs/decisions/0012).
INFOHUB_OIDC_MATCH_CLAIM = env_choice("INFOHUB_OIDC_MATCH_CLAIM", ["email"], "email")
# An ID token whose amr lists one of these, or whose acr is one of those, counts as the
# second factor; otherwise roles that see personal data still enter a code.
INFOHUB_OIDC_MFA_AMR = env_list("INFOHUB_OIDC_MFA_AMR", ["mfa", "hwk", "otp"])
INFOHUB_OIDC_MFA_ACR = env_list("INFOHUB_OIDC_MFA_ACR")
OIDC_RP_CLIENT_ID = INFOHUB_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = env_str("INFOHUB_OIDC_CLIENT_SECRET", "", required=INFOHUB_OIDC_ENABLED)
OIDC_RP_SIGN_ALGO = env_choice("INFOHUB_OIDC_SIGN_ALGO", ["RS256", "ES256", "PS256"], "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("INFOHUB_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("INFOHUB_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("INFOHUB_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("INFOHUB_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SCOPES = "openid email"
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso-callback"
if INFOHUB_OIDC_ENABLED:
    _OIDC_ENDPOINTS = (
        OIDC_OP_AUTHORIZATION_ENDPOINT,
        OIDC_OP_TOKEN_ENDPOINT,
        OIDC_OP_USER_ENDPOINT,
        OIDC_OP_JWKS_ENDPOINT,
    )
    if not INFOHUB_OIDC_ISSUER and not all(_OIDC_ENDPOINTS):
        raise ImproperlyConfigured(
            "Single sign-on needs INFOHUB_OIDC_ISSUER, or INFOHUB_OIDC_AUTHORIZATION_ENDPOINT, "
            "INFOHUB_OIDC_TOKEN_ENDPOINT, INFOHUB_OIDC_USERINFO_ENDPOINT and "
            "INFOHUB_OIDC_JWKS_ENDPOINT."
        )
    if PRODUCTION and any(
        url.startswith("http://") for url in (INFOHUB_OIDC_ISSUER, *_OIDC_ENDPOINTS)
    ):
        raise ImproperlyConfigured("Single sign-on in production needs https:// addresses.")
    # After the password backend: it answers only the provider's callback.
    AUTHENTICATION_BACKENDS.append("infohub.accounts.oidc.SingleSignOnBackend")

# --- Security headers ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # Violations are counted per day, directive and blocked host (infohub.csp_reports).
        "report-uri": ["/csp-report"],
    }
}
# A browser's report is a few hundred bytes; a body over this is refused with 413, and
# past this many reports a day the rest are dropped.
INFOHUB_CSP_REPORT_MAX_BYTES = env_int("INFOHUB_CSP_REPORT_MAX_BYTES", 16 * 1024, minimum=1024)
INFOHUB_CSP_REPORTS_DAILY_CAP = env_int("INFOHUB_CSP_REPORTS_DAILY_CAP", 10_000, minimum=1)
# Browser features no page uses, off for every page and any frame in it. Geolocation stays
# for our own pages: "Use my location" in the services search asks for it (near-me.js);
# so do passkeys, which sign-in may use.
INFOHUB_PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": ["self"],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# Where to report a vulnerability, published in /.well-known/security.txt (RFC 9116): a
# mailto: or https: URI, or an email address. Without it there is no security.txt.
INFOHUB_SECURITY_CONTACT = env_str("INFOHUB_SECURITY_CONTACT", "")
INFOHUB_API_HTTPS_ONLY = False  # production: on with the HTTPS redirect, below
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("INFOHUB_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP inside the private network; the APIs refuse
    # plain HTTP rather than redirect it (infohub/core/https_api.py).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^api/"]
    INFOHUB_API_HTTPS_ONLY = SECURE_SSL_REDIRECT
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("INFOHUB_HSTS_SECONDS", 31_536_000, minimum=3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # __Host-: the browser keeps the cookie only if it is Secure, for the whole host and no
    # wider domain, so a neighbouring subdomain can neither read nor plant it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"

# --- Mail ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "INFOHUB_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("INFOHUB_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("INFOHUB_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("INFOHUB_FROM_EMAIL", "infohub@localhost")

# --- Logging: lines on standard error, never personal values ----------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "infohub.core.logging.RequestIdFilter"}},
    "formatters": {
        "line": {
            "()": "infohub.core.logging.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("INFOHUB_LOG_LEVEL", "INFO")},
    # Axes would log usernames of failed attempts; usernames stay out of logs.
    "loggers": {"axes": {"level": "WARNING"}},
}

# How often (seconds) each process reads the search change log; 0 reads it on every search.
INFOHUB_SEARCH_REFRESH_SECONDS = env_int("INFOHUB_SEARCH_REFRESH_SECONDS", 0)

# import_hsds refuses a .zip that expands beyond this many bytes, counted as it decompresses.
INFOHUB_HSDS_MAX_EXPANDED_BYTES = env_int(
    "INFOHUB_HSDS_MAX_EXPANDED_BYTES", 1024**3, minimum=1024 * 1024
)
# A listing not verified for this many days is flagged publicly as possibly out of date.
INFOHUB_LISTING_STALE_DAYS = env_int("INFOHUB_LISTING_STALE_DAYS", 365, minimum=1)
# Listings not verified for this many days get a verification email (request_verifications).
INFOHUB_LISTING_VERIFY_DAYS = env_int("INFOHUB_LISTING_VERIFY_DAYS", 365, minimum=1)
INFOHUB_LISTING_VERIFY_LINK_DAYS = env_int("INFOHUB_LISTING_VERIFY_LINK_DAYS", 30, minimum=1)
INFOHUB_FEEDBACK_DAILY_LIMIT = env_int("INFOHUB_FEEDBACK_DAILY_LIMIT", 3, minimum=1)
# The public address used in links sent by email (verification requests).
INFOHUB_PUBLIC_URL = env_str("INFOHUB_PUBLIC_URL", "" if PRODUCTION else "http://127.0.0.1:8000")

# --- Passkeys (django-otp-webauthn) as a second factor, never instead of the password --
# The relying party is the site's host name: a passkey works only there, so changing it
# orphans every registered passkey. Browsers accept no IP address and, over plain HTTP,
# only localhost: a loopback address becomes localhost. Origins are the exact addresses
# (scheme, host, port) whose pages may use a passkey.
_PUBLIC_URL = urlsplit(INFOHUB_PUBLIC_URL)
_SITE_HOST = _PUBLIC_URL.hostname or next(
    (host.lstrip(".") for host in ALLOWED_HOSTS if host != "*"), "localhost"
)
if _SITE_HOST in {"127.0.0.1", "::1"}:
    _SITE_HOST = "localhost"
_SITE_ORIGIN = (
    f"{_PUBLIC_URL.scheme}://{_SITE_HOST}{f':{_PUBLIC_URL.port}' if _PUBLIC_URL.port else ''}"
    if _PUBLIC_URL.hostname
    else f"https://{_SITE_HOST}"
)
OTP_WEBAUTHN_RP_ID = env_str("INFOHUB_WEBAUTHN_RP_ID", _SITE_HOST)
OTP_WEBAUTHN_RP_NAME = env_str("INFOHUB_WEBAUTHN_RP_NAME", "infohub")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("INFOHUB_WEBAUTHN_ORIGINS", [_SITE_ORIGIN])
# Signing in with a passkey alone would skip the password and its lockout.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Public list endpoints never return more than this many items per page.
NINJA_PAGINATION_MAX_LIMIT = 100

INFOHUB_BENCH_URLS = env_bool("INFOHUB_BENCH_URLS", False)
# Requests per client (address, or token of an API call) per window and route group
# (infohub.ratelimits); generous for many people behind one shared address. Off in
# tests and benchmark runs, which send many requests from one address on purpose.
INFOHUB_RATE_LIMITS_ENABLED = env_bool(
    "INFOHUB_RATE_LIMITS", not INFOHUB_BENCH_URLS and INFOHUB_ENV != "test"
)
INFOHUB_RATE_LIMIT_WINDOW_SECONDS = env_int("INFOHUB_RATE_LIMIT_WINDOW_SECONDS", 60, minimum=1)
INFOHUB_RATE_LIMITS = {
    "search": env_int("INFOHUB_RATE_LIMIT_SEARCH", 120, minimum=1),
    "api": env_int("INFOHUB_RATE_LIMIT_API", 600, minimum=1),
    "webhooks": env_int("INFOHUB_RATE_LIMIT_WEBHOOKS", 1200, minimum=1),
}
# A cache shared by every web process and machine (Redis or Memcached), when one is
# run: the rate limits count there instead of in the database. Never a per-process cache.
_SHARED_CACHE = env_cache("INFOHUB_SHARED_CACHE_URL")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if _SHARED_CACHE is not None:
    CACHES["shared"] = _SHARED_CACHE
# Regional news files that `load_demo` imports when the folder exists.
INFOHUB_DEMO_NEWS_DIR = Path(
    env_str("INFOHUB_DEMO_NEWS_DIR", str(BASE_DIR.parent / "shared" / "data" / "news"))
)


def _require_production() -> None:
    """Refuse to start in production with development defaults or weak secrets."""
    problems = []
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        problems.append("INFOHUB_SECRET_KEY must be set to a random value of 50+ characters")
    if DEBUG:
        problems.append("INFOHUB_DEBUG must be off")
    if not ALLOWED_HOSTS:
        problems.append("INFOHUB_ALLOWED_HOSTS must list the public host names")
    if (
        DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
        and not INFOHUB_ALLOW_SQLITE_IN_PRODUCTION
    ):
        problems.append(
            "DATABASE_URL must point to PostgreSQL, not sqlite: (one file on one machine "
            "cannot be shared by several web processes behind a load balancer); set "
            "INFOHUB_ALLOW_SQLITE_IN_PRODUCTION=true to run on SQLite anyway"
        )
    if INFOHUB_BENCH_URLS:
        problems.append("INFOHUB_BENCH_URLS must be off (it opens unauthenticated test routes)")
    problems.extend(production_key_problems(INFOHUB_DATA_KEYS, INFOHUB_DATA_HASH_KEY))
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems) + ".")


if PRODUCTION:
    _require_production()
