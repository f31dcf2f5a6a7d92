"""Reader search, section pagination and audience pages through real URLs."""

from django.test import TestCase, override_settings

from .factories import (
    AudienceFactory,
    GuidePageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)
from .html import parse, text

MAX_LENGTH = 100


@override_settings(HANDCARE_SEARCH_MAX_LENGTH=MAX_LENGTH)
class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques")
        cls.live = TechniquePageFactory(parent=section, title="Zygomorphic knuckle glide")
        cls.draft = GuidePageFactory(parent=section, title="Zygomorphic draft guide", live=False)
        GuidePageFactory(parent=section, title="Palm circles")

    def test_finds_a_live_page_and_not_a_draft(self):
        response = self.client.get("/search/", {"q": "zygomorphic"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [page.pk for page in response.context["search_results"].object_list], [self.live.pk]
        )
        self.assertContains(response, self.live.url)
        self.assertNotContains(response, self.draft.title)

    def test_a_query_that_matches_nothing_says_so(self):
        response = self.client.get("/search/", {"q": "xylophone"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["search_results"].count, 0)
        self.assertContains(response, "0 results for")
        self.assertContains(response, "No articles matched your search.")

    def test_an_over_long_query_is_a_400_with_a_clear_message(self):
        response = self.client.get("/search/", {"q": "a" * (MAX_LENGTH + 1)})
        self.assertEqual(response.status_code, 400)
        self.assertContains(
            response, f"Please search with {MAX_LENGTH} characters or fewer.", status_code=400
        )
        self.assertIsNone(response.context["search_results"])

    def test_a_query_of_the_maximum_length_is_searched(self):
        response = self.client.get("/search/", {"q": "a" * MAX_LENGTH})
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(response.context["search_results"])

    def test_an_empty_query_shows_the_search_form(self):
        for query in ("", "   "):
            with self.subTest(query=query):
                response = self.client.get("/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertIsNone(response.context["search_results"])
                self.assertEqual(response.context["search_error"], "")
                self.assertIsNotNone(parse(response).find("input", attrs={"name": "q"}))

    def test_a_bad_results_page_number_falls_back(self):
        response = self.client.get("/search/", {"q": "zygomorphic", "page": "abc"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["search_results"].number, 1)


class SectionListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques")
        # 13 articles: one more than a listing page holds.
        cls.titles = [f"Technique {letter}" for letter in "ABCDEFGHIJKLM"]
        for title in cls.titles:
            TechniquePageFactory(parent=cls.section, title=title)

    def listed_titles(self, response):
        return [page.title for page in response.context["articles"].object_list]

    def test_first_page_lists_twelve_articles_in_title_order(self):
        response = self.client.get(self.section.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.listed_titles(response), self.titles[:12])

    def test_second_page_lists_the_rest(self):
        response = self.client.get(self.section.url, {"page": "2"})
        self.assertEqual(self.listed_titles(response), self.titles[12:])
        self.assertIn(self.titles[12], text(parse(response)))

    def test_a_page_number_that_is_not_a_number_gives_the_first_page(self):
        response = self.client.get(self.section.url, {"page": "abc"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.listed_titles(response), self.titles[:12])

    def test_a_page_number_past_the_end_gives_the_last_page(self):
        response = self.client.get(self.section.url, {"page": "999"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.listed_titles(response), self.titles[12:])


class AudiencePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.audience = AudienceFactory(name="Older adults", slug="older-adults")
        cls.for_audience = TechniquePageFactory(parent=section, title="Gentle palm press")
        cls.for_audience.audiences.add(cls.audience)
        cls.for_audience.save()
        cls.other = GuidePageFactory(parent=section, title="Desk stretches")

    def test_lists_the_articles_for_that_audience(self):
        response = self.client.get(f"/audiences/{self.audience.slug}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [page.pk for page in response.context["articles"].object_list], [self.for_audience.pk]
        )
        self.assertContains(response, "Gentle palm press")
        self.assertNotContains(response, "Desk stretches")

    def test_an_audience_that_does_not_exist_is_a_404(self):
        response = self.client.get("/audiences/no-such-audience/")
        self.assertEqual(response.status_code, 404)
