"""Two drafts cannot claim the same profile address: the second is told on the form, not by a 500."""

from django.test import TestCase

from handcare.people.models import Person
from tests.editorial.helpers import EDITORS, make_user
from tests.editorial.test_snippet_review import person_data, snippet_url
from tests.factories import PersonFactory


class SlugClaimTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("edith", EDITORS)
        cls.ada = PersonFactory(name="Ada Writer", role="Wellness Editor")
        cls.rae = PersonFactory(name="Rae Reviewer", role="Hand therapist")

    def save_draft(self, person, slug):
        self.client.force_login(self.editor)
        person = Person.objects.get(pk=person.pk)
        return self.client.post(snippet_url(person, "edit"), person_data(person, slug=slug))

    def test_a_slug_waiting_in_another_draft_is_refused_with_a_message(self):
        self.assertEqual(self.save_draft(self.ada, "hand-team").status_code, 302)
        response = self.save_draft(self.rae, "hand-team")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ada Writer&#x27;s profile has a change waiting for review")
        # Nothing was saved for Rae: her latest revision (if any) does not carry the address.
        rae = Person.objects.get(pk=self.rae.pk)
        latest = rae.latest_revision.content.get("slug") if rae.latest_revision else rae.slug
        self.assertNotEqual(latest, "hand-team")

    def test_a_person_may_keep_their_own_waiting_slug(self):
        self.assertEqual(self.save_draft(self.ada, "hand-team").status_code, 302)
        self.assertEqual(self.save_draft(self.ada, "hand-team").status_code, 302)
