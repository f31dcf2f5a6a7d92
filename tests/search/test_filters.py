"""Search filters (section, audience, concern) through /search/: narrowing, combining, odd input."""

from django.apps import apps
from django.test import TestCase

from ..concerns.helpers import ConcernPageFactory, concern_index, tag
from ..factories import (
    AudienceFactory,
    GuidePageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)
from ..html import parse


class SearchFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.techniques = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
        cls.sleep = SectionPageFactory(parent=home, title="Sleep", slug="sleep")
        SectionPageFactory(parent=home, title="Hidden section", slug="hidden", live=False)
        cls.office = AudienceFactory(name="Office workers", slug="office-workers")
        cls.older = AudienceFactory(name="Older adults", slug="older-adults")
        cls.palm = TechniquePageFactory(parent=cls.techniques, title="Palm press zephyrine")
        cls.palm.audiences.add(cls.office)
        cls.palm.save()
        cls.thumb = TechniquePageFactory(parent=cls.techniques, title="Thumb walk zephyrine")
        cls.thumb.audiences.add(cls.older)
        cls.thumb.save()
        cls.night = GuidePageFactory(parent=cls.sleep, title="Night routine zephyrine")
        cls.night.audiences.add(cls.office, cls.older)
        cls.night.save()

    def found(self, **params):
        response = self.client.get("/search/", {"q": "zephyrine", **params})
        self.assertEqual(response.status_code, 200, params)
        return response, {page.pk for page in response.context["search_results"].object_list}

    def test_section_filter(self):
        response, found = self.found(section="techniques")
        self.assertEqual(found, {self.palm.pk, self.thumb.pk})
        self.assertContains(response, "2 results for")
        self.assertContains(response, "with your filters")

    def test_audience_filter(self):
        _, found = self.found(audience="office-workers")
        self.assertEqual(found, {self.palm.pk, self.night.pk})

    def test_filters_combine_with_each_other_and_the_query(self):
        _, found = self.found(section="techniques", audience="office-workers")
        self.assertEqual(found, {self.palm.pk})
        response = self.client.get("/search/", {"q": "palm", "audience": "older-adults"})
        self.assertEqual(response.context["search_results"].object_list, [])
        self.assertContains(response, "No articles matched your search with these filters.")

    def test_repeated_values_of_one_filter_mean_any_of_them(self):
        _, found = self.found(section=["techniques", "sleep"])
        self.assertEqual(found, {self.palm.pk, self.thumb.pk, self.night.pk})
        _, found = self.found(audience=["office-workers", "older-adults"], section="sleep")
        self.assertEqual(found, {self.night.pk})
        # The same value twice is one filter.
        response, found = self.found(section=["sleep", "sleep", "SLEEP"])
        self.assertEqual(found, {self.night.pk})
        self.assertEqual(len(response.context["active_filters"]), 1)

    def test_the_form_offers_live_choices_and_ticks_the_chosen_ones(self):
        response, _ = self.found(section="sleep")
        form = parse(response).find("form", class_="search-form")
        boxes = {
            box["value"]: box.has_attr("checked")
            for box in form.find_all("input", type="checkbox")
        }
        self.assertEqual(
            boxes,
            {
                "techniques": False,
                "sleep": True,
                "office-workers": False,
                "older-adults": False,
                **dict.fromkeys(self.concern_slugs(), False),
            },
        )
        self.assertEqual(form["method"], "get")
        # Every box has a label.
        for box in form.find_all("input", type="checkbox"):
            self.assertIsNotNone(form.find("label", attrs={"for": box["id"]}))

    def concern_slugs(self):
        try:
            model = apps.get_model("home", "ConcernPage")
        except LookupError:
            return []
        return list(model.objects.live().values_list("slug", flat=True))

    def test_active_filters_are_shown_with_a_way_to_remove_each(self):
        response, _ = self.found(section="techniques", audience="office-workers", page="1")
        box = parse(response).find(class_="search-active-filters")
        self.assertIn("Section: Techniques", " ".join(box.get_text().split()))
        self.assertIn("Audience: Office workers", " ".join(box.get_text().split()))
        links = [a["href"] for a in box.find_all("a")]
        self.assertIn("?q=zephyrine&audience=office-workers", links)
        self.assertIn("?q=zephyrine&section=techniques", links)
        self.assertIn("?q=zephyrine", links)  # clear all

    def test_pages_keep_the_filters(self):
        for n in range(12):
            TechniquePageFactory(parent=self.techniques, title=f"Extra zephyrine {n}")
        response, _ = self.found(section="techniques")
        self.assertContains(response, 'href="?q=zephyrine&amp;section=techniques&amp;page=2"')
        response, found = self.found(section="techniques", page="2")
        self.assertEqual(len(found), 4)
        self.assertNotIn(self.night.pk, found)

    def test_unknown_values_are_reported_not_applied(self):
        for params in (
            {"section": "nowhere"},
            {"section": "hidden"},  # not live: not a choice
            {"audience": "martians"},
            {"section": "' OR 1=1--"},
            {"section": "<b>x</b>"},
            {"audience": "\u202eevil\u202c"},
            {"section": "x" * 10_000},
            {"section": "techniques%00"},
            {"section": "no\x00where\x07"},
            {"concern": "nothing-like-it"},
        ):
            with self.subTest(params=params):
                response, found = self.found(**params)
                self.assertContains(response, "Some filters were not recognised")
                self.assertContains(response, "so it was not applied")
                self.assertEqual(found, {self.palm.pk, self.thumb.pk, self.night.pk})
                self.assertNotContains(response, "<b>x</b>")
                self.assertLess(len(response.content), 60_000)

    def test_known_and_unknown_values_together(self):
        response, found = self.found(section=["nowhere", "sleep"])
        self.assertEqual(found, {self.night.pk})
        self.assertContains(response, "We did not recognise the section “<bdi>nowhere</bdi>”")

    def test_an_empty_value_is_no_filter(self):
        response, found = self.found(section="", audience="  ")
        self.assertEqual(len(found), 3)
        self.assertEqual(response.context["active_filters"], [])
        self.assertNotContains(response, "not recognised")

    def test_results_show_type_section_and_reviewer(self):
        response, _ = self.found(section="sleep")
        item = parse(response).find(class_="search-result")
        text = " ".join(item.get_text().split())
        self.assertIn("Guide or article in Sleep", text)
        self.assertIn("Not yet reviewed", text)


