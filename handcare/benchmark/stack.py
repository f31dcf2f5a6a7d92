"""The production stack on loopback for `make bench` and `make loadtest`: gunicorn, Varnish, cleanup.

Every process is started in its own session, so stopping it stops its children too (gunicorn's
workers, varnishd's child), also when the run fails or is interrupted (`stop_on_signals`).
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DEPLOY_VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
DEPLOY_GUNICORN = BASE_DIR / "deploy" / "gunicorn.conf.py"
FALLBACK_VCL = Path(__file__).resolve().parent / "varnish" / "bench.vcl"

REQUEST_TIMEOUT = 30  # gunicorn's default worker timeout: a slower request is killed anyway


def make_log(prefix):
    def log(message):
        print(f"[{prefix}] {message}", file=sys.stderr, flush=True)

    return log


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Processes:
    """The servers this run started; all stopped (process group and all) on exit."""

    def __init__(self, log=None):
        self.running = []
        self.log = log or make_log("stack")

    def start(self, name, command, env=None, log_path=None):
        out = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603 (our own fixed commands)
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.running.append((name, process))
        return process

    def stop_all(self):
        for name, process in reversed(self.running):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
                self.log(f"stopped {name}")
        self.running = []


def stop_on_signals(processes):
    """Ctrl-C or SIGTERM stops every process started so far, then exits 128 + the signal."""

    def interrupted(signum, frame):
        processes.stop_all()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)


def fetch(url, headers=None, timeout=REQUEST_TIMEOUT):
    """(status, headers, body) of one GET; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(url, process, timeout=60, headers=None):
    """Wait until `url` answers (any status), or fail if the server died or never came up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {process.returncode}")
        try:
            fetch(url, headers=headers)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def manage(env, *arguments):
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=env, check=True
    )


def django_query(env, code):
    """Run Python code under the given settings in a subprocess and return its last line."""
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip().splitlines()[-1]


# Empties the run's own cache keys (CACHE_KEY_PREFIX), never the whole Redis database.
CLEAR_CACHE = (
    "from django.core.cache import cache; from django.conf import settings; "
    "p = settings.CACHES['default'].get('KEY_PREFIX', ''); "
    "c = cache._cache.get_client(write=True) if hasattr(cache, '_cache') else None; "
    "keys = list(c.scan_iter(p + ':*')) if c else []; "
    "c.delete(*keys) if keys else None; print(len(keys))"
)


def clear_cache(env):
    """Empty the run's own cache keys (CACHE_KEY_PREFIX), never the whole Redis database."""
    django_query(env, CLEAR_CACHE)


def vcl_for(backend_port, workdir):
    """The deploy VCL if this checkout has one, else ours, pointed at the given backend."""
    source = DEPLOY_VCL if DEPLOY_VCL.exists() else FALLBACK_VCL
    text = source.read_text()
    # Point the (first) backend at our app server, whatever address the file names.
    text, count = re.subn(r'(\.port\s*=\s*")\d+(")', rf"\g<1>{backend_port}\g<2>", text, count=1)
    text = re.sub(r'(\.host\s*=\s*")[^"]+(")', r"\g<1>127.0.0.1\g<2>", text, count=1)
    if not count:
        raise RuntimeError(f"{source} names no backend port to point at the app server")
    path = Path(workdir) / "bench.vcl"
    path.write_text(text)
    return source, path


def gunicorn_command(port):
    """gunicorn with 2 workers and little logging (make bench)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "handcare.wsgi:application",
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]


def production_gunicorn_command():
    """gunicorn exactly as deployed (deploy/gunicorn.conf.py; HOST, PORT, WEB_CONCURRENCY)."""
    return [sys.executable, "-m", "gunicorn", "-c", str(DEPLOY_GUNICORN)]


def start_varnish(
    processes, backend_port, workdir, env, log_path, storage="malloc,128m", port=None
):
    """varnishd on loopback (`port`, or a free one) in front of `backend_port`.

    Returns (base URL, VCL used). `workdir` must be readable by varnishd's unprivileged worker
    (mode 0755).
    """
    vcl_source, vcl = vcl_for(backend_port, workdir)
    port = port or free_port()
    varnish = processes.start(
        "varnishd",
        [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(Path(workdir) / "varnish"),
            "-s",
            storage,
            "-T",
            "none",
        ],
        env,
        log_path,
    )
    edge = f"http://127.0.0.1:{port}"
    wait_for(edge + "/", varnish)
    return edge, vcl_source


def have_tool(name):
    return bool(shutil.which(name) or Path(f"/usr/sbin/{name}").exists())
