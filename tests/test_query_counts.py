"""Public pages cost the same number of queries whatever their size: no query per item."""

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from .factories import (
    AudienceFactory,
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    TechniquePageFactory,
    faq_block,
    heading_block,
    home_page,
    paragraph_block,
    step_block,
)

SMALL, LARGE = 2, 12


def summarise(queries):
    return "\n".join(f"  {n}. {query['sql'][:160]}" for n, query in enumerate(queries, 1))


# Rendering is what must not grow with content: with the page cache on, the warm-up request
# would be stored and every measured request would be a cache hit of no query at all.
@override_settings(HANDCARE_PAGE_CACHE=False)
class QueryCountTestCase(TestCase):
    def capture(self, url, data=None):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, data)
        self.assertEqual(response.status_code, 200, url)
        return queries.captured_queries, response

    def assert_same_query_count(self, small, large, large_shows):
        """small and large are (url, query string) pairs; both must cost the same queries.

        large_shows is HTML the large page must contain, proving it rendered all its items.
        """
        # Warm up first: site root paths, settings and content types are cached after one hit.
        self.capture(*small)
        self.capture(*large)
        small_queries, _ = self.capture(*small)
        try:
            with self.assertNumQueries(len(small_queries)):
                response = self.client.get(*large)
        except AssertionError as error:
            raise AssertionError(
                f"{large} and {small} should cost the same.\n{error}\n"
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
                    parent=section, title=f"Searchable {section.slug} {n}", reviewed_by=reviewer
                )
                page.audiences.add(audience)
                page.save()

    def test_section_page(self):
        self.assert_same_query_count(
            (self.small.url, None), (self.large.url, None), f"Searchable large {LARGE - 1}<"
        )

    def test_audience_page(self):
        self.assert_same_query_count(
            ("/audiences/few/", None),
            ("/audiences/everyone/", None),
            f"Searchable large {LARGE - 1}<",
        )

    def test_search_results(self):
        # A results page holds ten; results are not counted, so the first page says "more than".
        self.assert_same_query_count(
            ("/search/", {"q": "small"}), ("/search/", {"q": "large"}), "More than 10 results"
        )


class ArticleQueryCountTests(QueryCountTestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        author, reviewer = PersonFactory(), PersonFactory()
        cls.pages = {}
        for size in (SMALL, LARGE):
            # Each size gets its own section, so both have the same related articles around them.
            section = SectionPageFactory(parent=home, slug=f"size-{size}")
            linked = TechniquePageFactory(parent=section, title=f"Linked technique {size}")
            refs = ReferenceFactory.create_batch(size)
            cites = [f"[cite:{ref.key}]" for ref in refs]
            audiences = AudienceFactory.create_batch(size)
            common = {"author": author, "reviewed_by": reviewer, "references": refs}
            technique = TechniquePageFactory(
                parent=section,
                steps=[
                    step_block(f"Step {n}", f"<p>Do it {cite}</p>", technique=linked.pk)
                    for n, cite in enumerate(cites)
                ],
                faqs=[
                    faq_block(f"Question {n}", f"<p>{cite}</p>") for n, cite in enumerate(cites)
                ],
                common_mistakes=[
                    {"type": "mistake", "value": f"Mistake {cite}"} for cite in cites
                ],
                **common,
            )
            guide = GuidePageFactory(
                parent=section,
                body=[
                    block
                    for n, cite in enumerate(cites)
                    for block in (heading_block(f"Part {n}"), paragraph_block(f"<p>{cite}</p>"))
                ],
                **common,
            )
            reflexology = ReflexologyPageFactory(
                parent=section,
                evidence_summary=f"<p>{' '.join(cites)}</p>",
                points=[
                    ReflexologyPointFactory(evidence_note=f"Claimed {cite}") for cite in cites
                ],
                **common,
            )
            for page in (technique, guide, reflexology):
                page.audiences.set(audiences)
                page.save()
            cls.pages[size] = {"technique": technique, "guide": guide, "reflexology": reflexology}

    def assert_same_for(self, kind):
        self.assert_same_query_count(
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
