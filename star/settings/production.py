"""Production settings: everything `manage.py check --deploy` asks for, and no demo shortcuts."""

from django.core.exceptions import ImproperlyConfigured

from star.settings.base import *  # noqa: F403
from star.settings.environment import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 50 characters in production. Set the SECRET_KEY environment variable "
        "(or DJANGO_SETTINGS_MODULE=star.settings.local for a developer's machine)."
    )
# The names the service answers to: never a default, so a live service states them.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable to the service's host names (comma-separated).")

# The demo shortcut must never reach a live service: refuse to start rather than ignore it.
if env_bool("STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR", False):
    raise ImproperlyConfigured("STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR is for local demos only and is refused in production.")
STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = False
# GOV.UK Notify's stand-in lists what it "sent" (sign-in links included): never on a live service.
if env_str("STAR_NOTIFY_STAND_IN", ""):
    raise ImproperlyConfigured("STAR_NOTIFY_STAND_IN is for local demos and tests only and is refused in production.")
STAR_NOTIFY_STAND_IN = ""
STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS = env_bool("STAR_ACCEPT_SYNTHETIC_NHS_NUMBERS", False)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES = {
    "default": STORAGES["default"],  # noqa: F405 (local files, or S3-compatible storage: star/settings/storage.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
