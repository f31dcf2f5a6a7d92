"""Django's deployment checklist passes on the production settings (`make check-deploy` runs it too)."""

import importlib
import sys

import pytest

from django.core.checks import run_checks
from django.test import override_settings

ENVIRONMENT = {
    "SECRET_KEY": "a-throwaway-key-for-the-deployment-check-8f3b2a91c7d64e05",
    "ALLOWED_HOSTS": "handcare.example",
    "DATABASE_URL": "sqlite:////tmp/handcare-check-deploy-unused.sqlite3",
    "HANDCARE_CACHE_DIR": "/tmp/handcare-check-deploy-cache",
}
# What the deployment checks read; the rest (database, cache) stays the test run's.
CHECKED = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MIDDLEWARE", "X_FRAME_OPTIONS")
CHECKED_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "SILENCED_", "CONTENT_SECURITY")


def production_settings(monkeypatch, **environment):
    """The security settings production.py makes of an environment, imported in this process."""
    for name in ("HANDCARE_HTTPS", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    # Set for the browser tests (tests/browser/conftest.py), never in production (async.E001).
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    for name, value in {**ENVIRONMENT, **environment}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "handcare.settings.production", raising=False)
    module = importlib.import_module("handcare.settings.production")
    monkeypatch.delitem(sys.modules, "handcare.settings.production")
    return {
        name: getattr(module, name)
        for name in dir(module)
        if name in CHECKED or name.startswith(CHECKED_PREFIXES)
    }


def deploy_messages(settings):
    with override_settings(**settings):
        return [
            f"{message.id}: {message.msg}"
            for message in run_checks(include_deployment_checks=True)
            if not message.is_silenced()
        ]


def test_production_settings_pass_check_deploy(monkeypatch):
    assert deploy_messages(production_settings(monkeypatch)) == []


@pytest.mark.parametrize(
    ("environment", "warning"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "0"}, "security.W005"),
    ],
)
def test_turning_hsts_down_is_reported(monkeypatch, environment, warning):
    messages = deploy_messages(production_settings(monkeypatch, **environment))
    assert [message.split(":")[0] for message in messages] == [warning]
