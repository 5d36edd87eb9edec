"""Settings for a developer's machine and `make run`: debug on, demo accounts may skip two-factor."""

from star.settings.base import *  # noqa: F403
from star.settings.environment import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "local-development-only-not-secret-" + "x" * 20)
STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR = env_bool("STAR_DEMO_ACCOUNTS_SKIP_TWO_FACTOR", True)
