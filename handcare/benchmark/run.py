"""`make bench`: generate N articles, serve them as production does, and measure over HTTP.

Run as ``python -m handcare.benchmark.run [--count N]``. It builds (or tops up) a benchmark
database, starts two gunicorn app servers under the production settings (page cache on, and
off with HANDCARE_PAGE_CACHE=0) and Varnish in front of the first, drives each with wrk on
loopback for a bounded time, and prints one table. Every process it starts is stopped when it
ends, fails or is interrupted. Figures are printed, never asserted.
"""

import argparse
import json
import math
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from . import wrk
from .queries import READER_QUERIES
from .stack import (
    BASE_DIR,
    REQUEST_TIMEOUT,
    Processes,
    clear_cache,
    django_query,
    fetch,
    free_port,
    gunicorn_command,
    have_tool,
    make_log,
    manage,
    start_varnish,
    stop_on_signals,
    wait_for,
)

VAR_DIR = BASE_DIR / "var" / "bench"
STATIC_NAME = "bench/article-size.html"

# Targets on the 2-core development machine (see docs/benchmark.md).
TARGETS = {"A/W": 0.06, "C/W": 0.8, "E/V": 0.5}
SEARCH_P95_TARGET_MS = 100
ADMIN_TARGET_MS = 500


log = make_log("bench")


def timed_gets(url, repeat, headers=None):
    """Milliseconds of `repeat` sequential GETs (after one untimed warm-up), and the status.

    A request slower than REQUEST_TIMEOUT counts as infinitely slow, and so do the repeats it
    stands for: waiting for each would make the run unbounded.
    """
    try:
        status, _, _ = fetch(url, headers)
    except TimeoutError:
        return [math.inf] * repeat, None
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        status, _, _ = fetch(url, headers)
        timings.append((time.perf_counter() - start) * 1000)
    return timings, status


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def bench_env(args):
    """The environment production settings need, pointing at the benchmark database."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "handcare.settings.production",
            "SECRET_KEY": env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "CACHE_KEY_PREFIX": "handcare-bench",
            "HANDCARE_HTTPS": "0",
            "DATABASE_CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE", "600"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def prepare_database(env, count):
    """Migrate, then generate articles until the database holds `count` (kept between runs)."""
    manage(env, "migrate", "--noinput", "-v0")
    have = int(django_query(env, COUNT_ARTICLES))
    if have < count:
        log(f"generating {count - have} articles ({have} already there)")
        start = time.monotonic()
        manage(env, "generate_content", "--count", str(count - have))
        log(f"generation took {time.monotonic() - start:.0f} s")
    elif have > count:
        log(f"the database already holds {have} articles (more than {count}); measuring those")
    clear_cache(env)
    return max(have, count)


COUNT_ARTICLES = "from wagtail.models import Page; print(Page.objects.filter(depth=4).count())"

PICK_TARGETS = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page
from home.models import SectionPage
article = Page.objects.live().filter(depth=4).order_by("path").first()
section = max(SectionPage.objects.all(), key=lambda s: s.numchild)
User = get_user_model()
admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_superuser": True,
    "is_staff": True, "email": "bench@handcare.invalid"})
client = Client()
client.force_login(admin)
print(json.dumps({"article": article.url, "article_id": article.pk, "section": section.url,
    "section_id": section.pk, "session": client.cookies["sessionid"].value}))
"""


