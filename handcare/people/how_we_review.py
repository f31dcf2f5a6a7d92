"""The reader-facing "How we review" page, written around the workflow's real settings.

The intervals come from the site's Publication settings, the checklist from the one
definition the approval form uses (handcare/editorial/checklist.py) and the evidence rules from
the topics that require in-text citations, so the page cannot say something the workflow does
not do. A change to Publication settings purges every cached page, this one included.
"""

from django.shortcuts import render

from wagtail.models import Site

from handcare.articles.models.settings import PublicationSettings
from handcare.articles.topics import TOPICS_REQUIRING_SOURCES, Topic
from handcare.editorial.checklist import CHECKLIST
from handcare.editorial.reviewable import reviewable_snippet_models
from handcare.editorial.schedule import DUE_SOON_DAYS


def topic_intervals(publication):
    """(topic label, months between reviews, whether claims must be cited) for every topic."""
    return [
        (topic.label, publication.review_interval_for(topic), topic in TOPICS_REQUIRING_SOURCES)
        for topic in Topic
    ]


def shared_content_intervals():
    """(what, months) for the reviewed snippets shown on articles (sources, profiles, points)."""
    return [
        (str(model._meta.verbose_name_plural), model.default_review_interval_months)
        for model in reviewable_snippet_models()
    ]


def how_we_review(request):
    """What a review is, who does it, what they check and how often."""
    site = Site.find_for_request(request)
    publication = PublicationSettings.for_site(site) if site else PublicationSettings()
    return render(
        request,
        "people/how_we_review.html",
        {
            "intervals": topic_intervals(publication),
            "cited_topics": [topic.label for topic in Topic if topic in TOPICS_REQUIRING_SOURCES],
            "shared_intervals": shared_content_intervals(),
            "checklist": CHECKLIST,
            "due_soon_days": DUE_SOON_DAYS,
        },
    )
