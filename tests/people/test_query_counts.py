"""Profile pages and the people index cost the same few queries however many articles or people."""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from handcare.performance.shared_cache import bump_content_version
from tests.factories import (
    GuidePageFactory,
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    sign_off,
)
from tests.perf_content import image

# Navigation, the person, their photo's renditions, written, reviewed (and slack for the site).
BUDGET = 7


def summarise(queries):
    return "\n".join(f"  {n}. {query['sql'][:160]}" for n, query in enumerate(queries, 1))


@override_settings(HANDCARE_PAGE_CACHE=False)
class ProfileQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="articles")
        cls.few = PersonFactory(name="Few Articles", photo=image("Few"))
        cls.many = PersonFactory(name="Many Articles", photo=image("Many"))
        for person, count in ((cls.few, 1), (cls.many, 12)):
            for n in range(count):
                factory = GuidePageFactory if n % 2 else TechniquePageFactory
                page = factory(
                    parent=section,
                    title=f"{person.name} article {n}",
                    author=person,
                    hero_image=image(f"{person.name} {n}"),
                )
                sign_off(page, person, datetime.date(2025, 1, 1), datetime.date(2027, 1, 1))

    def capture(self, url):
        bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return queries.captured_queries, response

    def assert_same_cost(self, small_url, large_url, large_shows):
        self.capture(small_url)  # warm up: site, settings and renditions exist afterwards
        self.capture(large_url)
        small, _ = self.capture(small_url)
        self.assertLessEqual(len(small), BUDGET, summarise(small))
        bump_content_version()
        with self.assertNumQueries(len(small)):
            response = self.client.get(large_url)
        self.assertContains(response, large_shows)

    def test_a_profile_costs_the_same_with_many_articles(self):
        self.assert_same_cost(
            "/people/few-articles/", "/people/many-articles/", "Many Articles article 11<"
        )

    def test_the_index_costs_the_same_with_more_people(self):
        self.capture("/people/")
        small, _ = self.capture("/people/")
        self.assertLessEqual(len(small), BUDGET, summarise(small))
        for n in range(10):
            PersonFactory(name=f"Extra Person {n}", photo=image(f"Extra {n}"))
        self.capture("/people/")  # the new photos' renditions are made once
        bump_content_version()
        with self.assertNumQueries(len(small)):
            response = self.client.get("/people/")
        self.assertContains(response, "Extra Person 9<")

    def test_how_we_review_costs_a_fixed_few(self):
        self.capture("/how-we-review/")
        queries, _ = self.capture("/how-we-review/")
        self.assertLessEqual(len(queries), 3, summarise(queries))
