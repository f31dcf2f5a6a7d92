"""The "How we review" page says what the workflow really does: its intervals and checklist."""

from django.test import TestCase, override_settings

from handcare.articles.models import PublicationSettings
from handcare.articles.topics import Topic
from handcare.editorial.checklist import CHECKLIST
from tests.factories import default_site
from tests.html import parse, text


@override_settings(HANDCARE_PAGE_CACHE=False)
class HowWeReviewTests(TestCase):
    def rows(self):
        soup = parse(self.client.get("/how-we-review/"))
        table = soup.select_one("table.review-intervals")
        return soup, {text(row.th): text(row.td) for row in table.select("tbody tr")}

    def test_intervals_come_from_publication_settings(self):
        settings = PublicationSettings.for_site(default_site())
        settings.techniques_review_months = 18
        settings.reflexology_review_months = 6
        settings.sleep_review_months = 1
        settings.save()
        _, rows = self.rows()
        self.assertEqual(rows[Topic.TECHNIQUES.label], "18 months")
        self.assertEqual(rows[Topic.REFLEXOLOGY.label], "6 months")
        self.assertEqual(rows[Topic.SLEEP.label], "1 month")
        self.assertEqual(rows["References shown on articles"], "24 months")

    def test_every_checklist_item_is_listed(self):
        soup, _ = self.rows()
        listed = [text(item) for item in soup.select("#checklist ~ ul li")]
        self.assertEqual(listed, [check.label for check in CHECKLIST])

    def test_it_explains_sign_off_evidence_and_overdue(self):
        soup, _ = self.rows()
        for anchor in ("sign-off", "evidence", "overdue"):
            self.assertIsNotNone(soup.find(id=anchor), anchor)
        evidence = text(soup.find(id="evidence").parent)
        self.assertIn("Reflexology and Hand massage and sleep", evidence)
        self.assertIn("30 days before", text(soup.find(id="overdue").parent))
