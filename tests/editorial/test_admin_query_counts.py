"""Fixed query counts for the dashboard, the Content review report and the page explorer.

The dashboard panels and the report read the review status index, so the numbers do not move
with the number of articles. Wagtail's page explorer runs a few queries per row it shows (a
live-descendants check behind "Delete" for users who may not publish, a workflow lookup for
pages in review; HandCare's "Reviewed, no changes needed" button adds none), so its count is
fixed once a section fills its first page of 50 rows: held here for 60 and 180 articles.
"""

import time_machine

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page

from tests.factories import SectionPageFactory, TechniquePageFactory, home_page

from .helpers import EDITORS, REVIEWERS, SITE_ADMINISTRATORS, make_user
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
        # Every admin page: +1 for Wagtail's Forms menu (the contact page's submissions), which
        # asks whether the user may see any form page (+2 for a Site administrator, who may also
        # publish them). The dashboard: +1 more for the early-review flags (reader problem
        # reports, one aggregate over 30 days of feedback). A Site administrator's dashboard: +1
        # for the Promoted search results menu item (search promotions permissions), +2 for the
        # Documents summary (they manage and delete documents: editorial 0007). All fixed,
        # whatever the articles.
        return {
            ("rita", "/admin/"): 30,
            ("rita", REPORT_URL): 16,
            ("rita", REPORT_URL + "?status=overdue"): 16,
            ("edith", "/admin/"): 27,
            ("edith", REPORT_URL): 16,
            ("edith", REPORT_URL + "?status=overdue"): 16,
            ("ada", "/admin/"): 26,
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


class ExplorerQueryCountTests(TestCase):
    """The explorer of a section costs the same queries with 60 articles as with 180."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.users = {
            "admin": make_user("ada", SITE_ADMINISTRATORS),
            "editor": make_user("edith", EDITORS),
            "reviewer": make_user("rita", REVIEWERS, name="Rita Reviewer"),
        }

    def add_articles(self, count):
        start = self.section.get_children().count()
        for n in range(start, start + count):
            # Titles sort in creation order, so the first page of rows stays the same pages.
            TechniquePageFactory(parent=self.section, title=f"Technique {n:04}")

    def counts(self):
        url = reverse("wagtailadmin_explore", args=[self.section.pk]) + "?ordering=title"
        counts = {}
        for name, user in self.users.items():
            self.client.force_login(user)
            self.client.get(url)  # per-process caches (content types, site root) settle
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Technique 0000")
            counts[name] = len(queries)
        return counts

    def test_the_same_queries_for_60_and_180_articles(self):
        # Editors and reviewers may not publish, so Wagtail checks each of the 50 rows for live
        # pages (twice) before offering "Delete": about 2 queries a row, but a fixed number.
        # +1 each for Wagtail's Forms menu (contact page submissions); +2 for the Site
        # administrator, who may also publish form pages.
        expected = {"admin": 33, "editor": 134, "reviewer": 134}
        self.add_articles(60)
        self.assertEqual(self.counts(), expected)
        self.add_articles(120)
        self.assertEqual(self.section.get_children().count(), 180)
        self.assertEqual(self.counts(), expected)
