"""`make loadtest`: many readers on the production stack while approved changes are published.

Run as ``python -m handcare.benchmark.loadtest``. It loads the demo content into its own
database (PostgreSQL `handcare_load` by default, created if missing), starts gunicorn as
deployed (deploy/gunicorn.conf.py, handcare.settings.production, Redis) with Varnish in front
(deploy/varnish/default.vcl) on loopback, and lets LOADTEST_READERS simulated readers
(loadclient.py) fetch a mix of public URLs through Varnish for LOADTEST_SECONDS while the
publisher (publisher.py) publishes LOADTEST_PUBLISHES approved changes to articles the readers
are fetching. It prints requests, errors, p50/p99 and stale reads (a read of a published
article that started after the publish returned and still shows the earlier text), and exits
1 unless there were no errors and no stale reads. Every process it starts is stopped when it
ends, fails or is interrupted.
"""

import argparse
import asyncio
import json
import os
import queue
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from . import loadstats
from .loadclient import Target, run_readers
from .queries import READER_QUERIES
from .stack import (
    BASE_DIR,
    CLEAR_CACHE,
    Processes,
    django_query,
    fetch,
    free_port,
    have_tool,
    make_log,
    production_gunicorn_command,
    start_varnish,
    stop_on_signals,
    wait_for,
)

VAR_DIR = BASE_DIR / "var" / "load"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/handcare_load"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/7"
PUBLISHED_ARTICLES = 5
# Share of requests per kind of URL (each kind's URLs equally often). Search is never cached,
# so every search request is rendered by gunicorn: its share decides how hard the app works.
MIX = {
    "home": 0.10,
    "section": 0.15,
    "article": 0.40,
    "published article": 0.30,
    "search": 0.05,
}

log = make_log("loadtest")


def mix_with_search(share):
    """MIX with search at `share` of the requests, the other kinds in their proportions."""
    if not 0 <= share < 1:
        raise ValueError("the search share must be at least 0 and below 1")
    others = 1 - MIX["search"]
    return {
        kind: share if kind == "search" else value * (1 - share) / others
        for kind, value in MIX.items()
    }


def load_env(args, app_port, varnish_url):
    """What the production settings need, for this run's database, Redis and Varnish."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "handcare.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": args.database_url,
            "REDIS_URL": args.redis_url,
            "CACHE_KEY_PREFIX": "handcare-load",
            "HANDCARE_HTTPS": "0",
            "DATABASE_CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE", "600"),
            "STATIC_ROOT": str(VAR_DIR / "static"),
            "MEDIA_ROOT": str(VAR_DIR / "media"),
            "VARNISH_URL": varnish_url,
            "WAGTAILADMIN_BASE_URL": varnish_url,
            # Workflow notices are sent as in production, into memory.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "HOST": "127.0.0.1",
            "PORT": str(app_port),
            "WEB_CONCURRENCY": str(args.workers),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def ensure_database(url):
    """Create the PostgreSQL database if it does not exist yet (SQLite creates its own file)."""
    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            log(f"creating database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# One Django process prepares everything (each start-up costs seconds on a busy machine).
PREPARE = (
    """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_demo_content", if_empty=True, verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
"""
    + CLEAR_CACHE
    + """
