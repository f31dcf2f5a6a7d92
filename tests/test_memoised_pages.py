"""Memoised article HTML and listings never outlive a change readers should see."""

import datetime

import time_machine

from django.test import RequestFactory, TestCase, override_settings

from handcare.performance.shared_cache import memo_key

from .factories import (
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    SectionPageFactory,
    home_page,
    paragraph_block,
    sign_off,
)


# The memo sits behind the full-page cache; with that on, a repeat would be a cache hit instead.
@override_settings(HANDCARE_PAGE_CACHE=False)
class MemoisedArticleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.reference = ReferenceFactory(title="The first title of the study")
        cls.page = GuidePageFactory(
            parent=cls.section,
            title="Warm hands",
            body=[paragraph_block(f"<p>Old wording [cite:{cls.reference.key}]</p>")],
            references=[cls.reference],
            next_review_due=datetime.date(2030, 1, 1),
        )

    def get(self, page=None):
        response = self.client.get((page or self.page).url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_repeat_request_is_served_from_memory(self):
        # The very first request also creates the site's publication settings (a new version).
        self.get()
        self.get()
        # The page itself is memoised with its data (performance/routing.py): no query.
        with self.assertNumQueries(0):
            html = self.get()
        self.assertIn("Old wording", html)

    def test_an_unpublished_page_is_gone_at_once(self):
        self.get()
        self.get()
        self.page.specific_class.objects.get(pk=self.page.pk).unpublish()
        self.assertEqual(self.client.get(self.page.url).status_code, 404)

    def test_a_new_slug_moves_the_page_at_once(self):
        self.get()
        old_url = self.page.url
        page = self.page.specific_class.objects.get(pk=self.page.pk)
        page.slug = "warm-hands-renamed"
        page.save_revision().publish()
        self.assertEqual(self.client.get(old_url).status_code, 404)
        self.assertIn("Old wording", self.get(page.specific_class.objects.get(pk=page.pk)))

    def test_a_published_revision_shows_at_once(self):
        self.get()
        page = self.page.specific_class.objects.get(pk=self.page.pk)
        page.body = [paragraph_block(f"<p>New wording [cite:{self.reference.key}]</p>")]
        page.save_revision().publish()
        html = self.get()
        self.assertIn("New wording", html)
        self.assertNotIn("Old wording", html)

    def test_a_draft_changes_nothing_but_its_approval_does(self):
        self.get()
        reference = type(self.reference).objects.get(pk=self.reference.pk)
        reference.title = "A corrected title of the study"
        revision = reference.save_revision()
        self.assertIn("The first title of the study", self.get())
        revision.publish()
        html = self.get()
        self.assertIn("A corrected title of the study", html)
        self.assertNotIn("The first title of the study", html)

    def test_a_sign_off_shows_the_new_byline(self):
        self.get()
        reviewer = PersonFactory(name="Dana Reviewer")
        sign_off(self.page, reviewer, datetime.date(2026, 1, 5), datetime.date(2028, 1, 5))
        self.assertIn("Reviewed by Dana Reviewer", self.get())

    def test_review_overdue_appears_on_the_day_it_falls_due(self):
        with time_machine.travel(datetime.datetime(2029, 12, 31, 12, tzinfo=datetime.UTC)):
            self.assertNotIn("Review overdue", self.get())
        with time_machine.travel(datetime.datetime(2030, 1, 2, 12, tzinfo=datetime.UTC)):
            self.assertIn("Review overdue", self.get())

    def test_a_new_article_appears_in_related_and_the_section(self):
        self.get()
        self.client.get(self.section.url)
        GuidePageFactory(parent=self.section, title="Cool hands")
        self.assertIn("Cool hands", self.get())
        self.assertIn("Cool hands", self.client.get(self.section.url).content.decode())

    def test_previews_and_other_instances_are_never_remembered(self):
        request = RequestFactory().get(self.page.url)
        request.is_preview = True
        context = self.page.get_context(request)
        self.assertIsNone(context["article_memo_key"])
        # Not the page Wagtail routed this request to (e.g. a revision being viewed).
        request = RequestFactory().get(self.page.url)
        self.assertIsNone(self.page.article_memo_key(request))

    def test_memo_keys_change_with_the_date(self):
        with time_machine.travel(datetime.datetime(2030, 1, 1, 12, tzinfo=datetime.UTC)):
            first = memo_key("x")
        with time_machine.travel(datetime.datetime(2030, 1, 2, 12, tzinfo=datetime.UTC)):
            self.assertNotEqual(first, memo_key("x"))


class CachedPrivacyTests(TestCase):
    """The cached privacy settings follow a new restriction at once, in pages and listings."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), slug="private-ish")
        cls.page = GuidePageFactory(parent=cls.section, title="Members only guide")

    def test_a_new_restriction_hides_the_page_and_its_card(self):
        from wagtail.models import PageViewRestriction

        self.assertContains(self.client.get(self.page.url), "Members only guide")
        self.assertContains(self.client.get(self.section.url), "Members only guide")
        PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
        response = self.client.get(self.page.url)
        self.assertNotContains(response, 'class="article-header__title"', status_code=200)
        self.assertContains(response, 'name="password"')
        self.assertNotContains(self.client.get(self.section.url), "Members only guide")
