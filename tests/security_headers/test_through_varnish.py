"""Varnish (deploy/varnish/default.vcl) keeps the security headers on the copies it serves."""

import pytest

from tests.factories import SectionPageFactory, TechniquePageFactory, home_page
from tests.pagecache.test_varnish import fetch, varnish  # noqa: F401 (fixture)

from .test_headers import SAME_ON_EVERY_RESPONSE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_varnish_hit_carries_the_security_headers(varnish):  # noqa: F811
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    technique = TechniquePageFactory(parent=section, title="Palm glide", slug="palm-glide")
    _, first, _ = fetch(varnish.url, technique.url)
    status, hit, _ = fetch(varnish.url, technique.url)
    assert (status, first["X-Cache"], hit["X-Cache"]) == (200, "MISS", "HIT")
    for name, value in SAME_ON_EVERY_RESPONSE.items():
        assert hit[name] == value
    assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["Permissions-Policy"] == first["Permissions-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