def write_static_twin(env, size):
    """A static file of the article's byte size, collected so WhiteNoise serves it (row W)."""
    static_root = Path(
        django_query(env, "from django.conf import settings; print(settings.STATIC_ROOT)")
    )
    target = static_root / STATIC_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    filler = b"<!-- HandCare benchmark: a static file as large as one article page. -->\n"
    target.write_bytes((filler * (size // len(filler) + 1))[:size])
    return "/static/" + STATIC_NAME


def measure(args, env, workdir, processes):
    count = prepare_database(env, args.count)
    manage(env, "collectstatic", "--noinput", "-v0")
    targets = json.loads(django_query(env, PICK_TARGETS))

    cached_port, uncached_port = free_port(), free_port()
    logs = Path(workdir)
    app = f"http://127.0.0.1:{cached_port}"
    app_nocache = f"http://127.0.0.1:{uncached_port}"

    def start_app_servers():
        """The same app twice: with the page cache (C, L, E) and without it (A)."""
        cached = processes.start(
            "gunicorn (page cache on)", gunicorn_command(cached_port), env, logs / "gunicorn.log"
        )
        uncached = processes.start(
            "gunicorn (page cache off)",
            gunicorn_command(uncached_port),
            {**env, "HANDCARE_PAGE_CACHE": "0"},
            logs / "gunicorn-nocache.log",
        )
        wait_for(app + "/", cached)
        wait_for(app_nocache + "/", uncached)

    start_app_servers()

    status, _, body = fetch(app + targets["article"])
    if status != 200:
        raise RuntimeError(f"the article {targets['article']} answered {status}")
    # WhiteNoise indexes the static files when a worker starts, so the twin is written first
    # and the servers restarted to see it.
    static_url = write_static_twin(env, len(body))
    processes.stop_all()
    start_app_servers()
    status, _, static_body = fetch(app + static_url)
    if status != 200:
        raise RuntimeError(f"the static twin {static_url} answered {status}")

    edge, vcl_source = start_varnish(processes, cached_port, workdir, env, logs / "varnish.log")

    rows = [
        ("W", "static file of the article's size, app server", app + static_url),
        ("A", "article, page cache off", app_nocache + targets["article"]),
        ("C", "article, page cache on", app + targets["article"]),
        ("L", "section listing, page cache on", app + targets["section"]),
        ("S", "search (?q=massage), page cache off", app_nocache + "/search/?q=massage"),
        ("E", "article through Varnish", edge + targets["article"]),
        ("V", "static file through Varnish", edge + static_url),
    ]
    results = {}
    for key, _label, url in rows:
        try:
            status, _, _ = fetch(url)
        except TimeoutError:
            log(f"{key}: {url} took over {REQUEST_TIMEOUT} s; not load-testing it")
            results[key] = None
            continue
        if status != 200:
            raise RuntimeError(f"{key} {url} answered {status}")
        wrk.run(url, duration=args.warmup, connections=args.connections)
        result = wrk.run(url, duration=args.duration, connections=args.connections)
        results[key] = result
        if not result.ok:
            log(f"{key}: wrk reported a problem; its output:\n{result.raw}")
    varnish_hit = fetch(edge + targets["article"])[1].get("Age", "0")

    search_timings = []
    for query in READER_QUERIES:
        timings, status = timed_gets(
            app_nocache + "/search/?" + urllib.parse.urlencode({"q": query}), args.search_repeat
        )
        if status not in (200, None):
            raise RuntimeError(f"search for {query!r} answered {status}")
        if status is None:
            log(f"search for {query!r} took over {REQUEST_TIMEOUT} s")
        search_timings.append((query, timings))

    cookie = {"Cookie": f"sessionid={targets['session']}"}
    admin = {}
    for key, path in [
        ("explorer", f"/admin/pages/{targets['section_id']}/"),
        ("dashboard", "/admin/"),
    ]:
        timings, status = timed_gets(app_nocache + path, args.admin_repeat, cookie)
        if status not in (200, None):
            raise RuntimeError(f"admin {path} answered {status} (is the session valid?)")
        admin[key] = (path, timings)

    return {
        "count": count,
        "database": env["DATABASE_URL"].split("://")[0],
        "article": targets["article"],
        "article_bytes": len(body),
        "static_bytes": len(static_body),
        "section": targets["section"],
        "rows": rows,
        "results": results,
        "search": search_timings,
        "admin": admin,
        "vcl": vcl_source,
        "varnish_age": varnish_hit,
        "duration": args.duration,
        "connections": args.connections,
    }


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if math.isinf(value):
        return f">{REQUEST_TIMEOUT * 1000}"
    return f"{value:.{digits}f}"


def report(figures):
    results = figures["results"]
    print()
    print(
        f"HandCare benchmark: {figures['count']} articles on {figures['database']}, "
        f"gunicorn 2 workers (handcare.settings.production), wrk {figures['duration']} s per row, "
        f"{figures['connections']} connections, loopback"
    )
    print(
        f"article {figures['article']} ({figures['article_bytes']} bytes); static twin "
        f"{figures['static_bytes']} bytes; section {figures['section']}; "
        f"VCL {figures['vcl'].relative_to(BASE_DIR)}"
    )
    print()
    print(f"{'row':<4}{'what':<48}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}  notes")
    for key, label, _ in figures["rows"]:
        result = results[key]
        if result is None:
            print(
                f"{key:<4}{label:<48}{'':>10}{'':>10}{'':>10}  one request took over "
                f"{REQUEST_TIMEOUT} s: not load-tested"
            )
            continue
        notes = []
        if result.requests == 0:
            notes.append("no request completed in time")
        elif result.requests is None:
            notes.append("wrk output unreadable")
        if result.non_2xx:
            notes.append(f"{result.non_2xx} non-2xx")
        if result.socket_errors:
            notes.append(f"{result.socket_errors} socket errors")
        print(
            f"{key:<4}{label:<48}{fmt(result.requests_per_second):>10}"
            f"{fmt(result.p50, 2):>10}{fmt(result.p99, 2):>10}  {', '.join(notes)}"
        )
    print()

    def ratio(a, b):
        if results[a] is None or results[b] is None:
            return None
        top, bottom = results[a].requests_per_second, results[b].requests_per_second
        return top / bottom if top and bottom else None

    for name, (a, b) in {"A/W": ("A", "W"), "C/W": ("C", "W"), "E/V": ("E", "V")}.items():
        value = ratio(a, b)
        print(f"{name:<6}{fmt(value, 3):>8}   target >= {TARGETS[name]}")
    search = [t for _, timings in figures["search"] for t in timings]
    print(
        f"search p95 over {len(READER_QUERIES)} queries ({len(search)} requests): "
        f"{fmt(percentile(search, 0.95))} ms (median {fmt(statistics.median(search))} ms)   "
        f"target < {SEARCH_P95_TARGET_MS} ms at 10,000 articles on PostgreSQL"
    )
    slowest = sorted(figures["search"], key=lambda item: -statistics.median(item[1]))[:3]
    print(
        "  slowest queries (median ms): "
        + ", ".join(f"{query!r} {fmt(statistics.median(t))}" for query, t in slowest)
    )
    for key, (path, timings) in figures["admin"].items():
        print(
            f"admin {key} {path}: median {fmt(statistics.median(timings), 0)} ms, "
            f"p95 {fmt(percentile(timings, 0.95), 0)} ms   target < {ADMIN_TARGET_MS} ms"
        )
    print(f"Varnish Age header on the article after the runs: {figures['varnish_age']}")


def default_database_url(count):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR_DIR / f'bench-{count}.sqlite3'}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=int(os.environ.get("N", "10000")))
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per row.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of warm-up per row.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--search-repeat", type=int, default=5)
    parser.add_argument("--admin-repeat", type=int, default=10)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL"),
        help="Default: a SQLite file under var/bench/. The name must contain 'bench'.",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/6"
    )
    args = parser.parse_args(argv)
    args.database_url = args.database_url or default_database_url(args.count)
    if "bench" not in args.database_url.rsplit("/", 1)[-1]:
        # The generator adds thousands of pages: never into a development or test database.
        sys.exit(f"Refusing {args.database_url}: use a database whose name contains 'bench'.")
    for tool in ("wrk", "varnishd"):
        if not have_tool(tool):
            sys.exit(f"{tool} is missing: apt-get install -y varnish wrk (make bench does this)")

    processes = Processes(log)
    stop_on_signals(processes)
    workdir = tempfile.mkdtemp(prefix="handcare-bench-")
    # varnishd's worker runs as an unprivileged user and reads its files from here.
    Path(workdir).chmod(0o755)
    try:
        figures = measure(args, bench_env(args), workdir, processes)
    finally:
        processes.stop_all()
    report(figures)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
