"""The demo notice: on while the demo content is loaded, off on a real site, purged on change."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from handcare.demo.models import DemoSettings
from tests.factories import default_site, home_page

pytestmark = pytest.mark.django_db

NOTICE = b"The people, credentials and reviews on this site are fictional"


def test_a_real_site_shows_no_notice(client):
    assert NOTICE not in client.get("/").content


def test_the_setting_shows_it_on_every_page_and_the_cache_follows(client):
    home_page().save_revision().publish()
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    settings = DemoSettings.for_site(default_site())
    settings.show_demo_notice = True
    settings.save()
    shown = client.get("/")
    assert shown["X-Cache"] == "MISS"  # the setting purged the cached copy
    assert NOTICE in shown.content
    assert NOTICE in client.get("/search/?q=hands").content
    settings.show_demo_notice = False
    settings.save()
    assert NOTICE not in client.get("/").content


def test_the_flag_is_read_from_the_cache(client, settings):
    settings.HANDCARE_PAGE_CACHE = False
    demo = DemoSettings.for_site(default_site())
    demo.show_demo_notice = True
    demo.save()
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert NOTICE in client.get("/").content
    assert not any("demo_demosettings" in query["sql"] for query in queries.captured_queries)
