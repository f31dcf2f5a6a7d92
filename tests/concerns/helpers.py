"""Building concern pages for the concern tests."""

import factory
import wagtail_factories

from home.models import ConcernIndexPage, ConcernPage
from tests.factories import home_page


class ConcernIndexPageFactory(wagtail_factories.PageFactory):
    """The /concerns/ page; give parent=home_page()."""

    title = "Concerns"
    slug = "concerns"
    introduction = "Start from what brings you here."

    class Meta:
        model = ConcernIndexPage


class ConcernPageFactory(wagtail_factories.PageFactory):
    """One concern; give parent=<ConcernIndexPage>."""

    title = factory.Sequence(lambda n: f"Concern {n}")
    summary = factory.LazyAttribute(lambda obj: f"Articles for {obj.title}.")
    introduction = "<p>What the articles below cover.</p>"

    class Meta:
        model = ConcernPage


def concern_index():
    """The site's concern index, created under the home page."""
    return ConcernIndexPageFactory(parent=home_page())


def tag(article, *concerns):
    """Tag a live article with concerns (as publishing a revision would store them)."""
    article.concerns.add(*concerns)
    article.save()
