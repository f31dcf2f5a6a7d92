"""wrk's report is read robustly: every unit, missing sections and failed requests."""

import pytest

from handcare.benchmark.wrk import duration_ms, parse

REPORT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.49s   614.83ms   2.10s   100.00%
    Req/Sec     3.67      5.51    10.00     66.67%
  Latency Distribution
     50%  837.00us
     75%    1.43ms
     90%    2.10s
     99%    1.50m
  1772 requests in 10.10s, 4.68MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   1609.86
Transfer/sec:      4.25MB
""".replace("2.10s\n", "2.10s \n")  # wrk pads some values with a trailing space


@pytest.mark.parametrize(
    ("text", "expected"),
    [("837.00us", 0.837), ("1.43ms", 1.43), ("2.10s", 2100.0), ("1.50m", 90_000.0)],
)
def test_durations_in_every_unit_become_milliseconds(text, expected):
    assert duration_ms(text) == pytest.approx(expected)


def test_unreadable_duration_is_none():
    assert duration_ms("fast") is None
    assert duration_ms("") is None


def test_full_report():
    result = parse(REPORT)
    assert result.requests_per_second == pytest.approx(1609.86)
    assert result.p50 == pytest.approx(0.837)
    assert result.p99 == pytest.approx(90_000.0)
    assert result.percentiles_ms[90.0] == pytest.approx(2100.0)
    assert result.requests == 1772
    assert result.non_2xx == 7
    assert result.socket_errors == 5
    # Failed requests make the figures untrustworthy.
    assert not result.ok


def test_clean_report_is_ok():
    clean = REPORT.replace("  Socket errors: connect 0, read 2, write 0, timeout 3\n", "")
    clean = clean.replace("  Non-2xx or 3xx responses: 7\n", "")
    assert parse(clean).ok


def test_no_completed_request_gives_no_figures():
    result = parse(
        "  Latency Distribution\n     50%    0.00us\n     99%    0.00us\n"
        "  0 requests in 3.00s, 0.00B read\nRequests/sec:      0.00\n"
    )
    assert result.requests == 0
    assert result.requests_per_second is None
    assert result.p50 is None
    assert not result.ok


def test_missing_output_never_crashes():
    result = parse("unable to connect to 127.0.0.1:1 Connection refused\n")
    assert result.requests_per_second is None
    assert result.p50 is None and result.p99 is None
    assert not result.ok
