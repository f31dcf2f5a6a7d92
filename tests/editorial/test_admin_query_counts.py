"""Fixed query counts for the dashboard and the Content review report, for N and 3N articles.

The dashboard panels and the report read the review status index, so the numbers do not move
with the number of articles. (Wagtail's page explorer is not held here: Wagtail itself runs
queries per row, a live-descendants check for users who may not publish and a workflow lookup
for pages in review; HandCare's own "Reviewed, no changes needed" button adds none.)
"""

import time_machine

from django.test import TestCase

from wagtail.models import Page

from .helpers import SITE_ADMINISTRATORS, make_user
from .test_dashboard_and_report import REPORT_URL, TODAY, ReviewWorkload

# Articles cycle through five review states: with 5, every state is there, 3N adds more of each.
N = 5


@time_machine.travel(TODAY)
class FixedAdminQueryCountTests(ReviewWorkload, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = make_user("ada", SITE_ADMINISTRATORS)

    def expected(self):
        return {
            ("rita", "/admin/"): 28,
            ("rita", REPORT_URL): 15,
            ("rita", REPORT_URL + "?status=overdue"): 15,
            ("edith", "/admin/"): 25,
            ("edith", REPORT_URL): 15,
            ("edith", REPORT_URL + "?status=overdue"): 15,
            ("ada", "/admin/"): 20,
        }

    def counts(self):
        users = {"rita": self.rita, "edith": self.editor, "ada": self.admin}
        return {
            (username, url): self.count_queries(users[username], url)
            for username, url in self.expected()
        }

    maxDiff = None

    def test_fixed_numbers_for_n_and_3n_articles(self):
        self.add_articles(N)
        self.assertEqual(self.counts(), self.expected())
        self.add_articles(2 * N)
        self.assertEqual(Page.objects.filter(depth=4).count(), 3 * N)
        self.assertEqual(self.counts(), self.expected())
