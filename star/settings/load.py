"""Settings for the load and failure tests: production-like (DEBUG off, no debug pages), but the
seeded demo accounts skip two-factor so scripted users can sign in, and the public forms' spam
limits (meant for one person at one address) are lifted, because every scripted user comes from
127.0.0.1. Refuses to start unless the site and its database are on this machine, and answers
only requests from this machine."""

import warnings
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

from star.settings.base import *  # noqa: F403
from star.settings.base import DATABASES, MIDDLEWARE
from star.settings.environment import env_list, env_str

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "load-test-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise ImproperlyConfigured("star.settings.load is for loopback only: ALLOWED_HOSTS must be 127.0.0.1 or localhost.")
_database_host = DATABASES["default"].get("HOST") or ""
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" or _database_host not in LOOPBACK_HOSTS:
    raise ImproperlyConfigured(
        f"star.settings.load needs a PostgreSQL DATABASE_URL on 127.0.0.1 (got {urlparse(env_str('DATABASE_URL', '')).hostname or 'none'})."
    )

STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = True
MIDDLEWARE = ["star.load_guard.LoopbackOnlyMiddleware", *MIDDLEWARE]
# Static files straight from the app folders: no collectstatic step before a run.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at")

STAR_SELF_REFERRAL_MIN_SECONDS = 0
STAR_SELF_REFERRALS_PER_HOUR = 1_000_000
STAR_PUBLIC_FORM_MINIMUM_SECONDS = 0
STAR_PUBLIC_FORM_LIMIT_PER_HOUR = 1_000_000
STAR_PUBLIC_FORM_CEILING_PER_HOUR = 1_000_000
STAR_SELF_REFERRALS_CEILING_PER_HOUR = 1_000_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
