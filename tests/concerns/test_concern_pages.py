"""Concern landing pages: /concerns/ lists the concerns, each concern lists its live articles."""

from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings

from home.models import ConcernIndexPage, ConcernPage, HomePage, SectionPage
from tests.factories import SectionPageFactory, TechniquePageFactory, home_page

from .helpers import ConcernPageFactory, concern_index, tag


@override_settings(HANDCARE_PAGE_CACHE=False)
class ConcernPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = concern_index()
        cls.stress = ConcernPageFactory(parent=cls.index, title="Stress", slug="stress")
        cls.sleep = ConcernPageFactory(parent=cls.index, title="Sleep", slug="sleep")
        cls.section = SectionPageFactory(parent=home_page(), slug="techniques")

    def test_concern_index_lists_live_concerns(self):
        draft = ConcernPageFactory(parent=self.index, title="Unfinished concern", live=False)
        response = self.client.get("/concerns/")
        self.assertContains(response, 'href="/concerns/stress/"')
        self.assertContains(response, "Articles for Stress.")
        self.assertContains(response, 'href="/concerns/sleep/"')
        self.assertNotContains(response, draft.title)

    def test_concern_page_lists_only_live_tagged_articles(self):
        tagged = TechniquePageFactory(parent=self.section, title="Tagged palm press")
        tag(tagged, self.stress)
        TechniquePageFactory(parent=self.section, title="Untagged thumb walk")
        unpublished = TechniquePageFactory(parent=self.section, title="Withdrawn glide")
        tag(unpublished, self.stress)
        unpublished.unpublish()
        response = self.client.get("/concerns/stress/")
        self.assertContains(response, '<h1 class="page-header__title">Stress</h1>', html=True)
        self.assertContains(response, "Tagged palm press")
        self.assertNotContains(response, "Untagged thumb walk")
        self.assertNotContains(response, "Withdrawn glide")
        self.assertNotContains(self.client.get("/concerns/sleep/"), "Tagged palm press")

    def test_concern_page_paginates(self):
        for n in range(13):
            tag(
                TechniquePageFactory(parent=self.section, title=f"Stress article {n:02}"),
                self.stress,
            )
        first = self.client.get("/concerns/stress/")
        self.assertContains(first, "Stress article 11")
        self.assertNotContains(first, "Stress article 12")
        second = self.client.get("/concerns/stress/", {"page": "2"})
        self.assertContains(second, "Stress article 12")
        # A bad ?page= is page 1, not an error.
        self.assertContains(
            self.client.get("/concerns/stress/", {"page": "x'1"}), "Stress article 00"
        )

    def test_introduction_has_no_cite_control(self):
        # Claims and their sources belong in the reviewed articles the concern lists.
        features = ConcernPage._meta.get_field("introduction").features
        self.assertNotIn("cite", features)

    def test_review_box_shows_on_concern(self):
        self.assertContains(self.client.get("/concerns/stress/"), "Not yet reviewed")


class ConcernTreeRulesTests(TestCase):
    def test_where_concern_pages_go(self):
        self.assertIn(ConcernIndexPage, HomePage.allowed_subpage_models())
        self.assertEqual(ConcernIndexPage.allowed_subpage_models(), [ConcernPage])
        self.assertEqual(ConcernPage.allowed_parent_page_models(), [ConcernIndexPage])
        self.assertNotIn(ConcernIndexPage, SectionPage.allowed_subpage_models())

    def test_one_concern_index_at_concerns(self):
        index = concern_index()
        self.assertEqual(index.url, "/concerns/")
        self.assertFalse(ConcernIndexPage.can_create_at(home_page()))
        index.slug = "worries"
        with self.assertRaises(ValidationError):
            index.full_clean()

    def test_articles_have_concern_checkboxes(self):
        from handcare.articles.models import GuidePage
        from handcare.reflexology.models import ReflexologyPage
        from techniques.models import TechniquePage

        for model in (TechniquePage, GuidePage, ReflexologyPage):
            field = model._meta.get_field("concerns")
            self.assertIs(field.related_model, ConcernPage)
