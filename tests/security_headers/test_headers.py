"""Security headers on public pages (cache misses and hits alike), the admin and Wagtail's preview."""

import pytest

from django.test import Client

from handcare.pagecache import keys
from tests.editorial.helpers import EDITORS, make_user
from tests.factories import SectionPageFactory, TechniquePageFactory, home_page

SAME_ON_EVERY_RESPONSE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def directives(header):
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


@pytest.fixture
def technique(db):
    keys.bump_everything()
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    return TechniquePageFactory(parent=section, title="Palm glide", slug="palm-glide")


def test_a_page_cache_hit_carries_the_same_headers_as_the_miss(technique):
    reader = Client()
    miss = reader.get(technique.url)
    hit = reader.get(technique.url)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    for response in (miss, hit):
        for name, value in SAME_ON_EVERY_RESPONSE.items():
            assert response[name] == value
        assert response["X-Frame-Options"] == "DENY"
        policy = directives(response["Content-Security-Policy"])
        assert policy == {
            "default-src": "'self'",
            "script-src": "'self'",
            "style-src": "'self'",
            "img-src": "'self'",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
        }
        permissions = response["Permissions-Policy"]
        for feature in (
            "camera",
            "microphone",
            "geolocation",
            "payment",
            "usb",
            "browsing-topics",
        ):
            assert f"{feature}=()" in permissions


def test_media_on_another_host_is_allowed_as_images(technique, settings):
    settings.MEDIA_URL = "https://media.handcare.example/media/"
    policy = directives(Client().get(technique.url)["Content-Security-Policy"])
    assert policy["img-src"] == "'self' https://media.handcare.example"


def test_the_admin_has_its_own_policy_and_the_preview_may_be_framed_by_it(technique):
    editor = make_user("edith", EDITORS)
    client = Client()
    client.force_login(editor)
    edit = client.get(f"/admin/pages/{technique.pk}/edit/")
    assert edit.status_code == 200
    policy = directives(edit["Content-Security-Policy"])
    assert policy["script-src"] == "'self'"  # so no on* handlers
    assert policy["script-src-elem"] == "'self' 'unsafe-inline'"  # Wagtail's widget scripts
    assert policy["frame-ancestors"] == "'self'"
    assert "nonce-" not in edit["Content-Security-Policy"]

    # A revision is shown as the public page, rendered through the middleware with Wagtail's
    # made-up request for the page's own URL: the public policy, except that the admin (the
    # preview iframe) may frame it.
    revision = technique.save_revision()
    shown = client.get(f"/admin/pages/{technique.pk}/revisions/{revision.pk}/view/")
    assert shown.status_code == 200
    assert "Palm glide" in shown.content.decode()
    policy = directives(shown["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'self'"
    assert policy["script-src"] == policy["style-src"] == "'self'"
    assert "script-src-elem" not in policy