class ConcernFilterTests(TestCase):
    """The concern filter: articles tagged with a concern page (home.ConcernPage)."""

    @classmethod
    def setUpTestData(cls):
        index = concern_index()
        cls.sleep_concern = ConcernPageFactory(parent=index, title="Sleep", slug="sleep-concern")
        cls.stress = ConcernPageFactory(parent=index, title="Stress", slug="stress")
        ConcernPageFactory(parent=index, title="Draft concern", slug="draft-concern", live=False)
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.tagged = GuidePageFactory(parent=section, title="Wind down quorbel")
        tag(cls.tagged, cls.sleep_concern)
        cls.both = TechniquePageFactory(parent=section, title="Desk release quorbel")
        tag(cls.both, cls.sleep_concern, cls.stress)
        cls.other = GuidePageFactory(parent=section, title="Desk stretch quorbel")

    def found(self, **params):
        response = self.client.get("/search/", {"q": "quorbel", **params})
        self.assertEqual(response.status_code, 200)
        return response, {page.pk for page in response.context["search_results"].object_list}

    def test_concern_filter(self):
        response, found = self.found(concern="sleep-concern")
        self.assertEqual(found, {self.tagged.pk, self.both.pk})
        self.assertContains(response, "Concern: <strong>Sleep</strong>")
        _, found = self.found(concern="stress")
        self.assertEqual(found, {self.both.pk})

    def test_repeated_concerns_and_other_filters(self):
        _, found = self.found(concern=["stress", "sleep-concern"], section="guides")
        self.assertEqual(found, {self.tagged.pk, self.both.pk})

    def test_only_live_concerns_are_choices(self):
        response, found = self.found(concern="draft-concern")
        self.assertContains(response, "We did not recognise the concern")
        self.assertEqual(len(found), 3)
        boxes = parse(response).find_all("input", attrs={"name": "concern"})
        self.assertEqual({box["value"] for box in boxes}, {"sleep-concern", "stress"})

    def test_sections_are_section_pages_only(self):
        response, _ = self.found()
        boxes = parse(response).find_all("input", attrs={"name": "section"})
        self.assertEqual({box["value"] for box in boxes}, {"guides"})
