"""Settings shared by every environment. Values come from the environment (see .env.example)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from core.schedule import beat_schedule, jobs_from
from star.settings.environment import env_bool, env_int, env_list, env_str
from star.settings.storage import default_storage

# Lets `forms.ModelForm[Person]` and `models.QuerySet["Person"]` be written at run time for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # one-use recovery codes, given at two-factor set-up
    "django_otp_webauthn",  # passkeys and security keys (WebAuthn), a second factor
    "axes",
    "csp",
    "django_htmx",
    "core",
    "accounts",
    "audit",
    "people",
    "records",
    "outcomes",
    "referrals",
    "questions",
    "enablement",
    "appointments",
    "plans",
    "safeguarding",
    "community",
    "involvement",
    "hub",
    "portal",
    "volunteers",
    "choices",
    "reports",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "interop",
    "casesearch",
    "submissions",
    "notifications",
    "downloads",
    "documents",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The page and address every audit row written while answering comes from (core.where).
    "core.where.WhereMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "core.replicas.ReplicaReadsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.MemberLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    # Every refused request (a gate's 404, a 403) in the audit trail; STaR's own 404 page.
    "audit.refusals.RefusalAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.NoStoreForSignedInMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.RejectNullCharactersMiddleware",
    # django-axes must come last so it sees every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "star.urls"
WSGI_APPLICATION = "star.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "core.jinja.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "star.navigation.navigation",
                "accounts.kept_forms.kept_form",
            ],
        },
    },
    {
        # Only for Django's own templates (form widgets, error pages of third-party apps).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'star.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A connection kept between requests is checked before reuse, so after a database restart
        # the app reconnects by itself instead of failing until it is restarted.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it is for long analytical queries, and on STaR's reports it spent up to
    # 1.4 s compiling a query that then ran in 1.2 s (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default under ordinary concurrency (issue 14, docs/load-and-failure.md): WAL so
    # reading never waits for a write, transactions that take the write lock when they begin
    # (IMMEDIATE), so two saves queue instead of failing with "database is locked" when both try to
    # upgrade a read lock, and a busy timeout long enough to queue behind a large import's batches.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("STAR_SQLITE_BUSY_TIMEOUT_SECONDS", 20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Read replicas (core/replicas.py, docs/database.md): reads that tolerate a second of lag (the
# views below) go to a replica; everything else, any read after a write and a browser that has
# just written, to the primary. Under tests each replica mirrors the primary.
STAR_REPLICA_CONNECT_TIMEOUT_SECONDS = env_int("STAR_REPLICA_CONNECT_TIMEOUT_SECONDS", 2)
# Reports sort and hash large sets: their sessions on a replica may have more memory per sort
# (e.g. "64MB"; docs/database.md), without raising it for every connection to the primary.
STAR_REPLICA_WORK_MEM = env_str("STAR_REPLICA_WORK_MEM", "")
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
    _options = {**DATABASES["default"].get("OPTIONS", {}), "connect_timeout": STAR_REPLICA_CONNECT_TIMEOUT_SECONDS}
    if STAR_REPLICA_WORK_MEM:
        _options["options"] = f"{_options.get('options', '')} -c work_mem={STAR_REPLICA_WORK_MEM}".strip()
    DATABASES[f"replica_{_index}"] = {
        **dj_database_url.parse(_url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True),
        # A replica that does not answer quickly is passed over for the primary.
        "OPTIONS": _options,
        "TEST": {"MIRROR": "default"},
    }
# The aliases the router reads from (the test settings add a mirror that is not used unless a
# test names it here).
STAR_REPLICA_DATABASES: tuple[str, ...] = tuple(alias for alias in DATABASES if alias.startswith("replica_"))
DATABASE_ROUTERS = ["core.replicas.ReplicaRouter"]
# URL names ("namespace:*" for all of one) whose GET may read from a replica: figures, public
# listings and exports, where a second of lag is harmless. Never a form (an edit opened from a
# replica could be a second out of date) nor a person's record.
STAR_REPLICA_READ_VIEWS: tuple[str, ...] = tuple(
    env_list(
        "STAR_REPLICA_READ_VIEWS",
        [
            # Reports, their tables, the quarterly PDF and the MHSDS extract (not the baseline form).
            "reports:dashboard",
            "reports:equality",
            "reports:quarterly_pdf",
            "reports:export_table",
            "reports:mhsds_extract",
            "reports:costs",
            "outcomes:cohorts",
            "community:figures",
            "community:project_figures",
            "volunteers:report",
            # The public directory, its activity pages and calendars, and the Open Referral UK API.
            "community:directory",
            "community:activity_page",
            "community:activity_calendar",
            "community:project_calendar",
            "openreferral:*",
            # List exports (the CSV is streamed after the view returns, so it reads from the primary).
            "interop:export_list",
            "interop:export_csv",
            "interop:export_xlsx",
        ],
    )
)
# Never read from a replica, and writing them does not pin the browser to the primary: sessions,
# sign-in and two-factor (a sign-out or a new password takes effect at once), the audit trail.
STAR_REPLICA_PRIMARY_ONLY_APPS: tuple[str, ...] = ("sessions", "accounts", "axes", "otp_static", "otp_totp", "django_otp_webauthn", "audit")
# Written by a report page's first view (a store of figures worked out from raw rows, read by
# later views): not a person's write, so it does not pin the browser to the primary.
STAR_REPLICA_UNPINNING_MODELS: tuple[str, ...] = ("reports.figureset", "reports.figurepart")
STAR_REPLICA_MAX_LAG_SECONDS = env_int("STAR_REPLICA_MAX_LAG_SECONDS", 1)
STAR_REPLICA_PIN_SECONDS = env_int("STAR_REPLICA_PIN_SECONDS", 5)
STAR_REPLICA_CHECK_SECONDS = env_int("STAR_REPLICA_CHECK_SECONDS", 1)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) are for PostgreSQL; SQLite builds them on the key columns alone,
# which is all it can use (community.Session's report index, docs/performance.md).
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# OWASP ASVS V11.4.2: memory-hard password hashing first.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# ASVS V6.2: length, not composition rules; block common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 15},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Brute-force protection (ASVS V6.3.1): lock an account after repeated failures.
AXES_FAILURE_LIMIT = env_int("STAR_SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STAR_SIGN_IN_LOCKOUT_MINUTES", 15))
# Locked out: one account tried from one client address (the real client, core.client_address),
# so nobody can lock out a whole office behind a proxy, or a named colleague from everywhere.
# The account alone gets a growing delay between attempts instead (accounts.throttle), and a
# burst of failures anywhere shows on the administrator's home page.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_address.for_axes"
STAR_SIGN_IN_DELAY_AFTER = env_int("STAR_SIGN_IN_DELAY_AFTER", AXES_FAILURE_LIMIT)
STAR_SIGN_IN_DELAY_MAX_SECONDS = env_int("STAR_SIGN_IN_DELAY_MAX_SECONDS", 300)
STAR_SIGN_IN_BURST = env_int("STAR_SIGN_IN_BURST", 30)
# This many refused requests (records outside their reach, pages their role may not open) by one
# user in an hour shows a warning on the service manager's home page (audit.refusals).
STAR_REFUSAL_BURST = env_int("STAR_REFUSAL_BURST", 10)
# The proxies in front of STaR (README, "Production"): their addresses or networks, or how many
# there are. Only then is X-Forwarded-For believed, and only from them (core.client_address).
STAR_TRUSTED_PROXIES = env_list("STAR_TRUSTED_PROXIES", [])
STAR_TRUSTED_PROXY_COUNT = env_int("STAR_TRUSTED_PROXY_COUNT", 0)
AXES_LOCKOUT_CALLABLE = "accounts.views.sign_in.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Sessions (ASVS V7.3): signed out after 30 minutes without a request (idle, with a message saying
# so: accounts.middleware.SessionLifetimeMiddleware) and 10 hours after signing in however busy
# (absolute: the session row and cookie expire then). Sessions live in the database so a user's
# sessions can be ended (accounts.sessions).
SESSION_ENGINE = "core.session_store"
SESSION_IDLE_MINUTES = env_int("STAR_SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = env_int("STAR_SESSION_ABSOLUTE_HOURS", 10)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# A warning this many seconds before the idle limit, with a button to stay signed in (WCAG 2.2.1).
STAR_SESSION_WARNING_SECONDS = env_int("STAR_SESSION_WARNING_SECONDS", 120)

# Two-factor authentication: issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env_str("STAR_SERVICE_NAME", "STaR")
# Passkeys (WebAuthn, accounts.passkeys): the relying party is the service's domain name, by default
# the first name in ALLOWED_HOSTS that is not a numeric address (browsers refuse passkeys at one such
# as 127.0.0.1: under `make run`, open http://localhost:8000). Origins are the addresses people open
# the service at; by default https:// on that name, and http://localhost:8000 for development.
STAR_WEBAUTHN_RP_ID = env_str("STAR_WEBAUTHN_RP_ID", "") or next(
    (
        host.lstrip(".")
        for host in ALLOWED_HOSTS
        if host.strip(".") and host != "*" and not host.replace(".", "").isdigit() and ":" not in host
    ),
    "localhost",
)
STAR_WEBAUTHN_ORIGINS = env_list("STAR_WEBAUTHN_ORIGINS", []) or (
    ["http://localhost:8000"] if STAR_WEBAUTHN_RP_ID == "localhost" else [f"https://{STAR_WEBAUTHN_RP_ID}"]
)
OTP_WEBAUTHN_RP_ID = STAR_WEBAUTHN_RP_ID
OTP_WEBAUTHN_RP_NAME = env_str("STAR_SERVICE_NAME", "STaR")
OTP_WEBAUTHN_ALLOWED_ORIGINS = STAR_WEBAUTHN_ORIGINS
OTP_WEBAUTHN_HELPER_CLASS = "accounts.passkeys.PasskeyHelper"
# A passkey is a second factor after the password, never a way in on its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Local settings may let the seeded demo accounts skip two-factor; production refuses it.
STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = False
# NHS numbers in the synthetic range 999 000 0000 – 999 999 9999 are never issued.
STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS = env_bool("STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS", True)
STAR_SERVICE_NAME = env_str("STAR_SERVICE_NAME", "STaR")
STAR_ORGANISATION_NAME = env_str("STAR_ORGANISATION_NAME", "Support, Time and Recovery")
# The service's own phone number, shown wherever a page says "call us" and in "If you need help
# now" (a tel: link), and what happens out of hours. The default is an Ofcom drama number.
STAR_SERVICE_PHONE = env_str("STAR_SERVICE_PHONE", "0121 496 0000")
STAR_SERVICE_HOURS_TEXT = env_str("STAR_SERVICE_HOURS_TEXT", "Monday to Friday, 9am to 5pm")
STAR_OUT_OF_HOURS_TEXT = env_str(
    "STAR_OUT_OF_HOURS_TEXT",
    "Outside these hours, call NHS 111 and choose option 2 for the mental health crisis line, open day and night.",
)
STAR_BREAK_GLASS_HOURS = env_int("STAR_BREAK_GLASS_HOURS", 24)
# Groups smaller than this are suppressed in every aggregate figure (outcomes, involvement, reports).
STAR_SUPPRESSION_THRESHOLD = env_int("STAR_SUPPRESSION_THRESHOLD", 5)
# Measures prompted for routinely, and how often (days) they fall due again.
STAR_ROUTINE_MEASURES = env_list("STAR_ROUTINE_MEASURES", ["SWEMWBS"])
STAR_MEASURE_INTERVAL_DAYS = env_int("STAR_MEASURE_INTERVAL_DAYS", 84)
# Per-deployment meaningful-change thresholds, overriding the shipped ones: "SWEMWBS=3,PHQ9=5".
STAR_MEANINGFUL_CHANGE = {
    code.strip(): float(value) for code, _, value in (pair.partition("=") for pair in env_list("STAR_MEANINGFUL_CHANGE", [])) if value
}
# Referrals and the 1-to-1 enablement pathway.
STAR_WAITING_TARGET_DAYS = env_int("STAR_WAITING_TARGET_DAYS", 28)
# Reports: the shadow wage a volunteer hour is valued at, in pence (what commissioners accept varies).
STAR_VOLUNTEER_HOUR_VALUE_PENCE = env_int("STAR_VOLUNTEER_HOUR_VALUE_PENCE", 1221)
STAR_TRIAGE_RESPONSE_WORKING_DAYS = env_int("STAR_TRIAGE_RESPONSE_WORKING_DAYS", 5)
STAR_EPISODE_WEEKS = env_int("STAR_EPISODE_WEEKS", 12)
STAR_REVIEW_WEEKS = env_int("STAR_REVIEW_WEEKS", 4)
STAR_CONTACT_GAP_DAYS = env_int("STAR_CONTACT_GAP_DAYS", 14)
# How long an answer above a clinical threshold (PHQ-9 question 9 above zero) stays in the
# summary at the top of the person's pages.
STAR_RISK_ANSWER_RECENT_DAYS = env_int("STAR_RISK_ANSWER_RECENT_DAYS", 28)
# The public self-referral form: no form sent faster than a person could fill it in, and a
# limit per sender per hour.
STAR_SELF_REFERRAL_MIN_SECONDS = env_int("STAR_SELF_REFERRAL_MIN_SECONDS", 3)
STAR_SELF_REFERRALS_PER_HOUR = env_int("STAR_SELF_REFERRALS_PER_HOUR", 5)
# Involvement: complaint deadlines (working days: Monday to Friday) and the public form's spam guards.
STAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS = env_int("STAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS", 3)
STAR_COMPLAINT_RESPOND_WORKING_DAYS = env_int("STAR_COMPLAINT_RESPOND_WORKING_DAYS", 20)
# Subject access: how many days before the due date a request shows as due soon.
STAR_SUBJECT_ACCESS_DUE_SOON_DAYS = env_int("STAR_SUBJECT_ACCESS_DUE_SOON_DAYS", 7)
# Retention (Records Management Code of Practice 2021/2023, mental health records): keep for
# 20 years after the last contact, or 10 years after death if that comes sooner.
STAR_RETENTION_YEARS_AFTER_LAST_CONTACT = env_int("STAR_RETENTION_YEARS_AFTER_LAST_CONTACT", 20)
STAR_RETENTION_YEARS_AFTER_DEATH = env_int("STAR_RETENTION_YEARS_AFTER_DEATH", 10)
# Data (Use and Access) Act 2025: data-protection complaints acknowledged within 30 days.
STAR_DATA_PROTECTION_COMPLAINT_ACKNOWLEDGE_DAYS = env_int("STAR_DATA_PROTECTION_COMPLAINT_ACKNOWLEDGE_DAYS", 30)
STAR_PUBLIC_FORM_MINIMUM_SECONDS = env_int("STAR_PUBLIC_FORM_MINIMUM_SECONDS", 3)
STAR_PUBLIC_FORM_LIMIT_PER_HOUR = env_int("STAR_PUBLIC_FORM_LIMIT_PER_HOUR", 10)
# Service-wide ceilings per public form per hour, far above a city's real traffic: they stop a
# flood whatever addresses it comes from, never ordinary use.
STAR_PUBLIC_FORM_CEILING_PER_HOUR = env_int("STAR_PUBLIC_FORM_CEILING_PER_HOUR", 300)
STAR_SELF_REFERRALS_CEILING_PER_HOUR = env_int("STAR_SELF_REFERRALS_CEILING_PER_HOUR", 200)
# Members' own pages: invitation links last this many days; emailed sign-in links 15 minutes.
STAR_INVITATION_DAYS = env_int("STAR_INVITATION_DAYS", 7)
STAR_SIGN_IN_LINK_MINUTES = env_int("STAR_SIGN_IN_LINK_MINUTES", 15)
STAR_SIGN_IN_LINKS_PER_HOUR = env_int("STAR_SIGN_IN_LINKS_PER_HOUR", 5)

LANGUAGE_CODE = "en-gb"
# Languages members may choose (member-facing text is marked for translation; catalogues in locale/).
# Add more with STAR_LANGUAGES="ar,ur" once their catalogues are translated.
_LANGUAGE_NAMES = {"en-gb": "English", "ar": "العربية", "ur": "اردو", "pa": "ਪੰਜਾਬੀ", "bn": "বাংলা", "pl": "Polski"}
LANGUAGES = [(code, _LANGUAGE_NAMES.get(code, code)) for code in ["en-gb", *env_list("STAR_LANGUAGES", [])]]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Security headers (ASVS V3.4).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "accounts.views.csrf_failure.csrf_failure"
# Browser features no page uses, switched off for every page (Permissions-Policy header).
STAR_PERMISSIONS_POLICY = [
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb",
]  # fmt: skip
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The open API (interop app): token authentication only, set per view; OpenAPI by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "STaR API",
    "DESCRIPTION": "Read people, referrals, episodes, contacts and attendance; send referrals. Token authentication: "
    "`Authorization: Bearer <token>`. Tokens are issued by a STaR administrator.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "star@example.org")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fontTools logs each glyph table it cuts down for a PDF at INFO: dozens of lines a report.
    "loggers": {"axes": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Volunteers: money is whole pence; receipts are stored under MEDIA_ROOT and served only
# through a gated view (never publicly).
MEDIA_ROOT = env_str("STAR_MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "/media-not-served/"
# Uploaded files through Django's storage API: local files by default, S3-compatible storage with
# STAR_STORAGE=s3 (star/settings/storage.py, docs/documents.md).
STORAGES = {
    "default": default_storage(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STAR_MILEAGE_PENCE_PER_MILE = env_int("STAR_MILEAGE_PENCE_PER_MILE", 45)
# Old-system import files: refused above this size (the page states the limit).
STAR_IMPORT_MAX_BYTES = env_int("STAR_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
# Checked before a file is read (web page and command alike, `interop.legacy.reading.check_limits`):
# rows and columns (an Excel sheet's declared size too), and what an Excel file unpacks to.
STAR_IMPORT_MAX_ROWS = env_int("STAR_IMPORT_MAX_ROWS", 1_000_000)
STAR_IMPORT_MAX_COLUMNS = env_int("STAR_IMPORT_MAX_COLUMNS", 200)
STAR_IMPORT_MAX_UNPACKED_BYTES = env_int("STAR_IMPORT_MAX_UNPACKED_BYTES", 250 * 1024 * 1024)
STAR_IMPORT_MAX_COMPRESSION_RATIO = env_int("STAR_IMPORT_MAX_COMPRESSION_RATIO", 100)
# Without a background worker an import runs in the web request: above this many rows the page
# refuses it and points to `manage.py import_legacy` (a worker has no such limit).
STAR_IMPORT_MAX_ROWS_IN_REQUEST = env_int("STAR_IMPORT_MAX_ROWS_IN_REQUEST", 20_000)
# An import that has reported nothing for this long, with no worker on it, was interrupted.
STAR_IMPORT_STALE_MINUTES = env_int("STAR_IMPORT_STALE_MINUTES", 10)

# The key of the hashes kept of a destroyed person's identifiers (`people.destroyed`), so the same
# person is recognised if their data comes back. Empty: derived from SECRET_KEY. Set it (and keep
# it) if SECRET_KEY may be rotated, or the hashes kept so far stop matching.
STAR_DESTROYED_IDENTIFIER_KEY = env_str("STAR_DESTROYED_IDENTIFIER_KEY", "")

# Background tasks (the old system's data import). With no broker they run at once, in the
# request that starts them, so a developer needs nothing installed; set a Redis URL such as
# redis://127.0.0.1:6379/0 and run `make worker` to run them in the background.
STAR_CELERY_BROKER_URL = env_str("STAR_CELERY_BROKER_URL", "")
CELERY_BROKER_URL = STAR_CELERY_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not STAR_CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# The scheduled jobs, in one list: Celery beat runs them where a broker is configured (`make beat`),
# cron otherwise (`manage.py run_scheduled --crontab` prints the lines). Times are the service's
# own (TIME_ZONE). Every job is a management command that is safe to run again.
STAR_SCHEDULE: list[dict[str, object]] = [
    {"name": "record_expired_checks", "when": "daily 01:30", "purpose": "Record DBS checks and training that have run out"},
    {"name": "backup", "when": "daily 02:00", "purpose": "A consistent copy of the database, with its manifest"},
    {"name": "generate_sessions", "when": "daily 02:15", "purpose": "Top up every drop-in's and group's sessions for the coming weeks"},
    {"name": "retention_review", "when": "daily 02:30", "purpose": "Find the records whose retention period has ended"},
    {"name": "refresh_figures", "when": "every minute", "purpose": "Recompute the report figures that writes have made stale"},
    {"name": "expire_downloads", "when": "hourly :40", "purpose": "Delete report files prepared in the background once kept a day"},
    {"name": "scan_documents", "when": "hourly :20", "purpose": "Check documents held in quarantine for viruses"},
    {"name": "fetch_resource_feeds", "when": "daily 03:00", "purpose": "Read partners' Open Referral feeds into the resource hub"},
    {
        "name": "send_reminders",
        "when": "daily 10:00",
        "purpose": "Remind members of tomorrow's sessions and volunteers of their rota slots",
    },
]
STAR_SCHEDULE_JOBS = jobs_from(STAR_SCHEDULE)
# Files prepared in the background (the downloads app: a report's PDF with a broker set) are kept
# this long for the person who asked, then deleted by expire_downloads.
STAR_DOWNLOAD_KEEP_HOURS = 24
# The resource hub's reading of partners' Open Referral feeds: limits on one page and one run.
# The resource hub's map (docs/resource-hub.md) is always drawn on the server as a picture of the
# page's list. Where a deployment names an open tile server (for example its own, or
# https://tile.openstreetmap.org/{z}/{x}/{y}.png within that service's usage policy), Leaflet
# shows a map people can move and zoom instead, once they open it; the tile server alone is added
# to that page's img-src. Empty: no tiles, no third-party requests.
STAR_MAP_TILES_URL = env_str("STAR_MAP_TILES_URL", "")
STAR_MAP_TILES_ATTRIBUTION = env_str("STAR_MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")
STAR_HUB_FEED_MAX_BYTES = env_int("STAR_HUB_FEED_MAX_BYTES", 5 * 1024 * 1024)
STAR_HUB_FEED_MAX_PAGES = env_int("STAR_HUB_FEED_MAX_PAGES", 200)
STAR_HUB_FEED_TIMEOUT_SECONDS = env_int("STAR_HUB_FEED_TIMEOUT_SECONDS", 20)
STAR_HUB_FEED_FULL_READ_DAYS = env_int(
    "STAR_HUB_FEED_FULL_READ_DAYS", 7
)  # between full reads; reads in between ask only for changes (modified_after)
# Resources not checked for this many days are listed for staff to check again.
# At most this many resources are weighed for "near a postcode" (one query, then sorted by distance).
STAR_HUB_NEAR_LIMIT = env_int("STAR_HUB_NEAR_LIMIT", 2000)
STAR_HUB_RESOURCES_STALE_DAYS = env_int("STAR_HUB_RESOURCES_STALE_DAYS", 180)

# Texts, emails and letters (the notifications app) go through GOV.UK Notify. STAR_NOTIFY_API_KEY
# is the key from Notify's "API integration" page; STAR_NOTIFY_CALLBACK_TOKEN the bearer token
# set there for delivery receipts (sent to /messages/notify-callback/); STAR_NOTIFY_TEMPLATE_IDS,
# as JSON, each template's id in Notify by channel: {"session_reminder": {"sms": "…", "email": "…"}}.
# STAR_NOTIFY_STAND_IN: "loopback" uses the stand-in served by this server at /v2/notifications/
# (`make run`), "in-process" the same stand-in without a socket (tests); never in production.
STAR_NOTIFY_API_KEY = env_str("STAR_NOTIFY_API_KEY", "")
STAR_NOTIFY_BASE_URL = env_str("STAR_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
STAR_NOTIFY_CALLBACK_TOKEN = env_str("STAR_NOTIFY_CALLBACK_TOKEN", "")
STAR_NOTIFY_STAND_IN = env_str("STAR_NOTIFY_STAND_IN", "")
if STAR_NOTIFY_STAND_IN not in ("", "loopback", "in-process"):
    raise ImproperlyConfigured(f"STAR_NOTIFY_STAND_IN must be empty, loopback or in-process, not {STAR_NOTIFY_STAND_IN!r}.")
try:
    STAR_NOTIFY_TEMPLATE_IDS: dict[str, dict[str, str]] = json.loads(env_str("STAR_NOTIFY_TEMPLATE_IDS", "{}"))
except ValueError as error:
    raise ImproperlyConfigured('STAR_NOTIFY_TEMPLATE_IDS must be JSON: {"template code": {"sms": "Notify template id"}}.') from error
# Email through Notify, or through Django's mail backend (EMAIL_BACKEND): Notify when it is set up.
STAR_EMAIL_THROUGH = env_str("STAR_EMAIL_THROUGH", "notify" if STAR_NOTIFY_API_KEY else "django")
if STAR_EMAIL_THROUGH not in ("notify", "django"):
    raise ImproperlyConfigured(f"STAR_EMAIL_THROUGH must be notify or django, not {STAR_EMAIL_THROUGH!r}.")
CELERY_BEAT_SCHEDULE = beat_schedule(STAR_SCHEDULE_JOBS)
CELERY_TIMEZONE = TIME_ZONE

# A shared cache, so the web server sees the progress a worker writes. Without it each process
# has its own memory cache (fine when imports run in the request).
STAR_REDIS_URL = env_str("STAR_REDIS_URL", "")
if STAR_REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": STAR_REDIS_URL}}
# Uploads above 2.5 MB go to a temporary file, not memory; form fields stay small. A document can
# be up to STAR_DOCUMENT_MAX_BYTES (the form refuses more; the proxy's body limit sits just above
# it). Stored files are readable by the service's own user only.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Documents on a person's record (docs/documents.md): refused above this size (the upload page
# says so). Keep the proxy's request limit (nginx client_max_body_size) a little above it.
STAR_DOCUMENT_MAX_BYTES = env_int("STAR_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# The virus scanner: ClamAV's clamd, on a Unix socket (Debian's clamav-daemon listens on
# /run/clamav/clamd.ctl) or on a host and port. With neither, uploads are held in quarantine (never
# served) until `manage.py scan_documents` runs with a scanner configured.
STAR_CLAMD_SOCKET = env_str("STAR_CLAMD_SOCKET", "")
STAR_CLAMD_HOST = env_str("STAR_CLAMD_HOST", "")
STAR_CLAMD_PORT = env_int("STAR_CLAMD_PORT", 3310)
STAR_CLAMD_TIMEOUT_SECONDS = env_int("STAR_CLAMD_TIMEOUT_SECONDS", 60)
STAR_RECEIPT_MAX_BYTES = env_int("STAR_RECEIPT_MAX_BYTES", 5 * 1024 * 1024)
STAR_RECEIPT_REQUIRED_ABOVE_PENCE = env_int("STAR_RECEIPT_REQUIRED_ABOVE_PENCE", 1000)
STAR_DBS_WARNING_DAYS = env_int("STAR_DBS_WARNING_DAYS", 60)
