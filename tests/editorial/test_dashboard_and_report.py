"""Review dates turned into work: the dashboard panels and the content review report."""

import csv
import datetime
import io
import itertools
import zoneinfo

import openpyxl
import time_machine
from bs4 import BeautifulSoup

from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page

from handcare.editorial.models import ReviewRecord
from handcare.people.models import Person
from tests.factories import (
    GuidePageFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    SectionPageFactory,
    home_page,
    paragraph_block,
    sign_off,
)

from .helpers import (
    EDITORS,
    REVIEWERS,
    checklist,
    edit_url,
    make_technique,
    make_user,
    submit,
    workflow_action_url,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
REPORT_URL = "/admin/reports/content-review/"
CSV_HEADER = [
    "Article",
    "Section",
    "Path",
    "Reviewed by",
    "Reviewer role",
    "Last reviewed",
    "Next review due",
    "Review status",
    "Workflow",
    "References",
    "Last published",
    # Registered by handcare.feedback through handcare.editorial.early_review.
    "Problem reports (30 days)",
]


def reviewed(page, person, last, due):
    """Give a live article review details as a sign-off would have left them."""
    sign_off(page, person, last, due)
    return page


def panel(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(f'[data-review-panel="{name}"]')


def panel_titles(response, name):
    return [
        link.get_text(strip=True)
        for link in panel(response, name).select("tbody tr td:first-child a")
    ]


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))


@time_machine.travel(TODAY)
class ReviewWorkTestCase(TestCase):
    """A small site with an article in each review state."""

    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.techniques = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
        cls.reflexology = SectionPageFactory(
            parent=home, title="Reflexology", slug="reflexology", topic="reflexology"
        )
        cls.refs = ReferenceFactory.create_batch(2)
        cls.editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.omar = make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist")
        rita, omar = Person.objects.get(user=cls.rita), Person.objects.get(user=cls.omar)

        def technique(title, **fields):
            return make_technique(
                cls.techniques, cls.editor, reference=cls.refs[0], title=title, **fields
            )

        cls.overdue = reviewed(
            technique("Overdue technique", references=cls.refs),
            rita,
            datetime.date(2024, 5, 1),
            datetime.date(2026, 5, 1),
        )
        cls.due_soon = reviewed(
            technique("Due-soon technique"),
            omar,
            datetime.date(2024, 6, 20),
            datetime.date(2026, 6, 20),
        )
        cls.current = ReflexologyPageFactory(
            parent=cls.reflexology,
            title="Current reflexology",
            evidence_summary=f"<p>Evidence [cite:{cls.refs[0].key}]</p>",
            references=[cls.refs[0]],
            reviewed_by=rita,
            last_reviewed=datetime.date(2026, 5, 1),
            next_review_due=datetime.date(2027, 5, 1),
        )
        cls.never = GuidePageFactory(
            parent=cls.techniques,
            title="Never reviewed guide",
            body=[paragraph_block("<p>Text.</p>")],
            last_reviewed=None,
            next_review_due=None,
        )
        cls.awaiting = technique("Awaiting first review", live=False)
        submit(cls.awaiting, cls.editor)

        # Approved by Rita, then changed and submitted again: a second round.
        cls.resubmitted = technique("Resubmitted technique", live=False)
        submit(cls.resubmitted, cls.editor)
        client = Client()
        client.force_login(cls.rita)
        client.post(
            workflow_action_url(cls.resubmitted, "approve"), checklist(page=cls.resubmitted)
        )
        cls.approved_revision = ReviewRecord.objects.for_object(cls.resubmitted).get().revision
        submit(cls.resubmitted, cls.editor, summary="Changed after the first review.")
        cls.under_review = Page.objects.get(pk=cls.resubmitted.pk).latest_revision

        cls.changes_requested = technique("Changes requested technique", live=False)
        submit(cls.changes_requested, cls.editor)
        client.post(
            workflow_action_url(cls.changes_requested, "reject"), {"comment": "Cite step 2."}
        )


