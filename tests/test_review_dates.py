"""Review dates: the next review must follow the last, a reviewer needs a date, no future reviews."""

import datetime

import time_machine

from django.core.exceptions import ValidationError
from django.test import TestCase

from .factories import GuidePageFactory, PersonFactory, SectionPageFactory, home_page

TODAY = datetime.date(2025, 6, 1)


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)
class ReviewDateCleanTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.reviewer = PersonFactory()
        cls.page = GuidePageFactory(
            parent=section,
            reviewed_by=cls.reviewer,
            last_reviewed=datetime.date(2025, 1, 15),
            next_review_due=datetime.date(2026, 1, 15),
        )

    def errors(self, **changes):
        for name, value in changes.items():
            setattr(self.page, name, value)
        try:
            self.page.full_clean()
        except ValidationError as error:
            return error.message_dict
        return {}

    def test_consistent_review_dates_are_valid(self):
        self.assertEqual(self.errors(), {})

    def test_next_review_on_the_same_day_is_rejected_on_next_review_due(self):
        errors = self.errors(next_review_due=datetime.date(2025, 1, 15))
        self.assertEqual(list(errors), ["next_review_due"])
        self.assertIn("15 January 2025", errors["next_review_due"][0])

    def test_next_review_before_the_last_is_rejected_on_next_review_due(self):
        errors = self.errors(next_review_due=datetime.date(2024, 12, 1))
        self.assertEqual(list(errors), ["next_review_due"])

    def test_next_review_the_day_after_is_accepted(self):
        self.assertEqual(self.errors(next_review_due=datetime.date(2025, 1, 16)), {})

    def test_reviewer_without_a_review_date_is_rejected_on_last_reviewed(self):
        errors = self.errors(last_reviewed=None)
        self.assertEqual(list(errors), ["last_reviewed"])
        self.assertIn("signed this off", errors["last_reviewed"][0])

    def test_no_reviewer_and_no_dates_is_a_valid_draft(self):
        self.assertEqual(
            self.errors(reviewed_by=None, last_reviewed=None, next_review_due=None), {}
        )

    def test_review_dated_tomorrow_is_rejected_on_last_reviewed(self):
        errors = self.errors(
            last_reviewed=TODAY + datetime.timedelta(days=1),
            next_review_due=datetime.date(2027, 1, 1),
        )
        self.assertEqual(list(errors), ["last_reviewed"])
        self.assertIn("future", errors["last_reviewed"][0])

    def test_review_dated_today_is_accepted(self):
        self.assertEqual(self.errors(last_reviewed=TODAY), {})
