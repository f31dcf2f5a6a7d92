"""The review history report: every review record, its filters, exports, access and query cost."""

import csv
import datetime
import io
import itertools
import zoneinfo

import openpyxl
import time_machine
from bs4 import BeautifulSoup

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page

from handcare.editorial.checklist import CHECK_KEYS
from handcare.editorial.models import ReviewRecord
from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPoint
from tests.factories import (
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    home_page,
    paragraph_block,
)

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    edit_url,
    make_technique,
    make_user,
    submit,
    workflow_action_url,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
HISTORY_URL = "/admin/reports/review-history/"
RESULTS_URL = "/admin/reports/review-history/results/"
CONTENT_REVIEW_URL = "/admin/reports/content-review/"
ALL_TICKED = dict.fromkeys(CHECK_KEYS, True)
ALL_TICKED_TEXT = (
    "The facts match the cited sources: yes; "
    "Every health claim is cited or worded as a belief: yes; "
    "Cautions are present and correct: yes; "
    "References are complete: yes; "
    "The medical disclaimer applies: yes"
)
CSV_HEADER = [
    "What was reviewed",
    "Type",
    "Object ID",
    "Revision",
    "Reviewer",
    "Role then",
    "Reviewed at (Europe/London)",
    "Kind",
    "Next review due",
    "Checklist",
    "Note",
]


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def add_record(obj, kind=ReviewRecord.Kind.APPROVAL, *, when, person=None, **fields):
    """A review record as the sign-off code leaves one, for a page or a snippet."""
    fields.setdefault("checklist", ALL_TICKED if kind != ReviewRecord.Kind.WITHDRAWN else {})
    fields.setdefault("revision", obj.latest_revision)
    return ReviewRecord.objects.create(
        content_type=obj.get_base_content_type(),
        object_id=str(obj.pk),
        object_title=fields.pop("title", str(obj)),
        kind=kind,
        reviewer=person,
        reviewer_name=person.name if person else "",
        reviewer_role=person.role if person else "",
        reviewed_at=when,
        next_review_due=fields.pop("due", (when + datetime.timedelta(days=365)).date()),
        **fields,
    )


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))


def xlsx_sheet(response):
    return openpyxl.load_workbook(io.BytesIO(content(response))).active


