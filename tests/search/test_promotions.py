"""Promoted results (wagtail.contrib.search_promotions): above the results, live public pages only."""

from django.test import TestCase
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from ..editorial.helpers import EDITORS, REVIEWERS, make_user
from ..factories import GuidePageFactory, SectionPageFactory, home_page
from ..html import parse


class PromotedResultTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.promoted = GuidePageFactory(
            parent=section,
            title="Start here: hand care basics",
            search_description="The basics, reviewed.",
        )
        cls.draft = GuidePageFactory(parent=section, title="Unpublished basics", live=False)
        cls.private = GuidePageFactory(parent=section, title="Members-only basics")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        for n in range(12):
            GuidePageFactory(parent=section, title=f"Arthritis note {n}")
        query = Query.objects.create(query_string="Arthritis")
        for order, page in enumerate((cls.draft, cls.promoted, cls.private)):
            SearchPromotion.objects.create(
                query=query, page=page, sort_order=order, description="Our editors' pick."
            )
        SearchPromotion.objects.create(
            query=query, external_link_url="https://example.com/", external_link_text="Elsewhere"
        )

    def promotions(self, **params):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200)
        return parse(response).find(class_="search-promotions")

    def test_shown_above_the_results_and_labelled(self):
        response = self.client.get("/search/", {"q": "arthritis"})
        html = response.content.decode()
        self.assertLess(html.index("search-promotions"), html.index("search-results"))
        box = parse(response).find(class_="search-promotions")
        self.assertIn("Recommended by our editors", box.get_text())
        self.assertEqual(
            [a.get_text() for a in box.find_all("a")], ["Start here: hand care basics"]
        )
        self.assertEqual(box.find("a")["href"], self.promoted.url)
        self.assertIn("Recommended", box.find(class_="badge").get_text())
        # The page's reviewed description; the promotion's own text is never reviewed.
        self.assertIn("The basics, reviewed.", box.get_text())
        self.assertNotIn("Our editors' pick.", box.get_text())

    def test_never_a_draft_a_private_page_or_an_external_link(self):
        box = self.promotions(q="arthritis")
        text = box.get_text()
        for hidden in ("Unpublished", "Members-only", "Elsewhere"):
            self.assertNotIn(hidden, text)

    def test_matched_however_the_reader_types_the_query(self):
        for query in ("ARTHRITIS", "  arthritis  ", "arthritis!"):
            with self.subTest(query=query):
                self.assertIsNotNone(self.promotions(q=query))

    def test_only_on_the_first_page_and_only_for_its_query(self):
        self.assertIsNone(self.promotions(q="arthritis", page="2"))
        self.assertIsNone(self.promotions(q="basics"))

    def test_a_reader_search_creates_no_query_rows(self):
        before = Query.objects.count()
        self.client.get("/search/", {"q": "something new"})
        self.assertEqual(Query.objects.count(), before)

    def test_a_new_promotion_shows_at_once(self):
        self.assertIsNone(self.promotions(q="basics"))
        query = Query.objects.create(query_string="basics")
        SearchPromotion.objects.create(query=query, page=self.promoted, sort_order=0)
        self.assertIsNotNone(self.promotions(q="basics"))


class EditorsPromoteResultsTests(TestCase):
    """Editors choose promoted results in the admin; Reviewers do not."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.page = GuidePageFactory(
            parent=section, title="Sleep basics", search_description="Reviewed basics."
        )

    def post_promotion(self, user):
        self.client.force_login(user)
        return self.client.post(
            reverse("wagtailsearchpromotions:add"),
            {
                "query_string": "sleep",
                "editors_picks-TOTAL_FORMS": 1,
                "editors_picks-INITIAL_FORMS": 0,
                "editors_picks-MAX_NUM_FORMS": 1000,
                "editors_picks-0-DELETE": "",
                "editors_picks-0-ORDER": 0,
                "editors_picks-0-page": self.page.pk,
                "editors_picks-0-description": "",
            },
        )

    def test_an_editor_adds_a_promotion_that_readers_then_see(self):
        editor = make_user("eddie", EDITORS)
        self.client.force_login(editor)
        self.assertEqual(
            self.client.get(reverse("wagtailsearchpromotions:index")).status_code, 200
        )
        response = self.post_promotion(editor)
        self.assertRedirects(response, reverse("wagtailsearchpromotions:index"))
        self.client.logout()
        box = parse(self.client.get("/search/", {"q": "Sleep"})).find(class_="search-promotions")
        self.assertIn("Sleep basics", box.get_text())

    def test_a_reviewer_may_not(self):
        response = self.post_promotion(make_user("rita", REVIEWERS))
        # Wagtail answers a refused admin request with a redirect to the dashboard.
        self.assertNotEqual(response.get("Location"), reverse("wagtailsearchpromotions:index"))
        self.assertFalse(SearchPromotion.objects.exists())
