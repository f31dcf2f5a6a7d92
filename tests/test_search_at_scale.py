"""Reader search stays one indexed query per page: fixed query counts, no COUNT, safe input.

Query counts are fixed numbers, the same for 3 or 30 matches and for any results page; the
query plan is checked to use the full-text index (FTS5 on SQLite, this app's GIN index on
PostgreSQL); reader text that is query syntax on either backend is searched as words.
"""

import io
import re
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.search.models import IndexEntry

from handcare.search.indexing import index_pages_in_bulk
from handcare.search.query import MAX_PAGE, RANK_CANDIDATES, page_number, search_terms

from .factories import GuidePageFactory, SectionPageFactory, TechniquePageFactory, home_page

# View restrictions (public()), the ranked ids, and the pages shown (all types in one query);
# the layout's site, restrictions and sections come from handcare/performance's cached lookups.
SEARCH_QUERIES = 3


class SearchAtScaleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        # "few" matches 3 articles, "many" 30 (three pages): guides and techniques in turn.
        for word, count in (("fewword", 3), ("manyword", 30)):
            for n in range(count):
                factory = GuidePageFactory if n % 2 else TechniquePageFactory
                factory(parent=section, title=f"Quillwort {word} {n:02d}")
        GuidePageFactory(parent=section, title="Quillwort manyword draft", live=False)

    def get(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200, params)
        return response

    def test_fixed_number_of_queries_whatever_the_results(self):
        self.get(q="warm up")  # content types and the site root are cached after one request
        for params in (
            {"q": "fewword"},
            {"q": "manyword"},
            {"q": "manyword", "page": "2"},
            {"q": "manyword", "page": "3"},
            {"q": "quillwort"},
        ):
            with self.subTest(**params), self.assertNumQueries(SEARCH_QUERIES):
                response = self.get(**params)
            self.assertTrue(response.context["search_results"].object_list)

    def test_no_count_of_every_match(self):
        # The only count is of the bounded candidates the ranking reads (RANK_CANDIDATES).
        with CaptureQueriesContext(connection) as queries:
            self.get(q="manyword")
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        self.assertEqual(len(counts), 1, counts)
        self.assertIn("COUNT(*) FROM candidates", counts[0])
        self.assertIn(f"LIMIT {RANK_CANDIDATES}", counts[0])

    def test_pages_know_whether_another_follows(self):
        first = self.get(q="manyword")
        results = first.context["search_results"]
        self.assertEqual(len(results.object_list), 10)
        self.assertTrue(results.has_next)
        self.assertContains(first, "30 results for")
        self.assertContains(first, "Page 1 of 3")
        self.assertContains(first, 'href="?q=manyword&amp;page=2"')
        last = self.get(q="manyword", page="3")
        self.assertFalse(last.context["search_results"].has_next)
        # The last page knows the exact total without counting.
        self.assertContains(last, "30 results for")
        self.assertNotContains(last, "Quillwort manyword draft")
        titles = [
            page.title
            for number in ("1", "2", "3")
            for page in self.get(q="manyword", page=number).context["search_results"].object_list
        ]
        self.assertEqual(len(titles), 30)
        self.assertEqual(len(set(titles)), 30)

    def test_a_page_past_the_end_shows_the_last_page(self):
        response = self.get(q="fewword", page="7")
        self.assertEqual(response.context["search_results"].number, 1)
        self.assertEqual(len(response.context["search_results"].object_list), 3)
        self.assertContains(response, "3 results for")
        response = self.get(q="manyword", page="39")
        self.assertEqual(response.context["search_results"].number, 3)
        self.assertContains(response, "Page 3 of 3")

    def test_counts_stop_at_the_ranked_candidates(self):
        # Beyond the bound the page says "at least", never a number it did not count.
        with mock.patch("handcare.search.query.RANK_CANDIDATES", 12):
            response = self.get(q="manyword")
        self.assertContains(response, "At least 12 results for")
        self.assertNotContains(response, "30 results")

    def test_the_query_plan_uses_the_full_text_index(self):
        with CaptureQueriesContext(connection) as queries:
            self.get(q="manyword")
        if connection.vendor == "sqlite":
            sql = next(q["sql"] for q in queries if " MATCH " in q["sql"])
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
            self.assertRegex(plan, r"SCAN (f|wagtailsearch_indexentry_fts) VIRTUAL TABLE INDEX")
            # The quadratic shape (a correlated FTS subquery per row) is gone.
            self.assertNotIn("CORRELATED", plan)
        elif connection.vendor == "postgresql":
            sql = next(q["sql"] for q in queries if "candidates" in q["sql"])
            with connection.cursor() as cursor:
                # The tables are tiny; forbid sequential scans to see whether the index fits.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql.replace("%", "%%"))
                plan = " | ".join(row[0] for row in cursor.fetchall())
            self.assertIn("handcare_search_entry_vector_gin", plan)
        else:
            self.skipTest(f"no full-text index check for {connection.vendor}")


class HostileSearchInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.page = GuidePageFactory(parent=section, title="Zygomorphic knuckle glide")

    def test_query_syntax_is_searched_as_words(self):
        for query in (
            '"zygomorphic',
            'zygomorphic"',
            "zygomorphic*",
            "zygomorphic:*",
            "zygomorphic & !knuckle",
            "title:zygomorphic",
            "(zygomorphic) knuckle)",
            "(zygomorphic",
            "zygomorphic'",
            "zygomorphic\\",
            "zygomorphic%%",
            "zygomorphic -- ; DROP TABLE wagtailcore_page",
            "<zygomorphic>",
            "\u202ezygomorphic\u202c",
            "ZYGOMORPHIC",
        ):
            with self.subTest(query=query):
                response = self.client.get("/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                found = [p.pk for p in response.context["search_results"].object_list]
                # Every word must match: "not", "drop", "title" are words here, not operators.
                expected = [] if re.search("DROP|title", query) else [self.page.pk]
                self.assertEqual(found, expected)

    def test_odd_input_gets_a_normal_page(self):
        for params in (
            {"q": '"a'},
            {"q": '"'},
            {"q": "*"},
            {"q": "&|!():*'\"\\%_"},
            {"q": '"zygomorphic" OR "x'},
            {"q": "NEAR(zygomorphic knuckle)"},
            {"q": "zygomorphic%s%%"},
            {"q": "<b>zygomorphic</b>"},
            {"q": "zygomorphic AND NOT knuckle"},
            {"q": "🖐️👋"},
            {"q": "\u202e\u2066\u200f"},
            {"q": "' OR 1=1--"},
            {"q": "<script>alert(1)</script>"},
            {"q": " ".join(["a"] * 50)},
            {"q": "zygomorphic", "page": "-1"},
            {"q": "zygomorphic", "page": "abc"},
            {"q": "zygomorphic", "page": "0"},
            {"q": "zygomorphic", "page": "99999999999999999999"},
            {"q": "zygomorphic", "page": "1e9"},
            {"q": ["knuckle", "zygomorphic"], "page": ["2", "x"]},
        ):
            with self.subTest(params=params):
                response = self.client.get("/search/", params)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn(b"<script>alert(1)</script>", response.content)
                self.assertIsNotNone(response.context["search_results"])

    def test_ten_thousand_characters_is_a_clear_400(self):
        response = self.client.get("/search/", {"q": "a" * 10_000})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "characters or fewer", status_code=400)

    def test_terms_are_words_only_and_bounded(self):
        self.assertEqual(search_terms('"a b* c:d NEAR(e)'), ["a", "b", "c", "d", "near", "e"])
        self.assertEqual(len(search_terms(" ".join(f"w{n}" for n in range(40)))), 12)
        for term in search_terms("&|!():*'\"\\%_ x-y \u202eq"):
            self.assertRegex(term, re.compile(r"^[^\W_]+$"))

    def test_huge_page_numbers_are_capped(self):
        self.assertEqual(page_number(str(10**30)), MAX_PAGE)
        # Past the last page (here the only one), the last page is shown.
        response = self.client.get("/search/", {"q": "zygomorphic", "page": str(10**30)})
        self.assertEqual(response.context["search_results"].number, 1)
        self.assertEqual(len(response.context["search_results"].object_list), 1)


class BulkIndexingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.pages = [GuidePageFactory(parent=section, title=f"Bulkword {n}") for n in range(3)]

    def found(self):
        response = self.client.get("/search/", {"q": "bulkword"})
        return {page.pk for page in response.context["search_results"].object_list}

    def test_bulk_indexing_then_statistics(self):
        IndexEntry.objects.filter(object_id__in=[str(page.pk) for page in self.pages]).delete()
        self.assertEqual(self.found(), set())
        self.assertEqual(index_pages_in_bulk(self.pages), 3)
        out = io.StringIO()
        call_command("refresh_search_statistics", stdout=out)
        self.assertIn("wagtailsearch_indexentry", out.getvalue())
        self.assertEqual(self.found(), {page.pk for page in self.pages})


class RankCandidateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.live = [GuidePageFactory(parent=section, title=f"Boundword {n}") for n in range(3)]
        # Newer matches a reader may not see must not use up the ranked candidates.
        for n in range(3):
            GuidePageFactory(parent=section, title=f"Boundword draft {n}", live=False)

    def test_the_candidate_bound_counts_only_visible_matches(self):
        with mock.patch("handcare.search.query.RANK_CANDIDATES", 2):
            response = self.client.get("/search/", {"q": "boundword"})
        found = {page.pk for page in response.context["search_results"].object_list}
        # Two candidates are ranked: both are live articles, none a draft.
        self.assertEqual(len(found), 2)
        self.assertLessEqual(found, {page.pk for page in self.live})
