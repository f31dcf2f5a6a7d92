"""Real faulty servers for the fault tests: a private redis-server to stop, and SMTP servers that fail."""

import contextlib
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import tempfile
import threading
import time

import pytest
import redis


def free_port():
    """A TCP port nothing listens on (closed again at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisProcess:
    """One redis-server of our own on a free port: stopped, paused and restarted by the tests."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="handcare-faults-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=5)

    def start(self):
        """Start (or restart) it; a restart loads the data a `stop(save=True)` wrote."""
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--dir", self.dir,
                "--dbfilename", "dump.rdb",
                "--save", "",
                "--appendonly", "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(500):  # ready within a few seconds, or the test errors below
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.01)
        raise RuntimeError("redis-server did not start")

    def stop(self, *, save=False):
        """Shut the server down, as an operator or a crash would; with `save`, keep its data."""
        if save:
            self.client().shutdown(save=True)
        else:
            self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None

    def pause(self):
        """Freeze it (SIGSTOP): connections are accepted by the kernel but never answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def redis_process():
    """A private, running redis-server, killed after the test."""
    if shutil.which("redis-server") is None:
        if os.environ.get("HANDCARE_REQUIRE_BROWSER") == "1":
            pytest.fail("redis-server is required (CI) but is not installed")
        pytest.skip("redis-server is not installed")
    server = RedisProcess()
    server.start()
    yield server
    server.close()


class FailingSMTPHandler(socketserver.StreamRequestHandler):
    """An SMTP server that is up but will not take mail (the mode is the server's)."""

    def line(self, text):
        self.wfile.write(f"{text}\r\n".encode())

    def handle(self):
        if self.server.mode == "421":
            # Refuses at the greeting, as an overloaded or shutting-down server does.
            self.line("421 4.3.2 mail.handcare.invalid Service not available, try later")
            return
        # "554": greets, then refuses every message.
        self.line("220 mail.handcare.invalid ESMTP")
        for raw in self.rfile:
            command = raw.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.line("250 mail.handcare.invalid")
            elif command.startswith("QUIT"):
                self.line("221 2.0.0 Bye")
                return
            elif command.startswith(("RSET", "NOOP")):
                self.line("250 2.0.0 OK")
            else:
                self.line("554 5.7.1 Transaction failed")


class FailingSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mode):
        self.mode = mode
        super().__init__(("127.0.0.1", 0), FailingSMTPHandler)


@contextlib.contextmanager
def failing_smtp(mode):
    """The port of a mail server failing in `mode`: "421", "554", or "closed" (nothing listens)."""
    if mode == "closed":
        yield free_port()
        return
    server = FailingSMTPServer(mode)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
