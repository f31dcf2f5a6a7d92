"""Running wrk (the HTTP load generator) and reading its report."""

import re
import subprocess
from dataclasses import dataclass

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
DURATION = re.compile(r"^\s*([\d.]+)\s*(us|ms|s|m|h)\s*$")
PERCENTILE = re.compile(r"^\s*(\d+(?:\.\d+)?)%\s+([\d.]+\s*(?:us|ms|s|m|h))\s*$", re.MULTILINE)
RATE = re.compile(r"^\s*Requests/sec:\s*([\d.]+)\s*$", re.MULTILINE)
TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s*(\d+)")
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def duration_ms(text):
    """wrk's '1.23ms', '845.00us', '1.02s' or '2.00m' in milliseconds; None if unreadable."""
    match = DURATION.match(text or "")
    if not match:
        return None
    return float(match.group(1)) * UNITS_MS[match.group(2)]


@dataclass
class WrkResult:
    """Throughput, latency percentiles and failures read from one wrk run."""

    requests_per_second: float | None
    percentiles_ms: dict
    requests: int | None
    non_2xx: int
    socket_errors: int
    raw: str = ""

    @property
    def p50(self):
        return self.percentiles_ms.get(50.0)

    @property
    def p99(self):
        return self.percentiles_ms.get(99.0)

    @property
    def ok(self):
        """Whether the run measured something: a rate, the percentiles, and no failed requests."""
        return (
            self.requests_per_second is not None
            and self.p50 is not None
            and self.p99 is not None
            and self.non_2xx == 0
            and self.socket_errors == 0
        )


def parse(output):
    """Read wrk's text report (run with --latency); missing parts are None, never a crash."""
    percentiles = {}
    # Only the "Latency Distribution" block has "NN%  value" lines.
    for match in PERCENTILE.finditer(output):
        value = duration_ms(match.group(2))
        if value is not None:
            percentiles[float(match.group(1))] = value
    rate = RATE.search(output)
    total = TOTAL.search(output)
    non_2xx = NON_2XX.search(output)
    errors = SOCKET_ERRORS.search(output)
    requests = int(total.group(1)) if total else None
    if requests == 0:
        # Nothing completed in time: wrk prints a zero rate and zero latencies, which mean nothing.
        rate, percentiles = None, {}
    return WrkResult(
        requests_per_second=float(rate.group(1)) if rate else None,
        percentiles_ms=percentiles,
        requests=requests,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        raw=output,
    )


def run(url, duration=10, connections=8, threads=2, timeout=None):
    """Run wrk against a loopback URL for a bounded time and parse its report."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        url,
    ]
    completed = subprocess.run(  # noqa: S603 (fixed arguments, loopback URL)
        command, capture_output=True, text=True, timeout=timeout or duration + 30, check=False
    )
    return parse(completed.stdout + completed.stderr)
