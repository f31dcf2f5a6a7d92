"""Reference validation: what can never be saved, and what stops an article being published."""

from django.core.exceptions import ValidationError
from django.test import TestCase

from handcare.references.models import Reference, ReferenceKind
from handcare.references.validation import (
    find_placeholder,
    normalise_doi,
    problems_for_publication,
)

from .factories import ReferenceFactory


class ReferenceCleanTests(TestCase):
    def assert_rejected(self, field, **values):
        reference = ReferenceFactory.build(**values)
        with self.assertRaises(ValidationError) as caught:
            reference.full_clean()
        self.assertIn(field, caught.exception.message_dict)
        return caught.exception.message_dict[field]

    def test_a_complete_reference_is_valid(self):
        ReferenceFactory.build().full_clean()

    def test_malformed_doi_is_rejected(self):
        messages = self.assert_rejected("doi", doi="doi-is-not-this")
        self.assertIn("malformed", messages[0])

    def test_doi_without_a_suffix_is_rejected(self):
        self.assert_rejected("doi", doi="10.1016/")

    def test_year_placeholder_is_rejected(self):
        messages = self.assert_rejected("authors", authors="Smith, A. (Year)")
        self.assertIn("(Year)", messages[0])

    def test_title_placeholder_is_rejected(self):
        messages = self.assert_rejected(
            "title", title="[Title of the study on hand massage and sleep]"
        )
        self.assertIn("placeholder", messages[0])

    def test_bare_field_name_as_publisher_is_rejected(self):
        self.assert_rejected("publisher", publisher="Journal")

    def test_future_year_is_rejected(self):
        self.assert_rejected("year", year=2099)

    def test_doi_resolver_prefix_is_stripped(self):
        for given in (
            "https://doi.org/10.1016/j.ctcp.2016.01.003",
            "  http://doi.org/10.1016/j.ctcp.2016.01.003 ",
            "https://dx.doi.org/10.1016/j.ctcp.2016.01.003",
            "doi:10.1016/j.ctcp.2016.01.003",
        ):
            with self.subTest(given=given):
                reference = ReferenceFactory.build(doi=given)
                reference.full_clean()
                self.assertEqual(reference.doi, "10.1016/j.ctcp.2016.01.003")
                self.assertEqual(reference.link, "https://doi.org/10.1016/j.ctcp.2016.01.003")

    def test_normalised_doi_is_what_gets_saved(self):
        reference = ReferenceFactory.build(doi="https://doi.org/10.5555/abc.1")
        reference.full_clean()
        reference.save()
        self.assertEqual(Reference.objects.get(pk=reference.pk).doi, "10.5555/abc.1")

    def test_helpers_directly(self):
        self.assertEqual(normalise_doi(None), "")
        self.assertEqual(find_placeholder("A real title"), "")
        self.assertEqual(find_placeholder("Published (n.d.)"), "(n.d.)")


class PublicationProblemsTests(TestCase):
    def test_complete_study_has_no_problems(self):
        self.assertEqual(problems_for_publication(ReferenceFactory.build()), {})

    def test_missing_title_year_and_location_are_flagged(self):
        reference = Reference(key="bare", kind=ReferenceKind.STUDY)
        problems = problems_for_publication(reference)
        self.assertEqual(set(problems), {"title", "year", "url"})
        self.assertEqual(reference.publication_problems(), problems)

    def test_a_url_alone_is_enough_to_find_it(self):
        reference = ReferenceFactory.build(doi="", url="https://example.org/guideline")
        self.assertNotIn("url", problems_for_publication(reference))

    def test_personal_account_is_never_evidence(self):
        reference = ReferenceFactory.build(kind=ReferenceKind.PERSONAL_ACCOUNT)
        self.assertTrue(reference.is_personal_account)
        self.assertEqual(set(problems_for_publication(reference)), {"kind"})

    def test_placeholders_and_bad_doi_are_flagged_too(self):
        reference = ReferenceFactory.build(title="TBC", doi="not-a-doi")
        self.assertEqual(set(problems_for_publication(reference)), {"title", "doi"})
