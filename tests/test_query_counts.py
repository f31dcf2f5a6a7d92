"""Public pages cost a fixed number of queries whatever their size: no query per item.

Two budgets per page. "Rendered" is the page built from the database: the memoised page data
and fragments are dropped first (a new content version, as after any publish), while the
site, privacy and route lookups stay cached as they are between requests. "Memoised" is the
same page again before anything changed. Both must hold for small and large content alike.
"""

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from handcare.performance.shared_cache import bump_content_version

from .factories import (
    AudienceFactory,
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)
from .perf_content import build_articles, image

SMALL, LARGE = 2, 12
# Queries for a page rendered from the database (nothing memoised), whatever its size.
RENDER_BUDGET = 10
# Queries for the same page while its memoised data is current: the page itself.
MEMO_BUDGET = 1


def summarise(queries):
    return "\n".join(f"  {n}. {query['sql'][:160]}" for n, query in enumerate(queries, 1))


# Rendering is what must not grow with content: with the page cache on, the warm-up request
# would be stored and every measured request would be a cache hit of no query at all.
@override_settings(HANDCARE_PAGE_CACHE=False)
class QueryCountTestCase(TestCase):
    def capture(self, url, data=None, memoised=False):
        if not memoised:
            bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, data)
        self.assertEqual(response.status_code, 200, url)
        return queries.captured_queries, response

    def assert_budget(
        self, small, large, large_shows, budget=RENDER_BUDGET, memo_budget=MEMO_BUDGET
    ):
        """small and large are (url, query string) pairs; both must cost the same queries,
        within budget when rendered and memo_budget when memoised.

        large_shows is HTML the large page must contain, proving it rendered all its items.
        """
        # Warm up first: the site, privacy settings and routes are cached after one hit.
        self.capture(*small)
        self.capture(*large)
        for memoised, limit in ((False, budget), (True, memo_budget)):
            if memoised:
                self.capture(*small, memoised=True)  # remember it, under the current version
            small_queries, _ = self.capture(*small, memoised=memoised)
            self.assertLessEqual(
                len(small_queries),
                limit,
                f"{small} {'memoised' if memoised else 'rendered'} ran:\n{summarise(small_queries)}",
            )
            if memoised:
                self.capture(*large, memoised=True)
            else:
                bump_content_version()
            try:
                with self.assertNumQueries(len(small_queries)):
                    response = self.client.get(*large)
            except AssertionError as error:
                raise AssertionError(
                    f"{large} and {small} should cost the same "
                    f"({'memoised' if memoised else 'rendered'}).\n{error}\n"
                    f"The smaller page ran:\n{summarise(small_queries)}"
                ) from None
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, large_shows)


class ListingQueryCountTests(QueryCountTestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.audience = AudienceFactory(slug="everyone")
        cls.small_audience = AudienceFactory(slug="few")
        cls.small = SectionPageFactory(parent=home, slug="small")
        cls.large = SectionPageFactory(parent=home, slug="large")
        reviewer = PersonFactory()
        for section, count, audience in (
            (cls.small, SMALL, cls.small_audience),
            (cls.large, LARGE, cls.audience),
        ):
            for n in range(count):
                page = TechniquePageFactory(
                    parent=section,
                    title=f"Searchable {section.slug} {n}",
                    reviewed_by=reviewer,
                    hero_image=image(f"Card {section.slug} {n}"),
                )
                page.audiences.add(audience)
                page.save()

    def test_section_page(self):
        self.assert_budget(
            (self.small.url, None), (self.large.url, None), f"Searchable large {LARGE - 1}<"
        )

    def test_audience_page(self):
        # A routed sub-page: found through the home page, then its audience, then memoised cards.
        self.assert_budget(
            ("/audiences/few/", None),
            ("/audiences/everyone/", None),
            f"Searchable large {LARGE - 1}<",
            memo_budget=3,
        )

    def test_home_page(self):
        # The home page lists the six latest: a site with more articles costs the same.
        self.capture("/")
        queries, response = self.capture("/")
        self.assertLessEqual(len(queries), RENDER_BUDGET, summarise(queries))
        self.assertContains(response, "<picture>", count=6)
        for n in range(LARGE):
            TechniquePageFactory(parent=self.large, title=f"More {n}", hero_image=image())
        with self.assertNumQueries(len(queries)):
            bump_content_version()
            self.client.get("/")
        self.capture("/", memoised=True)
        memoised, _ = self.capture("/", memoised=True)
        self.assertLessEqual(len(memoised), MEMO_BUDGET, summarise(memoised))

    def test_search_results(self):
        # Search is not memoised; a results page holds ten.
        self.capture("/search/", {"q": "small"})
        self.capture("/search/", {"q": "large"})
        small, _ = self.capture("/search/", {"q": "small"})
        bump_content_version()
        with self.assertNumQueries(len(small)):
            response = self.client.get("/search/", {"q": "large"})
        self.assertContains(response, f"{LARGE} results for")
        self.assertContains(response, "</mark>", count=20)  # title and snippet of all ten

    def test_filtered_search_results(self):
        # Filters, snippets, the count and the results' sections and reviewers cost nothing
        # per result: a filtered search of 12 matches costs what one of 2 does.
        params = {"section": ["small", "large"], "audience": ["few", self.audience.slug]}
        self.capture("/search/", {"q": "searchable", **params})
        small, _ = self.capture("/search/", {"q": "small", **params})
        bump_content_version()
        with self.assertNumQueries(len(small)):
            response = self.client.get("/search/", {"q": "large", **params})
        self.assertContains(response, "Page 1 of 2")


class ArticleQueryCountTests(QueryCountTestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.pages = {size: build_articles(home, size)[1] for size in (SMALL, LARGE)}

    def assert_same_for(self, kind):
        self.assert_budget(
            (self.pages[SMALL][kind].url, None),
            (self.pages[LARGE][kind].url, None),
            f'id="ref-{LARGE}"',
        )

    def test_technique_page(self):
        self.assert_same_for("technique")

    def test_guide_page(self):
        self.assert_same_for("guide")

    def test_reflexology_page(self):
        self.assert_same_for("reflexology")

    def test_sleep_article(self):
        self.assert_same_for("sleep")
