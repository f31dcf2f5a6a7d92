"""Hostile reader input on /search/ (issue 8): every URL gets a normal page, never a 500.

Reader text must never reach a backend's query syntax (FTS5 on SQLite, tsquery on
PostgreSQL): each query here is also checked to find the article by its words.
"""

from urllib.parse import quote

from django.db import connection
from django.test import TestCase

from handcare.search.query import search_terms

from ..factories import GuidePageFactory, SectionPageFactory, home_page

WORD = "zygomorphic"

# Stop words of PostgreSQL's English configuration among the operators below.
STOP = {"and", "or", "not", "a"}

# Query syntax of either backend around the word, which must still find the article.
SYNTAX = [
    f'"{WORD}',  # the unbalanced double quote that answered 500 on SQLite
    f'{WORD}"',
    f'"{WORD}" OR "x',
    f"NEAR({WORD} knuckle)",
    f"NEAR({WORD}",
    f"{WORD} AND",
    f"OR {WORD}",
    f"{WORD} NOT",
    f"{WORD}*",
    f"*{WORD}",
    f"^{WORD}",
    f"title:{WORD}",
    f"body : {WORD}",
    f"{{title body}}: {WORD}",
    f"-{WORD}",
    f"+{WORD}",
    f"{WORD} & | ! ( ) :*",
    f"{WORD}:*A",
    f"({WORD}",
    f"{WORD}')--",
    f"{WORD}\\",
    f"{WORD}%_",
    f"\u202e{WORD}\u202c",
    f"\u2066{WORD}\u2069\u200f",
    f"\ufeff{WORD}\u200b",
    "ｚｙｇｏｍｏｒｐｈｉｃ",  # full-width letters (NFKC makes them the word)
    f"{WORD}\u0000",
    f"<b>{WORD}</b>",
]

# Input that matches nothing (or everything) but must still answer normally.
ODD = [
    '"a',
    '"',
    "",
    "   ",
    "*",
    "^",
    ":",
    "NEAR",
    "AND OR NOT",
    "' OR 1=1--",
    "'; DROP TABLE wagtailcore_page; --",
    "1 UNION SELECT password FROM auth_user",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "%",
    "\\",
    "\u202e\u2066\u200f",
    "🖐️👋",
    "مساج اليدين",
    "手のマッサージ",
    "a" * 100,
]


class HostileSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.page = GuidePageFactory(parent=section, title=f"{WORD.capitalize()} knuckle glide")

    def get_url(self, url):
        response = self.client.get(url)
        self.assertIn(response.status_code, {200, 400}, url)
        self.assertNotIn(b"<script>alert(1)</script>", response.content)
        self.assertNotIn(b"<img src=x", response.content)
        self.assertNotIn(b"<b>", response.content)
        return response

    def test_the_unbalanced_quote_from_the_issue(self):
        response = self.get_url("/search/?q=%22a")
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(response.context["search_results"])

    def test_query_syntax_is_searched_as_words(self):
        self.assertEqual(search_terms(f'"{WORD}'), [WORD])
        for query in SYNTAX:
            with self.subTest(query=query):
                response = self.get_url("/search/?q=" + quote(query))
                self.assertEqual(response.status_code, 200)
                found = [p.pk for p in response.context["search_results"].object_list]
                # Every word must match: operators such as OR and NEAR are words here
                # (PostgreSQL's text search configuration drops stop words such as "and").
                extra = set(search_terms(query)) - {WORD, "knuckle", "glide"}
                expected = not extra or (connection.vendor == "postgresql" and extra <= STOP)
                self.assertEqual(found, [self.page.pk] if expected else [])

    def test_odd_queries_get_a_normal_page(self):
        for query in ODD:
            with self.subTest(query=query):
                response = self.get_url("/search/?q=" + quote(query))
                self.assertEqual(response.status_code, 200)

    def test_ten_thousand_characters_is_a_clear_message(self):
        for query in ("a" * 10_000, f"{WORD} " * 1500, '"' * 10_000):
            with self.subTest(length=len(query)):
                response = self.get_url("/search/?q=" + quote(query))
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "characters or fewer", status_code=400)

    def test_odd_page_numbers_get_a_valid_page(self):
        for page in ("-1", "0", "abc", "99999", "1e3", "1.5", "%00", "²", "", " 2 ", "9" * 40):
            with self.subTest(page=page):
                response = self.get_url(f"/search/?q={WORD}&page=" + quote(page))
                self.assertEqual(response.status_code, 200)
                results = response.context["search_results"]
                self.assertEqual(results.number, 1)
                self.assertEqual([p.pk for p in results.object_list], [self.page.pk])

    def test_repeated_parameters(self):
        # The first q and the first page count; repeated filters are ORed (test_filters.py).
        response = self.get_url(f"/search/?q={WORD}&q=nothingatall&page=abc&page=2")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["search_query"], WORD)
        self.assertEqual(
            [p.pk for p in response.context["search_results"].object_list], [self.page.pk]
        )

    def test_hostile_filter_values(self):
        for value in ("'", '"', "<b>x</b>", "%00", "\u202e", "a" * 5000, "section", "NEAR(a)"):
            for name in ("section", "audience", "concern"):
                with self.subTest(name=name, value=value[:20]):
                    response = self.get_url(f"/search/?q={WORD}&{name}=" + quote(value))
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, "not recognised")
                    self.assertEqual(
                        [p.pk for p in response.context["search_results"].object_list],
                        [self.page.pk],
                    )
