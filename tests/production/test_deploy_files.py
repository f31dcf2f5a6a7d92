"""deploy/: the environment example lists every variable, and the units run the real commands."""

import re

import pytest

from django.core.management import call_command

from handcare.demo.management.commands.load_demo_content import site_has_content
from tests.factories import SectionPageFactory, home_page

from .servers import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
# Every file whose environment variables an operator sets for production.
READERS = [
    "handcare/settings/base.py",
    "handcare/settings/production.py",
    "handcare/media/config.py",
    "deploy/gunicorn.conf.py",
    "deploy/systemd/handcare-worker.service",
]
READS = re.compile(
    r"""(?:environ(?:\.get)?\(|environ\[|require_env\(|env_flag\(|env_list\()\s*["']([A-Z_]+)["']"""
)
SYSTEMD_VARIABLE = re.compile(r"\$\{([A-Z_]+)\}")
# Variables the test suite or the tooling read, which production never does.
NOT_PRODUCTION = {"TMPDIR"}


def variables_read():
    found = set()
    for name in READERS:
        text = (PROJECT_ROOT / name).read_text()
        found |= set(READS.findall(text)) | set(SYSTEMD_VARIABLE.findall(text))
    return found - NOT_PRODUCTION


def test_the_environment_example_lists_every_variable_production_reads():
    example = (DEPLOY / "handcare.env.example").read_text()
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    read = variables_read()
    # The scan itself must find the variables, or this test would pass on nothing.
    assert {"SECRET_KEY", "DATABASE_URL", "AWS_STORAGE_BUCKET_NAME", "WEB_CONCURRENCY"} <= read
    assert read - listed == set()


@pytest.mark.parametrize(
    ("unit", "command"),
    [
        ("handcare-web.service", "gunicorn -c deploy/gunicorn.conf.py"),
        ("handcare-worker.service", "manage.py db_worker --backend background --queue-name"),
        ("handcare-scheduler.service", "manage.py run_scheduler"),
    ],
)
def test_each_unit_runs_its_process_with_the_production_settings(unit, command):
    text = (DEPLOY / "systemd" / unit).read_text()
    assert command in text
    assert "Environment=DJANGO_SETTINGS_MODULE=handcare.settings.production" in text
    assert "EnvironmentFile=/etc/handcare/handcare.env" in text


def test_the_procfile_runs_the_same_processes():
    processes = dict(
        line.split(": ", 1)
        for line in (DEPLOY / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert set(processes) == {"release", "web", "worker", "scheduler"}
    assert "gunicorn -c deploy/gunicorn.conf.py" in processes["web"]
    assert "db_worker --backend background" in processes["worker"]


@pytest.mark.django_db
def test_demo_content_is_loaded_only_into_a_site_without_pages(capsys):
    assert not site_has_content()
    SectionPageFactory(parent=home_page(), title="Our own section", slug="ours")
    assert site_has_content()
    pages = home_page().get_descendants().count()
    call_command("load_demo_content", "--if-empty")
    assert "demo content was not loaded" in capsys.readouterr().out
    assert home_page().get_descendants().count() == pages
