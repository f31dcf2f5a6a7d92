"""Reading time: stored on every article from the text it shows, and shown to readers."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Revision

from handcare.articles.reading_time import count_words, minutes_for, page_texts
from techniques.models import TechniquePage
from tests.factories import (
    GuidePageFactory,
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    heading_block,
    home_page,
    paragraph_block,
    step_block,
)

pytestmark = pytest.mark.django_db

WORDS_600 = " ".join(["knead"] * 600)


@pytest.fixture
def section():
    return SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")


def test_words_are_counted_without_markup_or_citation_markers():
    text = "<p>Glide <b>slowly</b> [cite:field-2016] to the wrist&nbsp;now.</p>"
    assert count_words([text]) == 6
    chip = '<p>Press<embed embedtype="cite" marker="[cite:k]"/> here</p>'
    assert count_words([chip]) == 2


def test_minutes_round_at_two_hundred_words_and_never_drop_below_one():
    assert minutes_for(0) == 1
    assert minutes_for(99) == 1
    assert minutes_for(400) == 2
    assert minutes_for(1000) == 5


def test_only_the_text_readers_see_is_counted(section):
    page = TechniquePageFactory(
        parent=section,
        summary="Two words",
        preparation="<p>Three more words</p>",
        steps=[step_block("Glide", "<p>Four words of instructions</p>", pressure="light")],
        cautions="<p>Stop.</p>",
        common_mistakes=[{"type": "mistake", "value": "Pressing too hard"}],
    )
    # Block types, ids, choice values and JSON keys are not words a reader reads.
    assert count_words(page_texts(page)) == 2 + 3 + 1 + 4 + 1 + 3


def test_reading_time_is_stored_on_save_and_shown_in_header_and_cards(client, section):
    page = TechniquePageFactory(
        parent=section, title="Long technique", steps=[step_block("Glide", f"<p>{WORDS_600}</p>")]
    )
    page.refresh_from_db()
    assert page.reading_minutes == 3

    article = client.get(page.url)
    assert article.status_code == 200
    header = article.content.decode().split('<div class="article-layout')[0]
    assert "3 min read" in header

    listing = client.get(section.url)
    assert "3 min read" in listing.content.decode()


def test_publishing_new_text_updates_the_reading_time(section):
    page = TechniquePageFactory(parent=section, steps=[step_block("Glide")])
    assert TechniquePage.objects.get(pk=page.pk).reading_minutes == 1
    page.steps = [step_block("Glide", f"<p>{WORDS_600} {WORDS_600}</p>")]
    revision = page.save_revision()
    # A draft does not change what readers see.
    assert TechniquePage.objects.get(pk=page.pk).reading_minutes == 1
    revision.publish()
    assert TechniquePage.objects.get(pk=page.pk).reading_minutes == 6


def test_guides_count_their_stream_body(section):
    guide = GuidePageFactory(
        parent=section,
        body=[heading_block("Overview"), paragraph_block(f"<p>{WORDS_600}</p>")],
    )
    guide.refresh_from_db()
    assert guide.reading_minutes == 3


def test_command_fills_articles_saved_before_the_field_existed(section):
    page = TechniquePageFactory(parent=section, steps=[step_block("Glide", f"<p>{WORDS_600}</p>")])
    TechniquePage.objects.filter(pk=page.pk).update(reading_minutes=None)
    revisions = Revision.objects.count()
    out = StringIO()
    call_command("update_reading_times", "--missing", stdout=out)
    assert "1 article" in out.getvalue()
    assert TechniquePage.objects.get(pk=page.pk).reading_minutes == 3
    # Only the column is written: no revision, so no sign-off is touched.
    assert Revision.objects.count() == revisions
    call_command("update_reading_times", stdout=out)
    assert "for 0 article" in out.getvalue()


def test_an_article_without_a_stored_reading_time_shows_none(client, section):
    reviewer = PersonFactory()
    page = TechniquePageFactory(parent=section, reviewed_by=reviewer)
    TechniquePage.objects.filter(pk=page.pk).update(reading_minutes=None)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "min read" not in response.content.decode()
