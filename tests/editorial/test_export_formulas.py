"""Exports of both reports write text a spreadsheet will not run as a formula (CSV injection)."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import openpyxl
import time_machine

from django.test import SimpleTestCase, TestCase

from handcare.editorial.exports import neutralise
from handcare.editorial.models import ReviewRecord
from handcare.people.models import Person
from tests.factories import ReferenceFactory, SectionPageFactory, home_page, sign_off

from .helpers import EDITORS, REVIEWERS, make_technique, make_user

LONDON = zoneinfo.ZoneInfo("Europe/London")
TODAY = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)
CONTENT_REVIEW_URL = "/admin/reports/content-review/"
HISTORY_URL = "/admin/reports/review-history/"

# Titles an editor could type that a spreadsheet would otherwise run or split as a formula.
HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tTabbed title",
    "\rCarriage return title",
]


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"), newline="")))


def xlsx_rows(response):
    return list(openpyxl.load_workbook(io.BytesIO(content(response))).active.iter_rows())


class NeutraliseTests(SimpleTestCase):
    def test_text_that_could_start_a_formula_gets_a_leading_quote(self):
        for value in HOSTILE:
            with self.subTest(repr(value)):
                self.assertEqual(neutralise(value), "'" + value)

    def test_other_text_is_unchanged(self):
        for value in ("Effleurage", "", " =not at the start", "A = B", "'quoted already"):
            with self.subTest(repr(value)):
                self.assertEqual(neutralise(value), value)

    def test_numbers_dates_and_blanks_stay_values(self):
        for value in (
            -2,
            0,
            1.5,
            Decimal("-3.2"),
            datetime.date(2026, 6, 1),
            datetime.datetime(2026, 6, 1, 9, 0, tzinfo=LONDON),
            None,
        ):
            with self.subTest(repr(value)):
                self.assertIs(neutralise(value), value)


@time_machine.travel(TODAY)
class FormulaExportTests(TestCase):
    """A page per hostile title, reviewed, so it is in both reports."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        ref = ReferenceFactory()
        editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        person = Person.objects.get(user=cls.rita)
        for title in HOSTILE:
            page = make_technique(section, editor, reference=ref, title=title)
            record = sign_off(page, person, datetime.date(2026, 5, 1), datetime.date(2027, 5, 1))
            # Free text typed by people, not only titles, goes into the history export.
            ReviewRecord.objects.filter(pk=record.pk).update(note=title, reviewer_role=title)

    def setUp(self):
        self.client.force_login(self.rita)

    def assert_csv_neutralised(self, rows, columns):
        by_title = {row[0]: row for row in rows[1:]}
        self.assertEqual(set(by_title), {"'" + title for title in HOSTILE})
        for title in HOSTILE:
            with self.subTest(repr(title)):
                row = by_title["'" + title]
                for column in columns:
                    self.assertEqual(row[column], "'" + title)

    def assert_xlsx_text(self, rows, columns):
        header = [cell.value for cell in rows[0]]
        found = set()
        for row in rows[1:]:
            for column in columns:
                cell = row[column]
                self.assertNotEqual(cell.data_type, "f", f"{header[column]}: {cell.value!r}")
                self.assertEqual(cell.data_type, "s")
                # XML turns a bare carriage return into a line feed; the text is otherwise kept.
                found.add(cell.value.replace("\n", "\r"))
        self.assertEqual(found, set(HOSTILE))

    def test_content_review_csv(self):
        rows = csv_rows(self.client.get(CONTENT_REVIEW_URL + "?export=csv"))
        self.assert_csv_neutralised(rows, [0])
        header = rows[0]
        row = rows[1]
        # Dates and numbers are still written as values, not quoted text.
        self.assertEqual(row[header.index("Last reviewed")], "2026-05-01")
        self.assertEqual(row[header.index("References")], "1")

    def test_content_review_xlsx(self):
        rows = xlsx_rows(self.client.get(CONTENT_REVIEW_URL + "?export=xlsx"))
        self.assert_xlsx_text(rows, [0])
        header = [cell.value for cell in rows[0]]
        self.assertEqual(rows[1][header.index("References")].value, 1)
        self.assertEqual(rows[1][header.index("Last reviewed")].value, datetime.date(2026, 5, 1))

    def test_review_history_csv(self):
        rows = csv_rows(self.client.get(HISTORY_URL + "?export=csv"))
        header = rows[0]
        columns = [header.index(name) for name in ("What was reviewed", "Role then", "Note")]
        self.assert_csv_neutralised(rows, columns)
        self.assertEqual(rows[1][header.index("Reviewed at (Europe/London)")], "2026-05-01 12:00")
        self.assertEqual(rows[1][header.index("Next review due")], "2027-05-01")
        self.assertTrue(rows[1][header.index("Revision")].isdigit())

    def test_review_history_xlsx(self):
        rows = xlsx_rows(self.client.get(HISTORY_URL + "?export=xlsx"))
        header = [cell.value for cell in rows[0]]
        columns = [header.index(name) for name in ("What was reviewed", "Role then", "Note")]
        self.assert_xlsx_text(rows, columns)
        first = rows[1]
        self.assertIsInstance(first[header.index("Revision")].value, int)
        self.assertEqual(
            first[header.index("Reviewed at (Europe/London)")].value,
            datetime.datetime(2026, 5, 1, 12, 0),
        )
        self.assertEqual(first[header.index("Next review due")].value, datetime.date(2027, 5, 1))
