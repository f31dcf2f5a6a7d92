"""Debian's varnishd with deploy/varnish/default.vcl on a free loopback port, for tests.

Skipped without varnishd (apt-get install varnish), unless HANDCARE_REQUIRE_BROWSER=1 (CI) or
HANDCARE_REQUIRE_VARNISH=1, which turn a missing Varnish into a failure.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

VCL = Path(__file__).resolve().parents[1] / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
MISSING = f"varnishd not found ({VARNISHD}); install Debian's varnish (apt-get install varnish)"


def require_varnish():
    """Skip the test without varnishd, or fail it where CI requires one."""
    if os.path.isfile(VARNISHD) and os.access(VARNISHD, os.X_OK):
        return
    required = "1" in (
        os.environ.get("HANDCARE_REQUIRE_BROWSER"),
        os.environ.get("HANDCARE_REQUIRE_VARNISH"),
    )
    if required:
        pytest.fail(MISSING, pytrace=False)
    pytest.skip(MISSING)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("varnishd did not start listening")


@contextlib.contextmanager
def varnishd(backend_port, workdir, listen):
    """Run varnishd with the deploy VCL pointed at `backend_port`, on the `listen` addresses
    (host:port strings; the first is waited for)."""
    require_varnish()
    vcl = Path(workdir) / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",  # foreground: the caller owns the process
            "-j", "none",  # no privilege separation, so it can read the temporary VCL
            "-n", str(Path(workdir) / "work"),
            *[arg for address in listen for arg in ("-a", address)],
            "-T", "none",
            "-f", str(vcl),
            "-s", "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for(int(listen[0].rsplit(":", 1)[1]), process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
