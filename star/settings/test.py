"""Settings for the test suite: fast password hashing, nothing skips two-factor."""

from star.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 40
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Texts and letters go to GOV.UK Notify's stand-in, in-process; emails to Django's test outbox
# (notifications' own tests send email through the stand-in too).
STAR_NOTIFY_STAND_IN = "in-process"
STAR_NOTIFY_BASE_URL = "http://notify.stand-in.test"
STAR_NOTIFY_CALLBACK_TOKEN = "test-callback-token-" + "x" * 20
STAR_EMAIL_THROUGH = "django"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded files (volunteers' receipts) go to a throw-away folder, never the project's.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="star-test-media-")

# No virus scanner unless a test starts one (documents/tests/fake_clamd.py): uploads are held in
# quarantine. The real ClamAV daemon is tested by itself (documents/tests/test_clamd.py).
STAR_CLAMD_SOCKET = ""
STAR_CLAMD_HOST = ""

# A replica alias that mirrors the test database (Django's TEST MIRROR), so the router's tests
# run on SQLite and PostgreSQL with no replica server (core/tests/test_replicas.py). It is not read
# from unless a test lists it in STAR_REPLICA_DATABASES; with DATABASE_REPLICA_URLS set (the
# real replica tests, `make test-replica`) the real one is used.
if "replica_0" not in DATABASES:  # noqa: F405
    DATABASES["replica_0"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
