"""Simulated readers for `make loadtest`: keep-alive HTTP/1.1 GETs on asyncio, timed one by one.

One event loop in one process runs every reader: on a 2-core machine a thread or a process per
reader would take the CPU the server needs. Each reader loops without pause (a closed loop: a
slower server means fewer requests, never a growing queue of our own), picks its next URL from
a weighted mix, and records the kind, start time, latency and status of every request. For the
articles being published it also records which version of the summary the page showed.
"""

import asyncio
import random
import time
import zlib
from dataclasses import dataclass, field

from .loadstats import Read, seen_version

REQUEST_TIMEOUT = 30  # gunicorn kills a worker's request after 30 s; waiting longer is pointless


class HTTPError(Exception):
    """The server's answer was not HTTP as we speak it (or the connection broke mid-answer)."""


@dataclass
class Target:
    """A URL readers fetch, what kind it is (for the table) and, if published, its page id."""

    path: str
    kind: str
    weight: float
    page_id: int | None = None


@dataclass
class Results:
    """Everything the readers measured; shared by all of them (one event loop, no locks)."""

    latencies: dict = field(default_factory=dict)  # kind -> [ms] of answered requests
    requests: dict = field(default_factory=dict)  # kind -> count, answered or not
    errors: dict = field(default_factory=dict)  # kind -> count
    error_samples: list = field(default_factory=list)  # first few errors, for the report
    reads: list = field(default_factory=list)  # loadstats.Read of published articles

    def add(self, kind, ms=None, error=None):
        self.requests[kind] = self.requests.get(kind, 0) + 1
        if ms is not None:
            self.latencies.setdefault(kind, []).append(ms)
        if error is not None:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if len(self.error_samples) < 10:
                self.error_samples.append(f"{kind}: {error}")


async def read_response(reader):
    """(status, headers, body) of one response; the body is read in full (length or chunks)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise HTTPError(f"bad status line {lines[0]!r}")
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if status in (204, 304) or 100 <= status < 200:
        return status, headers, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")  # no trailers are sent to us
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        return status, headers, b"".join(chunks)
    if "content-length" in headers:
        return status, headers, await reader.readexactly(int(headers["content-length"]))
    headers["connection"] = "close"
    return status, headers, await reader.read()


class Reader:
    """One simulated reader: one keep-alive connection, reopened after any failure."""

    def __init__(self, number, host, port, targets, results, pattern, seed):
        self.host, self.port = host, port
        self.targets = targets
        self.weights = [target.weight for target in targets]
        self.results = results
        self.pattern = pattern
        self.random = random.Random(seed * 1000 + number)
        # Half the readers ask for gzip as browsers do, half for plain text: Varnish keeps a
        # copy of each, and a purge must drop both.
        self.gzip = number % 2 == 0
        self.connection = None

    def request_bytes(self, path):
        encoding = "Accept-Encoding: gzip\r\n" if self.gzip else ""
        return (
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"User-Agent: HandCare-loadtest\r\nAccept: text/html\r\n{encoding}\r\n"
        ).encode("latin-1")

    async def get(self, path):
        if self.connection is None:
            self.connection = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.connection
        writer.write(self.request_bytes(path))
        await writer.drain()
        status, headers, body = await read_response(reader)
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def close(self):
        if self.connection is not None:
            self.connection[1].close()
            self.connection = None

    async def run(self, until):
        try:
            while time.monotonic() < until:
                target = self.random.choices(self.targets, self.weights)[0]
                await self.fetch(target)
        finally:
            self.close()

    async def fetch(self, target):
        started = time.monotonic()
        try:
            status, headers, body = await asyncio.wait_for(self.get(target.path), REQUEST_TIMEOUT)
        except TimeoutError:  # before OSError, of which it is a subclass
            self.close()
            self.results.add(target.kind, error=f"no answer within {REQUEST_TIMEOUT} s")
            return
        except (OSError, EOFError, asyncio.LimitOverrunError, HTTPError, ValueError) as error:
            # IncompleteReadError is an EOFError: the server closed the connection mid-answer.
            self.close()
            self.results.add(target.kind, error=f"{type(error).__name__}: {error}")
            return
        ms = (time.monotonic() - started) * 1000
        if not 200 <= status < 400:
            self.results.add(target.kind, ms, error=f"HTTP {status} for {target.path}")
            return
        if target.page_id is not None and status == 200:
            if headers.get("content-encoding") == "gzip":
                try:
                    body = zlib.decompress(body, zlib.MAX_WBITS | 16)
                except zlib.error as error:
                    self.results.add(target.kind, ms, error=f"bad gzip body: {error}")
                    return
            version = seen_version(body.decode("utf-8", "replace"), self.pattern, target.page_id)
            self.results.reads.append(Read(target.page_id, started, version))
        self.results.add(target.kind, ms)


async def run_readers(count, seconds, host, port, targets, pattern, seed=1):
    """`count` readers for `seconds`; a request under way at the end is waited for (bounded)."""
    results = Results()
    until = time.monotonic() + seconds
    readers = [Reader(n, host, port, targets, results, pattern, seed) for n in range(count)]
    tasks = [asyncio.create_task(reader.run(until)) for reader in readers]
    await asyncio.gather(*tasks)
    return results