class DashboardTests(ReviewWorkTestCase):
    def test_a_reviewer_sees_the_three_review_panels(self):
        self.client.force_login(self.rita)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        for name, heading in (
            ("overdue-reviews", "Overdue for review"),
            ("due-soon", "Due for review in the next 30 days"),
            ("waiting-for-my-review", "Waiting for my review"),
        ):
            with self.subTest(name):
                self.assertIsNotNone(panel(response, name))
                self.assertIn(heading, panel(response, name).get_text())

    def test_overdue_panel_lists_live_articles_past_their_date(self):
        self.client.force_login(self.rita)
        response = self.client.get("/admin/")
        self.assertEqual(panel_titles(response, "overdue-reviews"), ["Overdue technique"])
        text = panel(response, "overdue-reviews").get_text(" ", strip=True)
        self.assertIn("Rita Reviewer", text)
        self.assertIn("1 May 2026", text)
        link = panel(response, "overdue-reviews").select_one("tbody a")
        self.assertEqual(link["href"], edit_url(self.overdue))

    def test_due_soon_panel_lists_the_next_30_days(self):
        self.client.force_login(self.rita)
        response = self.client.get("/admin/")
        self.assertEqual(panel_titles(response, "due-soon"), ["Due-soon technique"])
        self.assertIn("20 Jun 2026", panel(response, "due-soon").get_text(" ", strip=True))

    def test_waiting_panel_lists_articles_at_the_review_step_with_a_comparison(self):
        self.client.force_login(self.rita)
        response = self.client.get("/admin/")
        waiting = panel(response, "waiting-for-my-review")
        rows = {
            row.select_one("td a").get_text(strip=True): row for row in waiting.select("tbody tr")
        }
        self.assertEqual(set(rows), {"Awaiting first review", "Resubmitted technique"})
        self.assertIn("First review", rows["Awaiting first review"].get_text())
        compare = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.resubmitted.pk, self.approved_revision.pk, self.under_review.pk],
        )
        self.assertEqual(rows["Resubmitted technique"].select("a")[-1]["href"], compare)
        self.assertEqual(
            rows["Resubmitted technique"].select_one("a")["href"], edit_url(self.resubmitted)
        )
        # The panel replaces Wagtail's own "Awaiting your review" list of the same work.
        self.assertNotContains(response, "Awaiting your review")

    def test_an_editor_sees_due_dates_but_no_review_queue(self):
        self.client.force_login(self.editor)
        response = self.client.get("/admin/")
        self.assertEqual(panel_titles(response, "overdue-reviews"), ["Overdue technique"])
        self.assertEqual(panel_titles(response, "due-soon"), ["Due-soon technique"])
        self.assertIsNone(panel(response, "waiting-for-my-review"))
        self.assertNotContains(response, "Waiting for my review")

    def test_unpublished_articles_are_not_overdue(self):
        draft = make_technique(
            self.techniques,
            self.editor,
            reference=self.refs[0],
            live=False,
            title="Unpublished but dated",
            next_review_due=datetime.date(2026, 1, 1),
        )
        self.client.force_login(self.rita)
        response = self.client.get("/admin/")
        self.assertNotIn(draft.title, panel_titles(response, "overdue-reviews"))


