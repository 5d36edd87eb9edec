"""Settings for a developer's machine and `make run`: debug on, demo accounts may skip two-factor."""

from pathlib import Path

from star.settings.base import *  # noqa: F403
from star.settings.environment import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-secret-" + "x" * 20)
STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = env_bool("STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR", True)

# GOV.UK Notify's stand-in, served by this same server: what is "sent" is listed at /dev/notify/.
STAR_NOTIFY_STAND_IN = env_str("STAR_NOTIFY_STAND_IN", "loopback")
STAR_NOTIFY_BASE_URL = env_str("STAR_NOTIFY_BASE_URL", "http://127.0.0.1:8000")
STAR_NOTIFY_CALLBACK_TOKEN = env_str("STAR_NOTIFY_CALLBACK_TOKEN", "local-stand-in-callback-token")
STAR_EMAIL_THROUGH = env_str("STAR_EMAIL_THROUGH", "notify")

# The virus scanner: Debian's clamav-daemon's socket when it is running here (`.ci/run` starts it),
# otherwise none, and uploads are held until `manage.py scan_documents` (docs/documents.md).
STAR_CLAMD_SOCKET = env_str("STAR_CLAMD_SOCKET", "/run/clamav/clamd.ctl" if Path("/run/clamav/clamd.ctl").exists() else "")