def table_rows(response):
    """Each row of the listing as {heading: (text, link or None)}."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.select_one("table.listing")
    if table is None:
        return []
    headings = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = []
    for tr in table.select("tbody tr"):
        cells = []
        for td in tr.select("td"):
            link = td.select_one("a")
            cells.append((td.get_text(" ", strip=True), link["href"] if link else None))
        rows.append(dict(zip(headings, cells, strict=True)))
    return rows


@time_machine.travel(TODAY)
class ReviewHistoryTestCase(TestCase):
    """Review records of pages and of each reviewed snippet, of every kind."""

    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.section = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
        cls.ref = ReferenceFactory(title="Hand massage trial")
        cls.editor = make_user("edith", EDITORS)
        cls.rita_user = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.omar_user = make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist")
        cls.sam = make_user("sam", SITE_ADMINISTRATORS)
        cls.root = make_user("root", superuser=True)
        cls.rita = Person.objects.get(user=cls.rita_user)
        cls.omar = Person.objects.get(user=cls.omar_user)

        cls.effleurage = make_technique(
            cls.section, cls.editor, reference=cls.ref, title="Effleurage basics"
        )
        cls.guide = GuidePageFactory(
            parent=cls.section,
            title="Sore hands guide",
            body=[paragraph_block("<p>Text.</p>")],
            last_reviewed=None,
            next_review_due=None,
        )
        cls.guide.save_revision(user=cls.editor)
        cls.reference = ReferenceFactory(title="A trial of hand massage")
        cls.reference.save_revision(user=cls.editor)
        cls.person = PersonFactory(name="Daniel Author", role="Massage therapist")
        cls.person.save_revision(user=cls.editor)
        cls.point = ReflexologyPointFactory(name="Thumb pad")
        cls.point.save_revision(user=cls.editor)
        gone = make_technique(cls.section, cls.editor, reference=cls.ref, title="Retired page")

        cls.approval = add_record(
            cls.effleurage,
            when=at(2026, 5, 10, 10, 30),
            person=cls.rita,
            note="Checked step 2 against the trial.",
            due=datetime.date(2027, 5, 10),
        )
        cls.withdrawal = add_record(
            cls.effleurage,
            ReviewRecord.Kind.WITHDRAWN,
            when=at(2026, 5, 20),
            note="Published without review; the previous sign-off no longer applies.",
            due=datetime.date(2026, 5, 20),
        )
        cls.confirmation = add_record(
            cls.guide, ReviewRecord.Kind.CONFIRMATION, when=at(2026, 4, 2, 14), person=cls.omar
        )
        cls.reference_record = add_record(
            cls.reference, when=at(2026, 3, 15), person=cls.rita, title=str(cls.reference)
        )
        cls.person_record = add_record(cls.person, when=at(2026, 2, 1), person=cls.omar)
        cls.point_record = add_record(cls.point, when=at(2026, 1, 10), person=cls.rita)
        cls.gone_record = add_record(gone, when=at(2025, 12, 1), person=cls.rita)
        cls.gone_id = gone.pk
        gone.delete()


class HistoryListingTests(ReviewHistoryTestCase):
    def setUp(self):
        self.client.force_login(self.rita_user)

    def rows(self, query=""):
        response = self.client.get(HISTORY_URL + query)
        self.assertEqual(response.status_code, 200)
        return table_rows(response)

    def titles(self, query=""):
        return [row["What was reviewed"][0] for row in self.rows(query)]

    def test_one_row_per_record_newest_first(self):
        self.assertEqual(
            self.titles(),
            [
                "Effleurage basics",  # withdrawn, 20 May
                "Effleurage basics",  # approved, 10 May
                "Sore hands guide",
                str(self.reference),
                str(self.person),
                str(self.point),
                "Retired page",
            ],
        )

    def test_an_approval_of_a_page_shows_every_detail_and_links(self):
        row = self.rows()[1]
        revision = self.approval.revision_id
        self.assertEqual(
            row["What was reviewed"], ("Effleurage basics", edit_url(self.effleurage))
        )
        self.assertEqual(row["Type"][0], "Technique")
        self.assertEqual(
            row["Revision"],
            (
                f"#{revision}",
                reverse("wagtailadmin_pages:revisions_view", args=[self.effleurage.pk, revision]),
            ),
        )
        self.assertEqual(row["Reviewer"][0], "Rita Reviewer")
        self.assertEqual(row["Role then"][0], "Hand therapist")
        self.assertEqual(row["Reviewed at"][0], "10 May 2026, 10:30")
        self.assertEqual(row["Kind"][0], "Approved changes")
        self.assertEqual(row["Next review due"][0], "10 May 2027")
        self.assertEqual(row["Checklist"][0], ALL_TICKED_TEXT)
        self.assertEqual(row["Note"][0], "Checked step 2 against the trial.")

    def test_the_reviewer_details_are_those_copied_at_sign_off(self):
        # A later change of role must not rewrite what the record says about the review.
        Person.objects.filter(pk=self.rita.pk).update(name="Rita Renamed", role="Head of care")
        row = self.rows()[1]
        self.assertEqual(row["Reviewer"][0], "Rita Reviewer")
        self.assertEqual(row["Role then"][0], "Hand therapist")

    def test_confirmations_and_withdrawals_say_what_they_are(self):
        rows = self.rows()
        withdrawn, confirmed = rows[0], rows[2]
        self.assertEqual(withdrawn["Kind"][0], "Sign-off withdrawn: published without review")
        self.assertEqual(withdrawn["Reviewer"][0], "—")
        self.assertEqual(withdrawn["Checklist"][0], "")
        self.assertEqual(confirmed["Kind"][0], "Reviewed, no changes needed")
        self.assertEqual(confirmed["Type"][0], "Guide or article")
        self.assertEqual(confirmed["Reviewer"][0], "Omar Other")

    def test_snippet_records_link_to_the_snippet_and_its_revision(self):
        rows = {row["What was reviewed"][0]: row for row in self.rows()}
        for obj, type_name in (
            (self.reference, "Reference"),
            (self.person, "Person"),
            (self.point, "Reflexology point"),
        ):
            with self.subTest(type_name):
                viewset = type(obj).snippet_viewset
                row = rows[str(obj)]
                self.assertEqual(row["Type"][0], type_name)
                self.assertEqual(
                    row["What was reviewed"][1],
                    reverse(viewset.get_url_name("edit"), args=[obj.pk]),
                )
                revision = obj.latest_revision
                self.assertEqual(
                    row["Revision"],
                    (
                        f"#{revision.pk}",
                        reverse(
                            viewset.get_url_name("revisions_view"), args=[obj.pk, revision.pk]
                        ),
                    ),
                )
                self.assertEqual(self.client.get(row["What was reviewed"][1]).status_code, 200)

    def test_the_revision_link_opens_the_revision_signed_off(self):
        row = self.rows()[1]
        self.assertEqual(self.client.get(row["Revision"][1]).status_code, 200)

    def test_a_deleted_page_stays_in_the_history_without_links(self):
        row = self.rows()[-1]
        self.assertFalse(Page.objects.filter(pk=self.gone_id).exists())
        self.assertEqual(row["What was reviewed"], ("Retired page", None))
        self.assertEqual(row["Type"][0], "Page (deleted)")
        self.assertEqual(row["Revision"][1], None)
        self.assertEqual(row["Reviewer"][0], "Rita Reviewer")

    def test_filter_by_kind(self):
        self.assertEqual(self.titles("?kind=withdrawn"), ["Effleurage basics"])
        self.assertEqual(self.titles("?kind=confirmation"), ["Sore hands guide"])
        self.assertEqual(len(self.titles("?kind=approval")), 5)

    def test_filter_by_type(self):
        expected = {
            "pages": [
                "Effleurage basics",
                "Effleurage basics",
                "Sore hands guide",
                "Retired page",
            ],
            "references.reference": [str(self.reference)],
            "people.person": [str(self.person)],
            "reflexology.reflexologypoint": [str(self.point)],
        }
        for key, titles in expected.items():
            with self.subTest(key):
                self.assertEqual(self.titles(f"?type={key}"), titles)

    def test_the_type_filter_offers_pages_and_each_reviewed_snippet(self):
        soup = BeautifulSoup(self.client.get(HISTORY_URL).content, "html.parser")
        options = [option["value"] for option in soup.select('select[name="type"] option')]
        self.assertEqual(
            options,
            [
                "",
                "pages",
                "articles.audience",
                "people.person",
                "references.reference",
                "reflexology.reflexologypoint",
            ],
        )

    def test_filter_by_reviewer(self):
        self.assertEqual(
            self.titles(f"?reviewer={self.omar.pk}"), ["Sore hands guide", str(self.person)]
        )
        self.assertEqual(len(self.titles(f"?reviewer={self.rita.pk}")), 4)

    def test_filter_by_date_range_includes_both_days(self):
        self.assertEqual(
            self.titles("?reviewed_at_from=2026-04-02&reviewed_at_to=2026-05-10"),
            ["Effleurage basics", "Sore hands guide"],
        )
        self.assertEqual(
            self.titles("?reviewed_at_to=2026-01-10"), [str(self.point), "Retired page"]
        )
        self.assertEqual(self.titles("?reviewed_at_from=2026-05-11"), ["Effleurage basics"])

    def test_search_by_title(self):
        self.assertEqual(self.titles("?title=EFFLEUR"), ["Effleurage basics"] * 2)
        self.assertEqual(self.titles("?title=nothing+like+it"), [])

    def test_filters_combine(self):
        self.assertEqual(
            self.titles(f"?type=pages&reviewer={self.rita.pk}&reviewed_at_from=2026-01-01"),
            ["Effleurage basics"],
        )

    def test_the_results_view_answers_the_filter_form(self):
        response = self.client.get(RESULTS_URL + "?kind=confirmation")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [row["What was reviewed"][0] for row in table_rows(response)], ["Sore hands guide"]
        )

    def test_the_listing_is_paginated(self):
        for n in range(50):
            add_record(
                self.guide, when=at(2025, 1, 1) - datetime.timedelta(days=n), person=self.omar
            )
        self.assertEqual(len(self.rows()), 50)
        self.assertEqual(len(self.rows("?p=2")), 7)

    def test_a_real_approval_appears_with_its_checklist_and_comment(self):
        page = make_technique(
            self.section, self.editor, reference=self.ref, title="Approved for real", live=False
        )
        submit(page, self.editor)
        reviewer = Client()
        reviewer.force_login(self.omar_user)
        reviewer.post(
            workflow_action_url(page, "approve"), checklist("Matches the source.", page=page)
        )
        row = self.rows("?title=approved+for+real")[0]
        live_revision = Page.objects.get(pk=page.pk).live_revision_id
        self.assertEqual(row["Revision"][0], f"#{live_revision}")
        self.assertEqual(row["Reviewer"][0], "Omar Other")
        self.assertEqual(row["Kind"][0], "Approved changes")
        self.assertEqual(row["Checklist"][0], ALL_TICKED_TEXT)
        self.assertEqual(row["Note"][0], "Matches the source.")
        self.assertEqual(row["Reviewed at"][0], "1 Jun 2026, 09:00")


class HistoryExportTests(ReviewHistoryTestCase):
    def setUp(self):
        self.client.force_login(self.sam)

    def test_csv_export_has_every_column(self):
        response = self.client.get(HISTORY_URL + "?export=csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("review-history-2026-06-01.csv", response["Content-Disposition"])
        rows = csv_rows(response)
        self.assertEqual(rows[0], CSV_HEADER)
        self.assertEqual(len(rows), 8)
        self.assertEqual(
            dict(zip(CSV_HEADER, rows[2], strict=True)),
            {
                "What was reviewed": "Effleurage basics",
                "Type": "Technique",
                "Object ID": str(self.effleurage.pk),
                "Revision": str(self.approval.revision_id),
                "Reviewer": "Rita Reviewer",
                "Role then": "Hand therapist",
                "Reviewed at (Europe/London)": "2026-05-10 10:30",
                "Kind": "Approved changes",
                "Next review due": "2027-05-10",
                "Checklist": ALL_TICKED_TEXT,
                "Note": "Checked step 2 against the trial.",
            },
        )
        withdrawn = dict(zip(CSV_HEADER, rows[1], strict=True))
        self.assertEqual(withdrawn["Kind"], "Sign-off withdrawn: published without review")
        self.assertEqual(withdrawn["Reviewer"], "")
        self.assertEqual(
            [row[1] for row in rows[4:7]], ["Reference", "Person", "Reflexology point"]
        )
        self.assertEqual(rows[7][1], "Page (deleted)")

    def test_exports_are_filtered_too(self):
        rows = csv_rows(self.client.get(HISTORY_URL + "?export=csv&type=people.person"))
        self.assertEqual([row[0] for row in rows[1:]], [str(self.person)])
        sheet = xlsx_sheet(self.client.get(HISTORY_URL + "?export=xlsx&kind=withdrawn"))
        self.assertEqual(sheet.max_row, 2)

    def test_xlsx_export_keeps_dates_and_numbers_as_values(self):
        response = self.client.get(HISTORY_URL + "?export=xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("review-history-2026-06-01.xlsx", response["Content-Disposition"])
        rows = list(xlsx_sheet(response).iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), CSV_HEADER)
        self.assertEqual(len(rows), 8)
        approval = dict(zip(CSV_HEADER, rows[2], strict=True))
        self.assertEqual(approval["What was reviewed"], "Effleurage basics")
        self.assertEqual(approval["Revision"], self.approval.revision_id)
        # The time as the site shows it (London, summer time), not UTC.
        self.assertEqual(
            approval["Reviewed at (Europe/London)"], datetime.datetime(2026, 5, 10, 10, 30)
        )
        self.assertEqual(approval["Next review due"], datetime.date(2027, 5, 10))
        self.assertEqual(approval["Checklist"], ALL_TICKED_TEXT)


class HistoryAccessTests(ReviewHistoryTestCase):
    def test_reviewers_site_administrators_and_superusers_see_the_history(self):
        for user in (self.rita_user, self.sam, self.root):
            with self.subTest(user.username):
                self.client.force_login(user)
                for url in (HISTORY_URL, RESULTS_URL, HISTORY_URL + "?export=csv"):
                    self.assertEqual(self.client.get(url).status_code, 200, url)
                self.assertContains(self.client.get("/admin/"), HISTORY_URL)

    def test_editors_do_not(self):
        self.client.force_login(self.editor)
        for url in (HISTORY_URL, RESULTS_URL, HISTORY_URL + "?export=csv"):
            with self.subTest(url):
                response = self.client.get(url)
                # Wagtail answers a refused admin page with a redirect to the dashboard.
                self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertNotContains(self.client.get("/admin/"), HISTORY_URL)
        self.assertNotContains(self.client.get(CONTENT_REVIEW_URL), HISTORY_URL)

    def test_a_reviewer_without_admin_access_does_not(self):
        self.rita_user.is_active = False
        self.rita_user.save()
        self.client.force_login(self.rita_user)
        self.assertNotEqual(self.client.get(HISTORY_URL).status_code, 200)

    def test_visitors_must_log_in(self):
        response = self.client.get(HISTORY_URL)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))

    def test_the_content_review_report_links_to_the_history(self):
        self.client.force_login(self.rita_user)
        soup = BeautifulSoup(self.client.get(CONTENT_REVIEW_URL).content, "html.parser")
        link = soup.select_one(f'header a[href="{HISTORY_URL}"]')
        self.assertIsNotNone(link)
        self.assertIn("Review history", link.get_text())


class HistoryQueryCountTests(TestCase):
    """The history and its exports cost the same whether there are 3 records or 15."""

    URLS = [
        HISTORY_URL,
        HISTORY_URL + "?kind=approval&type=pages",
        HISTORY_URL + "?export=csv",
        HISTORY_URL + "?export=xlsx",
    ]

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.ref = ReferenceFactory()
        cls.editor = make_user("edith", EDITORS)
        cls.rita_user = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.sam = make_user("sam", SITE_ADMINISTRATORS)
        cls.rita = Person.objects.get(user=cls.rita_user)
        cls.counter = itertools.count()

    def add_records(self, count):
        """Records of pages of two types and of each reviewed snippet, of every kind, in turn."""
        kinds = list(ReviewRecord.Kind)
        for _ in range(count):
            n = next(self.counter)
            kind = kinds[n % len(kinds)]
            if n % 5 == 0:
                obj = make_technique(self.section, self.editor, reference=self.ref, title=f"T {n}")
            elif n % 5 == 1:
                obj = GuidePageFactory(parent=self.section, title=f"G {n}")
                obj.save_revision(user=self.editor)
            elif n % 5 == 2:
                obj = ReferenceFactory()
                obj.save_revision(user=self.editor)
            elif n % 5 == 3:
                obj = PersonFactory()
                obj.save_revision(user=self.editor)
            else:
                obj = ReflexologyPointFactory()
                obj.save_revision(user=self.editor)
            reviewer = None if kind == ReviewRecord.Kind.WITHDRAWN else self.rita
            add_record(
                obj, kind, when=at(2026, 1, 1) + datetime.timedelta(hours=n), person=reviewer
            )

    def count_queries(self, user, url):
        self.client.force_login(user)
        self.client.get(url)  # let per-process caches (content types, site root) settle
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            content(response)
        return len(queries)

    def all_counts(self):
        return {
            (user.username, url): self.count_queries(user, url)
            for user in (self.rita_user, self.sam)
            for url in self.URLS
        }

    @time_machine.travel(TODAY)
    def test_same_number_of_queries_for_3_and_15_records(self):
        self.add_records(3)
        with_3 = self.all_counts()
        self.add_records(12)
        self.assertEqual(ReviewRecord.objects.count(), 15)
        with_15 = self.all_counts()
        self.assertEqual(with_15, with_3)

    @time_machine.travel(TODAY)
    def test_the_history_really_shows_the_records(self):
        # Guard for the test above: the 15 records do appear, of every type, with links.
        self.add_records(15)
        self.client.force_login(self.rita_user)
        rows = table_rows(self.client.get(HISTORY_URL))
        self.assertEqual(len(rows), 15)
        self.assertEqual(
            {row["Type"][0] for row in rows},
            {"Technique", "Guide or article", "Reference", "Person", "Reflexology point"},
        )
        self.assertTrue(all(row["What was reviewed"][1] and row["Revision"][1] for row in rows))
        self.assertEqual(len(csv_rows(self.client.get(HISTORY_URL + "?export=csv"))), 16)
        for model in (Page, Reference, Person, ReflexologyPoint):
            content_type = ContentType.objects.get_for_model(model)
            self.assertTrue(ReviewRecord.objects.filter(content_type=content_type).exists())
