"""The home page links the live concern pages next to the audience pages."""

from django.test import TestCase, override_settings

from .helpers import ConcernPageFactory, concern_index


@override_settings(HANDCARE_PAGE_CACHE=False)
class HomeConcernLinksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = concern_index()
        cls.stress = ConcernPageFactory(
            parent=cls.index, title="Stress", slug="stress", summary="Calming routines."
        )
        cls.draft = ConcernPageFactory(parent=cls.index, title="Half-written concern", live=False)

    def test_home_links_live_concerns(self):
        response = self.client.get("/")
        self.assertContains(response, "Start from a concern")
        self.assertContains(response, 'href="/concerns/stress/"')
        self.assertContains(response, "Calming routines.")
        self.assertNotContains(response, "Half-written concern")

    def test_no_block_without_concerns(self):
        self.stress.unpublish()
        self.assertNotContains(self.client.get("/"), "Start from a concern")

    def test_unpublished_index_hides_its_concerns(self):
        # Readers cannot reach a concern under an unpublished index: no link to a 404.
        self.index.unpublish()
        self.assertTrue(type(self.stress).objects.get(pk=self.stress.pk).live)
        self.assertNotContains(self.client.get("/"), 'href="/concerns/stress/"')

    def test_audience_pages_do_not_read_concerns(self):
        # The audience pages share the home page's context; the concerns are lazy there.
        from tests.factories import AudienceFactory

        AudienceFactory(slug="office-workers", name="Office workers")
        response = self.client.get("/audiences/office-workers/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Start from a concern")
