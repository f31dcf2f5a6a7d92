"""What each search result shows: type, section, the reviewer as signed, reading time."""

import datetime

from django.test import TestCase

from handcare.articles.models import GuidePage

from ..factories import (
    PersonFactory,
    ReflexologyPageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)
from ..html import parse, text


class ResultItemTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        techniques = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
        reflexology = SectionPageFactory(parent=home, title="Reflexology", slug="reflexology")
        cls.reviewer = PersonFactory(name="Dr Rowan Vale")
        cls.reviewed = TechniquePageFactory(
            parent=techniques,
            title="Reviewed wristroll",
            reviewed_by=cls.reviewer,
            last_reviewed=datetime.date(2026, 3, 4),
            next_review_due=datetime.date(2099, 3, 4),
        )
        cls.unreviewed = ReflexologyPageFactory(parent=reflexology, title="Unreviewed wristroll")

    def items(self):
        response = self.client.get("/search/", {"q": "wristroll"})
        tree = parse(response)
        return {
            text(item.find("h3")): text(item) for item in tree.find_all(class_="search-result")
        }

    def test_type_section_and_reviewer(self):
        items = self.items()
        reviewed = items["Reviewed wristroll"]
        self.assertIn("Technique in Techniques", reviewed)
        self.assertIn("Reviewed by Dr Rowan Vale on 4 March 2026", reviewed)
        self.assertNotIn("Review overdue", reviewed)
        unreviewed = items["Unreviewed wristroll"]
        self.assertIn("Reflexology article in Reflexology", unreviewed)
        self.assertIn("Not yet reviewed", unreviewed)

    def test_the_byline_is_the_name_signed_not_the_profile_today(self):
        # A later edit of the profile does not rewrite who signed the review.
        self.reviewer.name = "Someone Else"
        self.reviewer.save()
        self.assertIn("Reviewed by Dr Rowan Vale", self.items()["Reviewed wristroll"])

    def test_reading_time_once_articles_store_it(self):
        if not any(f.name == "reading_minutes" for f in GuidePage._meta.get_fields()):
            self.skipTest("articles do not store a reading time yet")
        minutes = type(self.reviewed).objects.get(pk=self.reviewed.pk).reading_minutes
        self.assertTrue(minutes)
        self.assertIn(f"{minutes} min read", self.items()["Reviewed wristroll"])
