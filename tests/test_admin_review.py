"""Review dates through the real admin edit view, as a superuser editing a guide would."""

import datetime

from django.test import TestCase

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from handcare.articles.blocks import RICH_TEXT_FEATURES
from handcare.articles.models import GuidePage

from .factories import (
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    SectionPageFactory,
    UserFactory,
    home_page,
)


class GuideAdminEditTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page())
        cls.reference = ReferenceFactory()
        cls.page = GuidePageFactory(
            parent=cls.section,
            title="Original title",
            reviewed_by=PersonFactory(),
            last_reviewed=datetime.date(2025, 1, 15),
            next_review_due=datetime.date(2026, 1, 15),
            references=[cls.reference],
        )
        cls.superuser = UserFactory(superuser=True)

    def setUp(self):
        self.client.force_login(self.superuser)
        self.url = f"/admin/pages/{self.page.pk}/edit/"

    def publish_data(self, **extra):
        """The edit form as the browser submits it, with the Publish button pressed."""
        link = self.page.article_references.get()
        data = nested_form_data(
            {
                "title": "Changed title",
                "slug": self.page.slug,
                "summary": "A changed summary.",
                "hero_image": "",
                "hero_caption": "",
                "author": "",
                "body": streamfield(
                    [
                        ("heading", {"text": "Overview", "level": "h2"}),
                        (
                            "paragraph",
                            rich_text(
                                f"<p>Changed text [cite:{self.reference.key}]</p>",
                                features=RICH_TEXT_FEATURES,
                            ),
                        ),
                    ]
                ),
                "article_references": inline_formset(
                    [{"reference": self.reference.pk, "id": link.pk}], initial=1
                ),
                "comments": inline_formset([]),
                "seo_title": "",
                "search_description": "",
                "go_live_at": "",
                "expire_at": "",
                "action-publish": "action-publish",
            }
        )
        data.update(extra)
        return data

    def test_a_valid_edit_is_published(self):
        response = self.client.post(self.url, self.publish_data())
        self.assertRedirects(
            response, f"/admin/pages/{self.section.pk}/", fetch_redirect_response=False
        )
        self.page.refresh_from_db()
        self.assertEqual(self.page.title, "Changed title")

    def test_review_dates_cannot_be_typed_in_the_editor(self):
        # Only the review workflow sets them; posted values are ignored, valid or not.
        data = self.publish_data(last_reviewed="2025-03-01", next_review_due="2025-02-01")
        del data["action-publish"]  # save a draft, so nothing publishes or withdraws the review
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.url, fetch_redirect_response=False)
        self.page.refresh_from_db()
        draft = self.page.get_latest_revision().as_object()
        self.assertEqual(draft.title, "Changed title")
        self.assertEqual(draft.last_reviewed, datetime.date(2025, 1, 15))
        self.assertEqual(draft.next_review_due, datetime.date(2026, 1, 15))
        self.assertEqual(self.page.last_reviewed, datetime.date(2025, 1, 15))
        self.assertEqual(self.page.next_review_due, datetime.date(2026, 1, 15))

    def assert_error_shown_and_nothing_saved(self, message):
        response = self.client.post(self.url, self.publish_data())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertFalse(response.context["form"].is_valid())
        self.page.refresh_from_db()
        self.assertEqual(self.page.title, "Original title")
        self.assertEqual(self.page.get_latest_revision(), None)

    def test_stored_next_review_before_last_review_is_reported(self):
        GuidePage.objects.filter(pk=self.page.pk).update(next_review_due=datetime.date(2025, 1, 1))
        self.assert_error_shown_and_nothing_saved(
            "The next review must be due after the last review"
        )

    def test_stored_reviewer_without_review_date_is_reported(self):
        GuidePage.objects.filter(pk=self.page.pk).update(last_reviewed=None)
        self.assert_error_shown_and_nothing_saved("Give the date the reviewer signed this off.")