import json
from wagtail.models import Page, Site
root = Site.objects.get(is_default_site=True).root_page
sections = [p for p in root.get_children().live().public() if p.get_children().live().exists()]
articles = Page.objects.live().public().descendant_of(root).filter(depth=root.depth + 2)
# Articles with a summary under the review workflow can take the publisher's changes.
reviewed = {"techniques", "articles", "reflexology"}
print(json.dumps({
    "home": root.url,
    "sections": [p.url for p in sections],
    "articles": [
        [p.pk, p.url, p.specific_class._meta.app_label in reviewed and p.get_workflow() is not None]
        for p in articles.order_by("path")
    ],
}))
"""
)


def choose_targets(urls, published, mix=MIX):
    """The mix: home, sections, articles, the `published` ones (spread over the list), search."""
    publishable = [(pk, url) for pk, url, reviewed in urls["articles"] if reviewed]
    step = max(1, len(publishable) // published)
    chosen = publishable[::step][:published]
    others = [(pk, url) for pk, url, _ in urls["articles"] if (pk, url) not in chosen]
    groups = {
        "home": [Target(urls["home"], "home", 1)],
        "section": [Target(url, "section", 1) for url in urls["sections"]],
        "article": [Target(url, "article", 1) for _, url in others],
        "published article": [Target(url, "published article", 1, pk) for pk, url in chosen],
        "search": [
            Target("/search/?" + urllib.parse.urlencode({"q": q}), "search", 1)
            for q in READER_QUERIES
        ],
    }
    targets = []
    for kind, share in mix.items():
        if not share:
            continue
        for target in groups[kind]:
            target.weight = share / len(groups[kind])
            targets.append(target)
    return targets, chosen


def publish_offsets(count, seconds):
    """Publishes spread from 5% to 70% of the run, so every one is followed by reads."""
    if count <= 0:
        return []
    if count == 1:
        return [seconds * 0.35]
    first, last = seconds * 0.05, seconds * 0.7
    return [first + i * (last - first) / (count - 1) for i in range(count)]


class Publisher:
    """The publisher subprocess and the lines it prints (read by a thread)."""

    def __init__(self, processes, env, run, pages, offsets, log_path):
        command = [
            sys.executable,
            "-m",
            "handcare.benchmark.publisher",
            "--run",
            run,
            "--pages",
            ",".join(str(pk) for pk in pages),
            "--offsets",
            ",".join(f"{offset:.3f}" for offset in offsets),
        ]
        self.process = subprocess.Popen(  # noqa: S603 (our own command)
            command,
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(log_path, "ab"),  # noqa: SIM115
            text=True,
            start_new_session=True,
        )
        processes.running.append(("publisher", self.process))
        self.lines = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(None)

    def next(self, timeout):
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def wait_ready(self, timeout=60):
        message = self.next(timeout)
        if not message or not message.get("ready"):
            raise RuntimeError("the publisher did not start (see its log)")

    def go(self, start):
        self.process.stdin.write(f"go {start}\n")
        self.process.stdin.flush()

    def collect(self, timeout):
        """The publishes it reported until it said done, exited, or `timeout` ran out."""
        publishes, done = [], False
        deadline = time.monotonic() + timeout
        while not done and time.monotonic() < deadline:
            message = self.next(max(0.0, deadline - time.monotonic()))
            if message is None:
                break
            if message.get("done"):
                done = True
            elif "seq" in message:
                publishes.append(
                    loadstats.Publish(
                        message["seq"],
                        message["page_id"],
                        message["path"],
                        message["started"],
                        message["returned"],
                    )
                )
        return publishes, done


def cpu_times():
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def varnish_counters(workdir):
    """Varnish's hit, miss, pass and ban counters, if varnishstat can read them."""
    command = shutil.which("varnishstat") or "/usr/bin/varnishstat"
    try:
        completed = subprocess.run(  # noqa: S603
            [command, "-n", str(Path(workdir) / "varnish"), "-1", "-j"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        data = json.loads(completed.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    counters = data.get("counters", data)
    names = {"hit": "MAIN.cache_hit", "miss": "MAIN.cache_miss", "pass": "MAIN.s_pass"}
    names["bans"] = "MAIN.bans_added"
    return {
        key: counters[name]["value"]
        for key, name in names.items()
        if isinstance(counters.get(name), dict)
    }


def run(args, workdir, processes):
    ensure_database(args.database_url)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    app_port, varnish_port = free_port(), free_port()
    varnish_url = f"http://127.0.0.1:{varnish_port}"
    env = load_env(args, app_port, varnish_url)
    logs = Path(workdir)

    log(f"preparing {args.database_url} (migrate, demo content if empty, collectstatic)")
    try:
        urls = json.loads(django_query({**env, "LOG_LEVEL": "WARNING"}, PREPARE))
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"preparing the database failed:\n{error.stderr[-3000:]}") from None
    mix = mix_with_search(args.search_share)
    targets, chosen = choose_targets(urls, args.published_articles, mix)

    gunicorn = processes.start(
        "gunicorn", production_gunicorn_command(), env, logs / "gunicorn.log"
    )
    wait_for(f"http://127.0.0.1:{app_port}/", gunicorn)
    edge, vcl = start_varnish(
        processes, app_port, workdir, env, logs / "varnish.log", port=varnish_port
    )
    # Every URL once, so the run starts with warm caches, and none of them is broken.
    for target in targets:
        status, _, _ = fetch(edge + target.path)
        if status != 200:
            raise RuntimeError(f"{target.path} answered {status} before the load test")

    run_id = secrets.token_hex(3)
    offsets = publish_offsets(args.publishes, args.seconds)
    publisher = Publisher(
        processes, env, run_id, [pk for pk, _ in chosen], offsets, logs / "publisher.log"
    )
    publisher.wait_ready()

    log(f"{args.readers} readers for {args.seconds} s, {args.publishes} publishes")
    load_before = os.getloadavg()[0]
    cpu_before, usage_before = cpu_times(), resource.getrusage(resource.RUSAGE_SELF)
    start = time.monotonic()
    publisher.go(start)
    results = asyncio.run(
        run_readers(
            args.readers,
            args.seconds,
            "127.0.0.1",
            varnish_port,
            targets,
            loadstats.marker_pattern(run_id),
        )
    )
    elapsed = time.monotonic() - start
    cpu_after, usage_after = cpu_times(), resource.getrusage(resource.RUSAGE_SELF)
    load_after = os.getloadavg()[0]
    publishes, done = publisher.collect(timeout=30)
    if not done:
        log("the publisher did not finish in time (see its log)")

    own_cpu = (usage_after.ru_utime + usage_after.ru_stime) - (
        usage_before.ru_utime + usage_before.ru_stime
    )
    machine_busy = None
    if cpu_before and cpu_after:
        busy, total = cpu_after[0] - cpu_before[0], cpu_after[1] - cpu_before[1]
        machine_busy = busy / total if total else None
    return {
        "args": args,
        "mix": mix,
        "database": args.database_url.split("://")[0],
        "vcl": vcl,
        "elapsed": elapsed,
        "results": results,
        "publishes": publishes,
        "publisher_done": done,
        "chosen": chosen,
        "targets": targets,
        "own_cpu": own_cpu,
        "machine_busy": machine_busy,
        "load": (load_before, load_after),
        "varnish": varnish_counters(workdir),
        "logs": logs,
    }


def report(figures):
    """Print the table; return the exit status (0 only without errors and stale reads)."""
    args, results = figures["args"], figures["results"]
    publishes, elapsed = figures["publishes"], figures["elapsed"]
    stale = loadstats.classify(results.reads, publishes)
    kinds = [kind for kind, share in figures["mix"].items() if share]
    rows = [
        (
            kind,
            results.requests.get(kind, 0),
            results.errors.get(kind, 0),
            results.latencies.get(kind, []),
        )
        for kind in kinds
    ]
    requests = sum(row[1] for row in rows)
    errors = sum(row[2] for row in rows)
    every = [ms for row in rows for ms in row[3]]
    rows.append(("all", requests, errors, every))

    print()
    print(
        f"HandCare load test: {args.readers} readers for {args.seconds:g} s "
        f"(+{elapsed - args.seconds:.1f} s for the last answers) through Varnish "
        f"({figures['vcl'].relative_to(BASE_DIR)}) to gunicorn ({args.workers} workers, "
        f"deploy/gunicorn.conf.py, handcare.settings.production) on {figures['database']} "
        "+ Redis, loopback, demo content"
    )
    print(
        f"mix: {', '.join(f'{kind} {share:.0%}' for kind, share in figures['mix'].items())}; "
        f"half the readers ask for gzip; {len(figures['chosen'])} published articles: "
        + ", ".join(url for _, url in figures["chosen"])
    )
    print()
    print(loadstats.table(rows, elapsed))
    print()
    durations = [(p.returned - p.started) * 1000 for p in publishes]
    print(
        f"publishes: {len(publishes)} of {args.publishes} approved changes published "
        f"(editor submits, reviewer approves with the checklist); publish p50 "
        f"{loadstats.fmt(loadstats.percentile(durations, 0.5), 0)} ms, max "
        f"{loadstats.fmt(max(durations, default=None), 0)} ms"
    )
    unchecked = [p.seq for p in publishes if not stale.checked_per_publish.get(p.seq)]
    print(
        f"stale reads: {len(stale.stale)} of {stale.checked} reads of a published article "
        f"that started after a publish of it returned"
        + (f" (publishes no read checked: {unchecked})" if unchecked else "")
    )
    returned = {p.seq: p.returned for p in publishes}
    for read, expected in stale.stale[:10]:
        print(
            f"  page {read.page_id}: started {1000 * (read.started - returned[expected]):.1f} ms "
            f"after publish #{expected} returned, showed version #{read.version}"
        )
    for sample in results.error_samples:
        print(f"  error: {sample}")
    busy = figures["machine_busy"]
    print(
        f"throughput: {requests / elapsed:.0f} req/s achieved; load generator CPU "
        f"{figures['own_cpu']:.1f} s in {elapsed:.1f} s ({figures['own_cpu'] / elapsed:.0%} of one "
        f"core), machine busy {loadstats.fmt(busy * 100 if busy is not None else None, 0)}% "
        f"of {os.cpu_count()} cores (load average {figures['load'][0]:.1f} before, "
        f"{figures['load'][1]:.1f} after: anything else running shares these cores)"
    )
    counters = figures["varnish"]
    if counters:
        print("varnish: " + ", ".join(f"{key} {value}" for key, value in counters.items()))
    failed = []
    if errors:
        failed.append(f"{errors} errors")
    if stale.stale:
        failed.append(f"{len(stale.stale)} stale reads")
    if len(publishes) < args.publishes or not figures["publisher_done"]:
        failed.append(f"only {len(publishes)} of {args.publishes} publishes")
    if unchecked:
        failed.append(f"{len(unchecked)} publishes no read checked")
    print(
        f"verdict: {'FAIL: ' + ', '.join(failed) if failed else 'PASS (0 errors, 0 stale reads)'}"
    )
    return 1 if failed else 0


def env_int(name, default):
    return int(os.environ.get(name) or default)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=env_int("LOADTEST_READERS", 200))
    parser.add_argument("--seconds", type=float, default=env_int("LOADTEST_SECONDS", 60))
    parser.add_argument("--publishes", type=int, default=env_int("LOADTEST_PUBLISHES", 20))
    parser.add_argument("--published-articles", type=int, default=PUBLISHED_ARTICLES)
    parser.add_argument(
        "--search-share",
        type=float,
        default=float(os.environ.get("LOADTEST_SEARCH_SHARE") or MIX["search"]),
        help="Share of requests that search (never cached); the other kinds keep their ratios.",
    )
    parser.add_argument("--workers", type=int, default=env_int("WEB_CONCURRENCY", 2))
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOADTEST_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or DEFAULT_DATABASE_URL,
        help="Its name must contain 'load' (the run publishes changes into it).",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
    args = parser.parse_args(argv)
    if "load" not in args.database_url.rsplit("/", 1)[-1]:
        # It publishes changes: never into a development, test or benchmark database.
        sys.exit(
            f"Refusing {args.database_url}: set LOADTEST_DATABASE_URL to a database whose name "
            "contains 'load'."
        )
    if not have_tool("varnishd"):
        sys.exit("varnishd is missing: apt-get install -y varnish")

    processes = Processes(log)
    stop_on_signals(processes)
    workdir = tempfile.mkdtemp(prefix="handcare-load-")
    # varnishd's worker runs as an unprivileged user and reads its files from here.
    Path(workdir).chmod(0o755)
    try:
        figures = run(args, workdir, processes)
    except BaseException:
        log(f"logs kept in {workdir}")
        raise
    finally:
        processes.stop_all()
    status = report(figures)
    if status:
        log(f"logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
