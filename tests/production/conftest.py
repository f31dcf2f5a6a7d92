"""Fixtures that run the production stack for real: collected static files, gunicorn, moto S3."""

import contextlib
import io
import os
import shutil
import uuid

import pytest
from PIL import Image as PILImage

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import connection

from wagtail.images import get_image_model

from .servers import database_url, gunicorn, production_env, run_manage


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """`collectstatic` under production settings: hashed names, .gz and .br files, a manifest."""
    root = tmp_path_factory.mktemp("static")
    env = production_env(
        DATABASE_URL=f"sqlite:///{root / 'unused.sqlite3'}",
        HANDCARE_CACHE_DIR=root / "cache",
        STATIC_ROOT=root / "collected",
    )
    run_manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return root / "collected"


def cache_env(tmp_path):
    """The shared cache a production process uses: this run's Redis prefix, else files."""
    if os.environ.get("REDIS_URL"):
        return {
            "REDIS_URL": os.environ["REDIS_URL"],
            "CACHE_KEY_PREFIX": f"handcare-prodtest-{os.getpid()}-{uuid.uuid4().hex[:8]}",
        }
    return {"HANDCARE_CACHE_DIR": tmp_path / "cache"}


def forget_redis_keys(env):
    """Delete the keys a production process left under its own prefix (never FLUSHDB)."""
    if "REDIS_URL" not in env:
        return
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    keys = list(client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)


def forget_cache(env):
    """Empty a production process's shared cache (its Redis prefix or its cache directory)."""
    forget_redis_keys(env)
    if "HANDCARE_CACHE_DIR" in env:
        shutil.rmtree(env["HANDCARE_CACHE_DIR"], ignore_errors=True)


@pytest.fixture(autouse=True)
def server_cache_starts_empty(request):
    """Each test's database is built afresh while one server serves the whole module.

    In production the app's signals keep the shared cache current; here the content is written
    by this test process, whose own cache is local memory, so the server would go on serving
    what it cached for the previous test's pages and sites.
    """
    for name in ("production_server", "https_server"):
        if name in request.fixturenames:
            request.getfixturevalue(name).forget_cache()


@contextlib.contextmanager
def served(django_db_blocker, static_root, tmp_path, workers=2, **overrides):
    """gunicorn with production settings, serving the test database and test media."""
    with django_db_blocker.unblock():
        db_url = database_url(connection.settings_dict)
    env = production_env(
        DATABASE_URL=db_url,
        STATIC_ROOT=static_root,
        MEDIA_ROOT=settings.MEDIA_ROOT,
        **cache_env(tmp_path),
    )
    env.update(overrides)
    server = gunicorn(env, tmp_path / "gunicorn.log", workers=workers).start()
    server.forget_cache = lambda: forget_cache(env)
    try:
        yield server
    finally:
        server.stop()
        forget_redis_keys(env)


@pytest.fixture(scope="module")
def production_server(django_db_setup, django_db_blocker, static_root, tmp_path_factory):
    """What `make serve` runs: 2 workers, plain HTTP on loopback."""
    with served(django_db_blocker, static_root, tmp_path_factory.mktemp("gunicorn")) as server:
        yield server


@pytest.fixture(scope="module")
def https_server(django_db_setup, django_db_blocker, static_root, tmp_path_factory):
    """Production's default: HTTPS only, behind a proxy that says so in X-Forwarded-Proto."""
    tmp_path = tmp_path_factory.mktemp("gunicorn-https")
    with served(django_db_blocker, static_root, tmp_path, workers=1, HANDCARE_HTTPS="1") as server:
        yield server


def jpeg_bytes(colour, size=(1400, 800)):
    """A plain JPEG, large enough that every srcset width is a real downscale."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def make_image():
    """Create a Wagtail image with a JPEG file in the default storage."""

    def make(title, colour="#5a7d5e"):
        image = get_image_model()(title=title, description=f"{title}, for the tests.")
        image.file = ImageFile(io.BytesIO(jpeg_bytes(colour)), name=f"{uuid.uuid4().hex[:10]}.jpg")
        image.save()
        return image

    return make
