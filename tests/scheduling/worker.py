"""A real `manage.py db_worker` in a subprocess, on the test database, and a bounded wait for it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# How long to wait for the worker before failing with its log. Generous: the machine may be
# busy, and this bounds a hang; it says nothing about how fast the worker is.
TIMEOUT_SECONDS = 90
WORKER_ID = "scheduling-test-worker"


class Worker:
    """`manage.py db_worker --backend background`, started against the test database."""

    def __init__(self, tmp_path):
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        self.log_path = tmp_path / "worker.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.scheduling.worker_settings",
            "HANDCARE_WORKER_DATABASE_NAME": str(connection.settings_dict["NAME"]),
            "HANDCARE_WORKER_EMAIL_DIR": str(self.mail_dir),
            "PYTHONUNBUFFERED": "1",
        }
        command = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend=background",
            "--interval=0.2",
            "--no-startup-delay",
            "--no-reload",
            f"--worker-id={WORKER_ID}",
        ]
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def log(self):
        return self.log_path.read_text()

    def wait_for(self, condition, what):
        """Poll `condition` until it holds; fail with the worker's log if it exits or times out."""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail(
                    f"The worker exited ({self.process.returncode}) before {what}:\n{self.log()}"
                )
            time.sleep(0.2)
        pytest.fail(f"No {what} within {TIMEOUT_SECONDS} s. The worker's log:\n{self.log()}")

    def mails(self):
        return [path.read_text() for path in sorted(self.mail_dir.iterdir())]

    def stop(self):
        # SIGTERM: the worker finishes the task in hand, then exits.
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
