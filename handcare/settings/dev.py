"""Local development: debug on, console email, demo users allowed."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# Demo logins (admin, editor, reviewer) may only be created under these settings.
HANDCARE_DEMO_USERS_ALLOWED = True
