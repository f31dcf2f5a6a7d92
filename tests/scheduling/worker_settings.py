"""Settings of the `db_worker` subprocess the scheduling tests start: the test settings, with the
production queue, the test database the test process created, and e-mails written to files."""

import os

from handcare.settings.test import *  # noqa: F403
from handcare.settings.test import DATABASES, TASKS

# The subprocess reads and writes the test process's test database (a SQLite file, or the
# PostgreSQL test database on the same server), so the test sees what the worker did.
DATABASES["default"]["NAME"] = os.environ["HANDCARE_WORKER_DATABASE_NAME"]
TASKS = {**TASKS, "background": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# locmem would keep the worker's e-mails inside the worker; files are what the test can read.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["HANDCARE_WORKER_EMAIL_DIR"]
