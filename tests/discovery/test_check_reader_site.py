"""check_reader_site: every sitemap address is fetched, and one that fails is named."""

from io import StringIO
from unittest import mock

import pytest

from django.core.management import CommandError, call_command

from techniques.models import TechniquePage


def test_every_sitemap_address_is_fetched(site, reader):
    listed = reader.get("/sitemap.xml").content.decode().count("<loc>")
    out = StringIO()
    call_command("check_reader_site", stdout=out)
    # The home page is fetched on its own as well as from the sitemap.
    assert out.getvalue().strip() == f"{listed + 1} reader addresses answered 200."


def test_an_address_that_fails_to_render_is_reported(site, reader):
    with (
        mock.patch.object(TechniquePage, "template", "no/such/template.html"),
        pytest.raises(CommandError) as failure,
    ):
        call_command("check_reader_site", stdout=StringIO())
    message = str(failure.value)
    assert "2 of " in message  # the two live techniques; the draft and private one are not listed
    assert "500 /techniques/palm-glide/" in message
