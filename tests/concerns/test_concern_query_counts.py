"""Concern pages and the home page's concern links cost the same queries whatever the content."""

from tests.factories import PersonFactory, SectionPageFactory, TechniquePageFactory, home_page
from tests.perf_content import image
from tests.test_query_counts import MEMO_BUDGET, RENDER_BUDGET, QueryCountTestCase, summarise

from .helpers import ConcernPageFactory, concern_index, tag

SMALL, LARGE = 2, 12


class ConcernQueryCountTests(QueryCountTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = concern_index()
        cls.few = ConcernPageFactory(parent=cls.index, slug="few")
        cls.many = ConcernPageFactory(parent=cls.index, slug="many")
        section = SectionPageFactory(parent=home_page(), slug="techniques")
        reviewer = PersonFactory()
        for concern, count in ((cls.few, SMALL), (cls.many, LARGE)):
            for n in range(count):
                page = TechniquePageFactory(
                    parent=section,
                    title=f"Listed {concern.slug} {n}",
                    reviewed_by=reviewer,
                    hero_image=image(f"Card {concern.slug} {n}"),
                )
                tag(page, concern)

    def test_concern_page(self):
        self.assert_budget(
            ("/concerns/few/", None), ("/concerns/many/", None), f"Listed many {LARGE - 1}<"
        )

    def test_concern_index(self):
        self.capture("/concerns/")
        small, _ = self.capture("/concerns/")
        self.assertLessEqual(len(small), RENDER_BUDGET, summarise(small))
        for n in range(LARGE):
            ConcernPageFactory(parent=self.index, title=f"Extra concern {n}")
        with self.assertNumQueries(len(small)):
            from handcare.performance.shared_cache import bump_content_version

            bump_content_version()
            response = self.client.get("/concerns/")
        self.assertContains(response, f"Extra concern {LARGE - 1}<")
        self.capture("/concerns/", memoised=True)
        memoised, _ = self.capture("/concerns/", memoised=True)
        self.assertLessEqual(len(memoised), MEMO_BUDGET, summarise(memoised))

    def test_home_page_with_more_concerns(self):
        self.capture("/")
        small, _ = self.capture("/")
        self.assertLessEqual(len(small), RENDER_BUDGET, summarise(small))
        for n in range(LARGE):
            ConcernPageFactory(parent=self.index, title=f"Extra concern {n}")
        from handcare.performance.shared_cache import bump_content_version

        bump_content_version()
        with self.assertNumQueries(len(small)):
            response = self.client.get("/")
        self.assertContains(response, f"Extra concern {LARGE - 1}<")
        self.capture("/", memoised=True)
        memoised, _ = self.capture("/", memoised=True)
        self.assertLessEqual(len(memoised), MEMO_BUDGET, summarise(memoised))