class ReportTests(ReviewWorkTestCase):
    def setUp(self):
        self.client.force_login(self.editor)

    def rows_by_title(self, response):
        soup = BeautifulSoup(response.content, "html.parser")
        table = soup.select_one("table.listing")
        headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        rows = {}
        for tr in table.select("tbody tr"):
            cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
            row = dict(zip(headings, cells, strict=False))
            rows[row["Article"]] = row
        return rows

    def titles(self, query=""):
        response = self.client.get(REPORT_URL + query)
        self.assertEqual(response.status_code, 200)
        return set(self.rows_by_title(response))

    def test_the_report_lists_every_article_with_its_review_details(self):
        response = self.client.get(REPORT_URL)
        self.assertEqual(response.status_code, 200)
        rows = self.rows_by_title(response)
        self.assertEqual(
            set(rows),
            {
                "Overdue technique",
                "Due-soon technique",
                "Current reflexology",
                "Never reviewed guide",
                "Awaiting first review",
                "Resubmitted technique",
                "Changes requested technique",
            },
        )
        overdue = rows["Overdue technique"]
        self.assertEqual(overdue["Section"], "Techniques")
        self.assertEqual(overdue["Reviewed by"], "Rita Reviewer")
        self.assertEqual(overdue["Review status"], "Overdue")
        self.assertEqual(overdue["References"], "2")
        # Calendar dates, not "x months ago": a due date is a day, not a moment.
        self.assertEqual(overdue["Last reviewed"], "1 May 2024")
        self.assertEqual(overdue["Next review due"], "1 May 2026")
        self.assertEqual(rows["Current reflexology"]["Section"], "Reflexology")
        self.assertEqual(rows["Current reflexology"]["References"], "1")
        self.assertEqual(rows["Never reviewed guide"]["Review status"], "Never reviewed")
        self.assertEqual(rows["Never reviewed guide"]["References"], "0")
        self.assertEqual(rows["Resubmitted technique"]["Workflow"], "In progress")

    def test_filter_by_section(self):
        self.assertEqual(self.titles(f"?section={self.reflexology.pk}"), {"Current reflexology"})
        self.assertNotIn("Current reflexology", self.titles(f"?section={self.techniques.pk}"))

    def test_filter_by_reviewer(self):
        omar = Person.objects.get(user=self.omar)
        rita = Person.objects.get(user=self.rita)
        self.assertEqual(self.titles(f"?reviewer={omar.pk}"), {"Due-soon technique"})
        self.assertEqual(
            self.titles(f"?reviewer={rita.pk}"),
            {"Overdue technique", "Current reflexology", "Resubmitted technique"},
        )

    def test_filter_by_status(self):
        expected = {
            "overdue": {"Overdue technique"},
            "due_soon": {"Due-soon technique"},
            "current": {"Current reflexology", "Resubmitted technique"},
            "never": {
                "Never reviewed guide",
                "Awaiting first review",
                "Changes requested technique",
            },
            "in_review": {"Awaiting first review", "Resubmitted technique"},
            "needs_changes": {"Changes requested technique"},
        }
        for status, titles in expected.items():
            with self.subTest(status):
                self.assertEqual(self.titles(f"?status={status}"), titles)

    def test_filters_combine(self):
        rita = Person.objects.get(user=self.rita)
        self.assertEqual(
            self.titles(f"?reviewer={rita.pk}&status=overdue&section={self.techniques.pk}"),
            {"Overdue technique"},
        )

    def test_csv_export(self):
        response = self.client.get(REPORT_URL + "?export=csv")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"].split(";")[0], "text/csv")
        self.assertIn("content-review-2026-06-01.csv", response["Content-Disposition"])
        rows = csv_rows(response)
        self.assertEqual(rows[0], CSV_HEADER)
        by_title = {row[0]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
        self.assertEqual(len(by_title), 7)
        self.assertEqual(
            {key: by_title["Overdue technique"][key] for key in CSV_HEADER[:10]},
            {
                "Article": "Overdue technique",
                "Section": "Techniques",
                "Path": "/home/techniques/overdue-technique/",
                "Reviewed by": "Rita Reviewer",
                "Reviewer role": "Hand therapist",
                "Last reviewed": "2024-05-01",
                "Next review due": "2026-05-01",
                "Review status": "Overdue",
                "Workflow": "",
                "References": "2",
            },
        )
        self.assertEqual(by_title["Changes requested technique"]["Workflow"], "Needs changes")

    def test_csv_export_is_filtered_too(self):
        rows = csv_rows(self.client.get(REPORT_URL + "?export=csv&status=due_soon"))
        self.assertEqual([row[0] for row in rows[1:]], ["Due-soon technique"])

    def test_xlsx_export_is_a_workbook(self):
        response = self.client.get(REPORT_URL + "?export=xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        workbook = openpyxl.load_workbook(io.BytesIO(content(response)))
        sheet = workbook.active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), CSV_HEADER)
        self.assertEqual(len(rows), 8)
        overdue = next(row for row in rows[1:] if row[0] == "Overdue technique")
        self.assertEqual(overdue[3], "Rita Reviewer")
        self.assertEqual(overdue[9], 2)

    def test_visitors_must_log_in(self):
        self.client.logout()
        response = self.client.get(REPORT_URL)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))

    def test_the_report_is_in_the_reports_menu(self):
        response = self.client.get("/admin/")
        self.assertContains(response, REPORT_URL)


