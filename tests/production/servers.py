"""Start and stop real servers for the production tests: gunicorn and moto's S3, on loopback."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand redirects back to the test instead of following them."""

    def redirect_request(self, *args, **kwargs):
        return None


NOT_FOLLOWING = urllib.request.build_opener(NoRedirects)


def fetch(url, headers=None, method="GET"):
    """(status, headers, body) of one request, redirects and HTTP errors included."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with NOT_FOLLOWING.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def database_url(settings_dict):
    """A DATABASE_URL for the database Django is connected to (the test database)."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def production_env(**overrides):
    """The environment of a production process: only what production reads, plus overrides."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "TMPDIR": os.environ.get("TMPDIR", "/tmp"),  # noqa: S108
        "DJANGO_SETTINGS_MODULE": "handcare.settings.production",
        "SECRET_KEY": "production-test-secret-key-not-used-anywhere-else",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HANDCARE_HTTPS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.update({name: str(value) for name, value in overrides.items() if value is not None})
    return env


def run_manage(env, *args, timeout=300):
    """Run manage.py in a fresh interpreter with `env`; fail with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}"
    return result.stdout


class Server:
    """A server in its own process group, logging to a file, stopped with everything it forked."""

    def __init__(self, command, env, ready_url, log_path):
        self.command, self.env, self.ready_url, self.log_path = command, env, ready_url, log_path
        self.process = None

    def start(self):
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[2]} exited at start:\n{self.output()}")
            if self._answers():
                return self
            time.sleep(0.2)
        output = self.output()
        self.stop()
        raise RuntimeError(f"{self.command[2]} did not answer in {START_TIMEOUT}s:\n{output}")

    def _answers(self):
        """Whether the server answers HTTP at all: any status, even a redirect, is an answer."""
        parts = urllib.parse.urlsplit(self.ready_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        try:
            connection.request("GET", parts.path or "/")
            connection.getresponse().read()
        except OSError:
            return False
        finally:
            connection.close()
        return True

    def output(self):
        self.log.flush()
        return Path(self.log_path).read_text(errors="replace")[-4000:]

    def stop(self):
        """SIGTERM the whole process group (gunicorn's workers too), SIGKILL what lingers."""
        if self.process is None or self.process.poll() is not None and not self._group_alive():
            self._close()
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while self._group_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        if self._group_alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
        self._close()

    def _group_alive(self):
        try:
            os.killpg(self.process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True

    def _close(self):
        if getattr(self, "log", None) and not self.log.closed:
            self.log.close()


def gunicorn(env, log_path, workers=2):
    """gunicorn with deploy/gunicorn.conf.py on a free loopback port; `.url` is its address."""
    port = free_port()
    env = {**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    server = Server(command, env, f"{url}/", log_path)
    server.url = url
    return server


def moto_s3(log_path):
    """moto's S3-compatible server on a free loopback port; `.url` is its endpoint."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}
    server = Server(command, env, f"{url}/moto-api/", log_path)
    server.url = url
    return server
