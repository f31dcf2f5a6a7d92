"""Every page type routes and renders, and the page tree only allows the intended shape."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from handcare.articles.models import GuidePage
from handcare.contact.models import ContactPage
from handcare.info.models import InfoPage
from handcare.reflexology.models import ReflexologyPage
from home.models import ConcernIndexPage, HomePage, SectionPage
from techniques.models import TechniquePage

from .factories import AudienceFactory, build_site

ARTICLE_MODELS = (TechniquePage, GuidePage, ReflexologyPage)


class PageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.audience = AudienceFactory(name="Office workers", slug="office-workers")
        cls.site.technique.audiences.add(cls.audience)
        cls.site.technique.save()

    def pages(self):
        return {
            "home": self.site.home,
            "section": self.site.sections["techniques"],
            "technique": self.site.technique,
            "guide": self.site.guide,
            "reflexology": self.site.reflexology,
        }

    def test_every_page_type_is_routable(self):
        for name, page in self.pages().items():
            with self.subTest(page=name):
                self.assertPageIsRoutable(page)

    def test_every_page_type_is_renderable(self):
        for name, page in self.pages().items():
            with self.subTest(page=name):
                self.assertPageIsRenderable(page)

    def test_home_page_audience_route(self):
        route = f"audiences/{self.audience.slug}/"
        self.assertPageIsRoutable(self.site.home, route)
        self.assertPageIsRenderable(self.site.home, route)
        response = self.client.get(f"/audiences/{self.audience.slug}/")
        self.assertContains(response, self.site.technique.title)
        self.assertNotContains(response, self.site.guide.title)


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(SectionPage, HomePage)
        for model in ARTICLE_MODELS:
            self.assertCanNotCreateAt(model, HomePage)

    def test_home_page_is_a_singleton(self):
        root = Page.get_first_root_node()
        self.assertCanCreateAt(Page, HomePage)
        # The migration's HomePage already exists, so max_count=1 blocks a second one.
        self.assertFalse(HomePage.can_create_at(root))

    def test_sections_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertAllowedSubpageTypes(
            HomePage, {SectionPage, ConcernIndexPage, InfoPage, ContactPage}
        )
        self.assertCanCreateAt(HomePage, SectionPage)
        self.assertCanNotCreateAt(SectionPage, SectionPage)
        self.assertCanNotCreateAt(Page, SectionPage)

    def test_info_pages_only_under_the_home_page_without_children(self):
        self.assertAllowedParentPageTypes(InfoPage, {HomePage})
        self.assertAllowedSubpageTypes(InfoPage, set())
        self.assertCanCreateAt(HomePage, InfoPage)
        self.assertCanNotCreateAt(SectionPage, InfoPage)

    def test_articles_only_under_sections(self):
        self.assertAllowedSubpageTypes(SectionPage, set(ARTICLE_MODELS))
        for model in ARTICLE_MODELS:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {SectionPage})
                self.assertCanCreateAt(SectionPage, model)
                self.assertCanNotCreateAt(HomePage, model)
                self.assertCanNotCreateAt(Page, model)

    def test_articles_have_no_children(self):
        for parent in ARTICLE_MODELS:
            with self.subTest(model=parent.__name__):
                self.assertAllowedSubpageTypes(parent, set())
                for child in (SectionPage, *ARTICLE_MODELS):
                    self.assertCanNotCreateAt(parent, child)
