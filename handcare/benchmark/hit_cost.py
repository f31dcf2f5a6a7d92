"""What a page-cache hit costs in process, next to a static file and a bare Redis round trip.

    DJANGO_SETTINGS_MODULE=handcare.settings.production SECRET_KEY=x HANDCARE_HTTPS=0 \\
    ALLOWED_HOSTS=127.0.0.1 DATABASE_URL=sqlite:///$PWD/db.sqlite3 \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python -m handcare.benchmark.hit_cost

Needs collected static files and a published article (`make serve` leaves both). Calls the
WSGI application directly (no HTTP server), so the figures are the app's own share of rows W
and C of `make bench`; prints microseconds per call, the median of three rounds.
"""

import io
import statistics
import sys
import time

import django

ROUNDS, CALLS = 3, 2000


def per_call_us(func, calls=CALLS):
    func()
    start = time.perf_counter()
    for _ in range(calls):
        func()
    return (time.perf_counter() - start) / calls * 1e6


def main():
    django.setup()
    import redis

    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.wsgi import get_wsgi_application

    from wagtail.models import Page

    app = get_wsgi_application()
    article = Page.objects.live().filter(depth=4).order_by("path").first()
    if article is None:
        sys.exit("No published article: load the demo content first.")
    static = staticfiles_storage.url("css/handcare.css")

    def get(path):
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
        }  # fmt: skip
        headers = {}
        body = app(environ, lambda status, pairs, exc=None: headers.update(pairs))
        b"".join(body)
        body.close()
        return headers

    url = article.url
    get(url)
    if get(url).get("X-Cache") != "HIT":
        sys.exit(f"{url} is not served from the page cache (is HANDCARE_PAGE_CACHE on?)")
    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    rows = {
        "static file (WhiteNoise)": lambda: get(static),
        "page-cache hit": lambda: get(url),
        "Redis PING (redis-py)": client.ping,
    }
    print(f"{'':28}{'us per call (median of 3 rounds)':>34}")
    for label, func in rows.items():
        figure = statistics.median(per_call_us(func) for _ in range(ROUNDS))
        print(f"{label:28}{figure:>34.0f}")


if __name__ == "__main__":
    main()
