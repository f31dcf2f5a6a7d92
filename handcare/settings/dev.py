"""Local development: debug on, console email, demo users allowed."""

import os

from .base import *  # noqa: F403

# `make run` sets HANDCARE_DEBUG=0, so the dev server shows readers' real 404 and 500 pages;
# `make run DEBUG=1` (or a plain `manage.py runserver`) keeps Django's debug pages.
DEBUG = os.environ.get("HANDCARE_DEBUG", "1").lower() not in {"0", "false", "off", "no"}
# Without DEBUG, uploaded images are served by handcare/media/views.py (static files by
# `runserver --insecure`), as `make serve` does.
HANDCARE_SERVE_MEDIA = True
SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# Demo logins (admin, editor, reviewer) may only be created under these settings.
HANDCARE_DEMO_USERS_ALLOWED = True

# Two-factor authentication is optional here, so the demo logins work without a phone;
# HANDCARE_2FA_REQUIRED=1 makes it required for superusers, Reviewers and Site administrators.
HANDCARE_2FA_REQUIRED = os.environ.get("HANDCARE_2FA_REQUIRED", "0").lower() in {"1", "true", "on"}
