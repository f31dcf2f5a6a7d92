"""References as a clinical reader expects them: volume, issue, pages, kind, access date for web only."""

import datetime

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import SimpleTestCase, TestCase

from handcare.references.models import Reference, ReferenceKind
from handcare.references.validation import normalise_pages, problems_for_publication

from .factories import ReferenceFactory

CHECKED = datetime.date(2026, 10, 1)


def rendered(reference):
    return " ".join(
        render_to_string("components/reference_citation.html", {"ref": reference}).split()
    )


class PageRangeTests(SimpleTestCase):
    def test_ranges_are_stored_one_way(self):
        for typed, stored in [
            ("226-229", "226-229"),
            ("226 – 229", "226-229"),
            ("pp. 226\u2013229", "226-229"),
            (" e0123456 ", "e0123456"),
            ("S12-S15", "S12-S15"),
        ]:
            with self.subTest(typed=typed):
                self.assertEqual(normalise_pages(typed), stored)


class LocatorValidationTests(TestCase):
    def assert_rejected(self, field, **values):
        reference = ReferenceFactory.build(**values)
        with self.assertRaises(ValidationError) as caught:
            reference.full_clean()
        self.assertIn(field, caught.exception.message_dict)
        return caught.exception.message_dict[field][0]

    def test_a_full_journal_citation_is_valid(self):
        reference = ReferenceFactory.build(volume="17", issue="4", pages="226 - 229")
        reference.full_clean()
        self.assertEqual(reference.pages, "226-229")
        self.assertEqual(problems_for_publication(reference), {})

    def test_a_range_that_ends_before_it_starts_is_rejected(self):
        self.assertIn("last page", self.assert_rejected("pages", volume="17", pages="229-26"))

    def test_pages_that_are_not_a_range_are_rejected(self):
        self.assert_rejected("pages", volume="17", pages="see page twelve")

    def test_an_issue_needs_its_volume(self):
        self.assertIn("volume", self.assert_rejected("issue", issue="4"))

    def test_volume_placeholder_is_rejected(self):
        self.assert_rejected("volume", volume="TBC")

    def test_journal_pages_without_a_volume_stop_citing(self):
        reference = ReferenceFactory.build(pages="226-229")
        reference.full_clean()
        self.assertIn("volume", problems_for_publication(reference))

    def test_a_web_page_needs_no_volume_or_pages(self):
        reference = ReferenceFactory.build(
            kind=ReferenceKind.CONSUMER_HEALTH, doi="", url="https://example.org/hands"
        )
        reference.full_clean()
        self.assertEqual(problems_for_publication(reference), {})


class ReferenceDisplayTests(SimpleTestCase):
    def test_journal_volume_issue_and_pages_are_shown(self):
        reference = Reference(
            kind=ReferenceKind.STUDY,
            authors="Field, T",
            title="Hand pain is reduced by massage therapy",
            publisher="Complementary Therapies in Clinical Practice",
            year=2011,
            volume="17",
            issue="4",
            pages="226-229",
            doi="10.1016/j.ctcp.2011.02.006",
            accessed=CHECKED,
        )
        text = rendered(reference)
        self.assertIn("Complementary Therapies in Clinical Practice</span> ", text)
        self.assertIn('<span class="reference__volume">17</span>(4): 226\u2013229.', text)
        # A DOI does not move: when an editor last opened it tells the reader nothing.
        self.assertNotIn("Accessed", text)

    def test_a_web_source_shows_when_it_was_checked(self):
        reference = Reference(
            kind=ReferenceKind.CONSUMER_HEALTH,
            title="Looking after your hands",
            publisher="A health charity",
            year=2024,
            url="https://example.org/hands",
            accessed=CHECKED,
        )
        text = rendered(reference)
        self.assertIn("A health charity</span>.", text)
        self.assertIn("Accessed", text)
        self.assertIn("1 October 2026", text)

    def test_pages_without_a_volume_read_as_pages(self):
        reference = Reference(kind=ReferenceKind.GUIDELINE, title="Guideline", pages="12-19")
        self.assertIn("pp. 12\u201319.", rendered(reference))

    def test_narrative_reviews_are_not_called_systematic(self):
        reference = Reference(kind=ReferenceKind.NARRATIVE_REVIEW, title="A review", year=2016)
        self.assertEqual(reference.get_kind_display(), "Narrative review")
        self.assertFalse(reference.is_web_source)


class DemoReferenceTests(SimpleTestCase):
    def test_demo_narrative_reviews_are_labelled_as_such_and_journals_have_locators(self):
        from handcare.demo.content.references import REFERENCES

        kinds = {data["key"]: data["kind"] for data in REFERENCES}
        self.assertEqual(kinds["field-2016"], "narrative")
        self.assertEqual(kinds["embong-2015"], "narrative")
        for data in REFERENCES:
            with self.subTest(key=data["key"]):
                reference = Reference(**data)
                self.assertTrue(reference.volume and reference.pages)
                self.assertEqual(problems_for_publication(reference), {})