class ReviewWorkload:
    """Two sections, an editor, two reviewers, and `add_articles` in every review state."""

    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.sections = [
            SectionPageFactory(parent=home, title="Techniques", slug="techniques"),
            SectionPageFactory(parent=home, title="Sleep", slug="sleep", topic="sleep"),
        ]
        cls.refs = ReferenceFactory.create_batch(2)
        cls.editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.omar = make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist")
        cls.people = list(Person.objects.all())
        cls.counter = itertools.count()

    def add_articles(self, count):
        """Articles of every type and review state, in turn."""
        reviewer = Client()
        reviewer.force_login(self.omar)
        for _ in range(count):
            n = next(self.counter)
            section = self.sections[n % 2]
            state = n % 5
            cite = f"<p>Text [cite:{self.refs[0].key}]</p>"
            if n % 3 == 0:
                page = GuidePageFactory(
                    parent=section,
                    title=f"Guide {n}",
                    body=[paragraph_block(cite)],
                    references=self.refs,
                    owner=self.editor,
                    last_reviewed=None,
                    next_review_due=None,
                )
            else:
                page = make_technique(
                    section, self.editor, reference=self.refs[n % 2], title=f"Technique {n}"
                )
            person = self.people[n % 2]
            if state == 0:
                reviewed(page, person, datetime.date(2024, 1, 1), datetime.date(2026, 5, 1))
            elif state == 1:
                reviewed(page, person, datetime.date(2024, 6, 1), datetime.date(2026, 6, 10))
            elif state == 2:
                submit(page, self.editor, summary="Needs a first review.")
            elif state == 3:
                # Approved once, then resubmitted: the panel links to a comparison.
                submit(page, self.editor)
                reviewer.post(workflow_action_url(page, "approve"), checklist(page=page))
                submit(page, self.editor, summary="Second round.")

    def count_queries(self, user, url):
        self.client.force_login(user)
        self.client.get(url)  # let per-process caches (content types, site root) settle
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            content(response)
        return len(queries)


class QueryCountTests(ReviewWorkload, TestCase):
    """The dashboard, the report and its exports cost the same whether there are 3 articles or 15."""

    URLS = ["/admin/", REPORT_URL, REPORT_URL + "?export=csv", REPORT_URL + "?export=xlsx"]

    def all_counts(self):
        return {
            (user.username, url): self.count_queries(user, url)
            for user in (self.rita, self.editor)
            for url in self.URLS
        }

    @time_machine.travel(TODAY)
    def test_same_number_of_queries_for_3_and_15_articles(self):
        self.add_articles(3)
        with_3 = self.all_counts()
        self.add_articles(12)
        self.assertEqual(Page.objects.filter(depth=4).count(), 15)
        with_15 = self.all_counts()
        self.assertEqual(with_15, with_3)

    @time_machine.travel(TODAY)
    def test_the_panels_really_show_the_articles(self):
        # Guard for the test above: the 15 articles do appear in the lists counted.
        self.add_articles(15)
        self.client.force_login(self.rita)
        response = self.client.get("/admin/")
        self.assertEqual(len(panel_titles(response, "overdue-reviews")), 3)
        self.assertEqual(len(panel_titles(response, "due-soon")), 3)
        self.assertEqual(len(panel_titles(response, "waiting-for-my-review")), 6)
        self.assertEqual(len(csv_rows(self.client.get(REPORT_URL + "?export=csv"))), 16)
