"""The review status index follows every real admin action, so the dashboard and report are right.

Each test drives the admin URLs an editor, reviewer or site administrator uses (submit, approve,
request changes, resubmit, "Reviewed, no changes needed", publish without review, unpublish,
cancel the workflow, delete), then checks the index row, that a rebuild from the source tables
would change nothing, and what the dashboard and the Content review report show.
"""

import datetime
import io
import zoneinfo

import time_machine
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Page, WorkflowState

from handcare.editorial import status_index
from handcare.editorial.models import ReviewStatusEntry
from handcare.people.models import Person
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    confirm_review_url,
    edit_url,
    make_technique,
    make_user,
    technique_data,
    workflow_action_url,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
REPORT_URL = "/admin/reports/content-review/"


def report_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.listing")
    if table is None:
        return {}
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
        row = dict(zip(headings, cells, strict=False))
        rows[row["Article"]] = row
    return rows


def panel_titles(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one(f'[data-review-panel="{name}"]')
    return [a.get_text(strip=True) for a in panel.select("tbody tr td:first-child a")]


@time_machine.travel(TODAY)
class ReviewStatusIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory()
        cls.editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.admin = make_user("ada", SITE_ADMINISTRATORS)

    def setUp(self):
        self.page = make_technique(
            self.section, self.editor, reference=self.reference, title="Indexed technique"
        )

    def entry(self):
        return ReviewStatusEntry.objects.get(page_id=self.page.pk)

    def assert_index_is_current(self):
        self.assertEqual(status_index.differences(), [])

    def post_as(self, user, url, data=None):
        self.client.force_login(user)
        response = self.client.post(url, data or {})
        self.assertLess(response.status_code, 400, url)
        return response

    def submit_through_the_editor(self, **changes):
        data = technique_data(self.page, references=[self.reference], action="submit", **changes)
        self.post_as(self.editor, edit_url(self.page), data)
        self.assertIsNotNone(Page.objects.get(pk=self.page.pk).current_workflow_task_state)

    def approve(self):
        self.post_as(
            self.rita, workflow_action_url(self.page, "approve"), checklist(page=self.page)
        )

    def report(self, query=""):
        self.client.force_login(self.editor)
        response = self.client.get(REPORT_URL + query)
        self.assertEqual(response.status_code, 200)
        return report_rows(response)

    def test_a_new_live_article_is_indexed_as_never_reviewed(self):
        entry = self.entry()
        self.assertEqual(
            (entry.title, entry.live, entry.next_review_due), (self.page.title, True, None)
        )
        self.assertEqual(
            self.report("?status=never")[self.page.title]["Review status"], "Never reviewed"
        )
        self.assert_index_is_current()

    def test_submit_approve_and_confirm_through_the_admin(self):
        self.submit_through_the_editor(title="Indexed technique")
        self.assertEqual(self.entry().workflow_status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertIn(self.page.title, self.report("?status=in_review"))
        self.assert_index_is_current()

        self.approve()
        entry = self.entry()
        rita = Person.objects.get(user=self.rita)
        self.assertEqual(entry.workflow_status, "")
        self.assertEqual(entry.reviewer_id, rita.pk)
        self.assertEqual(entry.reviewer_name, "Rita Reviewer")
        self.assertEqual(entry.last_reviewed, datetime.date(2026, 6, 1))
        self.assertEqual(entry.next_review_due, datetime.date(2028, 6, 1))
        row = self.report(f"?reviewer={rita.pk}")[self.page.title]
        self.assertEqual(
            (row["Reviewed by"], row["Review status"]), ("Rita Reviewer", "Up to date")
        )
        self.assert_index_is_current()

        # Two years on, it is overdue; the reviewer confirms it without changes.
        with time_machine.travel(datetime.datetime(2028, 6, 5, 9, 0, tzinfo=LONDON)):
            self.client.force_login(self.rita)
            self.assertIn(
                self.page.title, panel_titles(self.client.get("/admin/"), "overdue-reviews")
            )
            self.post_as(
                self.rita, confirm_review_url(self.page), checklist(page=self.page, live=True)
            )
            self.assertEqual(self.entry().next_review_due, datetime.date(2030, 6, 5))
            self.client.force_login(self.rita)
            self.assertNotIn(
                self.page.title, panel_titles(self.client.get("/admin/"), "overdue-reviews")
            )
        self.assert_index_is_current()

    def test_request_changes_and_resubmit(self):
        self.submit_through_the_editor()
        self.post_as(self.rita, workflow_action_url(self.page, "reject"), {"comment": "Cite it."})
        self.assertEqual(self.entry().workflow_status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertIn(self.page.title, self.report("?status=needs_changes"))
        self.assert_index_is_current()

        self.submit_through_the_editor(summary="Cited now.")
        self.assertEqual(self.entry().workflow_status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertNotIn(self.page.title, self.report("?status=needs_changes"))
        self.assert_index_is_current()

    def test_cancelling_the_workflow_clears_it(self):
        self.submit_through_the_editor()
        state = Page.objects.get(pk=self.page.pk).current_workflow_state
        # The editor's "Cancel workflow" action posts the edit form with this input.
        data = technique_data(self.page, references=[self.reference], action="cancel-workflow")
        self.post_as(self.editor, edit_url(self.page), data)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_CANCELLED)
        self.assertEqual(self.entry().workflow_status, "")
        self.assert_index_is_current()

    def test_publishing_without_review_withdraws_the_sign_off_in_the_index(self):
        self.submit_through_the_editor()
        self.approve()
        self.assertEqual(self.entry().reviewer_name, "Rita Reviewer")
        data = technique_data(
            self.page, references=[self.reference], summary="Changed at once.", action="publish"
        )
        self.post_as(self.admin, edit_url(self.page), data)
        entry = self.entry()
        self.assertEqual((entry.reviewer_id, entry.reviewer_name), (None, ""))
        self.assertEqual(entry.next_review_due, datetime.date(2026, 6, 1))
        self.client.force_login(self.rita)
        self.assertIn(self.page.title, panel_titles(self.client.get("/admin/"), "due-soon"))
        self.assert_index_is_current()

    def test_unpublishing_leaves_the_dashboard(self):
        self.submit_through_the_editor()
        self.approve()
        with time_machine.travel(datetime.datetime(2028, 6, 5, 9, 0, tzinfo=LONDON)):
            self.client.force_login(self.rita)
            self.assertIn(
                self.page.title, panel_titles(self.client.get("/admin/"), "overdue-reviews")
            )
            self.post_as(self.admin, reverse("wagtailadmin_pages:unpublish", args=[self.page.pk]))
            self.assertFalse(self.entry().live)
            self.client.force_login(self.rita)
            self.assertNotIn(
                self.page.title, panel_titles(self.client.get("/admin/"), "overdue-reviews")
            )
        self.assert_index_is_current()

    def test_deleting_an_article_removes_its_row(self):
        self.post_as(self.admin, reverse("wagtailadmin_pages:unpublish", args=[self.page.pk]))
        self.post_as(self.admin, reverse("wagtailadmin_pages:delete", args=[self.page.pk]))
        self.assertFalse(Page.objects.filter(pk=self.page.pk).exists())
        self.assertFalse(ReviewStatusEntry.objects.filter(page_id=self.page.pk).exists())
        self.assertNotIn(self.page.title, self.report())
        self.assert_index_is_current()


class RebuildCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.editor = make_user("edith", EDITORS)
        cls.pages = [
            make_technique(section, cls.editor, reference=ReferenceFactory(), title=f"Tech {n}")
            for n in range(3)
        ]

    def test_check_reports_a_stale_index_and_rebuild_repairs_it(self):
        call_command("rebuild_review_status", "--check", stdout=io.StringIO())
        # A raw UPDATE (no signal) makes the index stale: the check says so.
        type(self.pages[0]).objects.filter(pk=self.pages[0].pk).update(
            next_review_due=datetime.date(2020, 1, 1)
        )
        ReviewStatusEntry.objects.filter(page_id=self.pages[1].pk).delete()
        with self.assertRaisesMessage(CommandError, "2 stale review status rows"):
            call_command("rebuild_review_status", "--check", stdout=io.StringIO())
        out = io.StringIO()
        call_command("rebuild_review_status", stdout=out)
        self.assertIn("3 articles", out.getvalue())
        self.assertEqual(status_index.differences(), [])
        self.assertEqual(
            ReviewStatusEntry.objects.get(page_id=self.pages[0].pk).next_review_due,
            datetime.date(2020, 1, 1),
        )
