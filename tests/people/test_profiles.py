"""Profile pages at /people/<slug>/ and the /people/ index: live profiles only, with their articles."""

import datetime

from django.test import TestCase, override_settings

from handcare.people.models import Person
from tests.factories import (
    GuidePageFactory,
    PersonFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    sign_off,
)


@override_settings(HANDCARE_PAGE_CACHE=False)
class ProfilePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.writer = PersonFactory(
            name="Ada Writer", role="Wellness Editor", bio="Ada edits the guides."
        )
        cls.reviewer = PersonFactory(
            name="Rae Reviewer",
            role="Hand therapist",
            credentials="BSc Physiotherapy; HCPC registered",
        )
        cls.older = GuidePageFactory(parent=cls.section, title="Older guide", author=cls.writer)
        cls.newer = GuidePageFactory(parent=cls.section, title="Newer guide", author=cls.writer)
        sign_off(cls.older, cls.reviewer, datetime.date(2025, 3, 1), datetime.date(2027, 3, 1))
        sign_off(cls.newer, cls.reviewer, datetime.date(2025, 6, 1), datetime.date(2027, 6, 1))

    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return response.content.decode()

    def test_slugs_are_made_from_names_and_kept_unique(self):
        self.assertEqual(self.writer.slug, "ada-writer")
        twin = PersonFactory(name="Ada Writer")
        self.assertEqual(twin.slug, "ada-writer-2")
        self.assertEqual(twin.get_absolute_url(), "/people/ada-writer-2/")

    def test_a_profile_shows_who_they_are(self):
        html = self.get("/people/rae-reviewer/")
        self.assertIn('<h1 class="page-header__title">Rae Reviewer</h1>', html)
        self.assertIn("Hand therapist", html)
        self.assertIn("BSc Physiotherapy; HCPC registered", html)

    def test_reviewed_articles_are_listed_newest_review_first_with_dates(self):
        html = self.get("/people/rae-reviewer/")
        reviewed = html[html.index('id="reviewed-title"') : html.index('id="written-title"')]
        self.assertLess(reviewed.index("Newer guide"), reviewed.index("Older guide"))
        self.assertIn('datetime="2025-06-01"', reviewed)
        self.assertIn("1 June 2025", reviewed)
        self.assertIn("No published article names Rae Reviewer as its author", html)

    def test_written_articles_are_listed(self):
        html = self.get("/people/ada-writer/")
        written = html[html.index('id="written-title"') :]
        self.assertIn("Newer guide", written)
        self.assertIn("Older guide", written)
        self.assertIn("No published article carries a sign-off by Ada Writer", html)

    def test_unpublished_and_private_articles_are_not_listed(self):
        draft = GuidePageFactory(
            parent=self.section, title="Unpublished guide", author=self.writer, live=False
        )
        self.assertFalse(draft.live)
        self.assertNotIn("Unpublished guide", self.get("/people/ada-writer/"))

    def test_an_unknown_slug_is_a_404(self):
        self.get("/people/nobody-here/", status=404)
        self.get("/people/%3Cscript%3E/", status=404)

    def test_a_profile_never_published_is_a_404_and_not_in_the_index(self):
        draft = PersonFactory(name="Nell Draft", publish=False)
        self.assertFalse(draft.live)
        self.get(f"/people/{draft.slug}/", status=404)
        self.assertNotIn("Nell Draft", self.get("/people/"))

    def test_a_draft_change_to_a_live_profile_is_not_shown(self):
        person = Person.objects.get(pk=self.writer.pk)
        person.bio = "A draft nobody has reviewed."
        person.save_revision()
        html = self.get("/people/ada-writer/")
        self.assertIn("Ada edits the guides.", html)
        self.assertNotIn("A draft nobody has reviewed.", html)

    def test_the_index_lists_live_people_with_links(self):
        html = self.get("/people/")
        self.assertIn('href="/people/ada-writer/"', html)
        self.assertIn('href="/people/rae-reviewer/"', html)
        self.assertIn('href="/how-we-review/"', html)

    def test_the_index_survives_bad_page_numbers(self):
        for value in ("abc", "-1", "99999", "1%00"):
            self.assertEqual(self.client.get("/people/", {"page": value}).status_code, 200)


@override_settings(HANDCARE_PAGE_CACHE=False)
class BylineLinkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="techniques")
        cls.author = PersonFactory(name="Ada Writer", role="Wellness Editor")
        cls.reviewer = PersonFactory(name="Rae Reviewer", role="Hand therapist")
        cls.page = TechniquePageFactory(parent=section, title="Palm glide", author=cls.author)
        sign_off(cls.page, cls.reviewer, datetime.date(2025, 3, 1), datetime.date(2027, 3, 1))

    def html(self):
        return self.client.get(self.page.url).content.decode()

    def test_reviewed_by_and_author_link_to_their_profiles(self):
        html = self.html()
        self.assertIn(
            '<a class="review-box__person" href="/people/rae-reviewer/">'
            "Reviewed by Rae Reviewer, Hand therapist</a>",
            html,
        )
        self.assertIn(
            'By <a class="article-header__author" href="/people/ada-writer/">Ada Writer</a>',
            html,
        )

    def test_the_review_box_links_to_how_we_review(self):
        self.assertIn('href="/how-we-review/"', self.html())

    def test_a_later_rename_keeps_the_signed_name_but_follows_the_new_address(self):
        person = Person.objects.get(pk=self.reviewer.pk)
        person.name = "Rae Newname"
        person.slug = "rae-newname"
        person.save_revision().publish()
        html = self.html()
        self.assertIn('href="/people/rae-newname/">Reviewed by Rae Reviewer', html)
        self.assertNotIn("Rae Newname", html)
        self.assertRedirects(
            self.client.get("/people/rae-reviewer/"), "/people/rae-newname/", status_code=301
        )

    def test_an_unpublished_profile_is_not_linked(self):
        Person.objects.get(pk=self.reviewer.pk).unpublish()
        html = self.html()
        self.assertIn("Reviewed by Rae Reviewer, Hand therapist", html)
        self.assertNotIn("/people/rae-reviewer/", html)
