"""What readers must never see: drafts, previews, private pages, staff-only records, unpublished snippets.

One small site holds a unique marker word in every hidden thing; an anonymous reader then walks
every public route (pages, listings, search with its snippets, sitemap, feeds, the API with its
filters, profiles, documents) and the admin's preview and revision URLs, and no marker appears.

Media: originals and renditions under /media/ are served to anyone who has the URL, like any
image CDN; an image used only on a private page is protected by never being linked from a
public response (the API has no images endpoint), which is what test_private_images_are_not_linked
checks. Documents are private through Wagtail's collection privacy (/documents/ checks it;
/media/documents/ is never served, handcare/media/policy.py).

Covered elsewhere: the API's hidden ids and tree filters (tests/api/test_pages_api.py), a
passed page password never served from the page cache and a logged-in user neither filling nor
using it (tests/pagecache/test_caching.py), profiles (tests/people/test_profiles.py).
"""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client, TestCase
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from handcare.contact.models import ContactPage
from handcare.editorial.checklist import CHECK_KEYS
from handcare.feedback.models import PageFeedback
from tests.editorial.helpers import EDITORS, make_technique, make_user, save_draft, submit
from tests.factories import (
    PersonFactory,
    ReferenceFactory,
    SectionPageFactory,
    home_page,
    sign_off,
)

MARKERS = {
    "never published page": "quokkadraft",
    "draft change of a live page": "quokkachange",
    "password page": "quokkapassword",
    "login page": "quokkalogin",
    "group page": "quokkagroup",
    "reviewer note": "quokkanote",
    "reader feedback": "quokkafeedback",
    "contact message": "quokkacontact",
    "never published person": "quokkaperson",
    "draft bio": "quokkabio",
    "private document": "quokkadocument",
}


class VisibilityTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.section = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
        reference = ReferenceFactory(key="field-2016")
        cls.editor = make_user("eddie", EDITORS)
        cls.reviewer = PersonFactory(name="Rita Reviewer", role="Hand therapist")
        cls.live = make_technique(
            cls.section, cls.editor, reference=reference, title="Palm glide", summary="Glide."
        )
        record = sign_off(cls.live, cls.reviewer, *_dates())
        record.note = f"Internal {MARKERS['reviewer note']} about the sources."
        record.save()
        cls.draft_change = save_draft(
            cls.live, cls.editor, summary=f"Glide {MARKERS['draft change of a live page']}."
        )
        cls.never = make_technique(
            cls.section,
            cls.editor,
            reference=reference,
            live=False,
            title=f"Secret {MARKERS['never published page']}",
        )
        submit(cls.never, cls.editor)

        cls.private_image = get_image_model().objects.create(
            title="Members picture", file=get_test_image_file(filename="members-only.png")
        )
        cls.private_pages = {}
        for kind, restriction in [
            ("password", {"restriction_type": PageViewRestriction.PASSWORD, "password": "x"}),
            ("login", {"restriction_type": PageViewRestriction.LOGIN}),
            ("group", {"restriction_type": PageViewRestriction.GROUPS}),
        ]:
            section = SectionPageFactory(parent=home, title=f"Members {kind}", slug=kind)
            page = make_technique(
                section,
                cls.editor,
                reference=reference,
                title=f"Members {MARKERS[kind + ' page']}",
                hero_image=cls.private_image,
            )
            view = PageViewRestriction.objects.create(page=section, **restriction)
            if kind == "group":
                view.groups.set([Group.objects.get(name=EDITORS)])
            cls.private_pages[kind] = page

        PageFeedback.objects.create(
            page=cls.live,
            revision=cls.live.live_revision,
            helpful=False,
            problem="wrong",
            comment=f"Reader says {MARKERS['reader feedback']}",
        )
        contact = ContactPage(title="Leave a message", slug="contact", to_address="e@x.invalid")
        home.add_child(instance=contact)
        contact.save_revision().publish()
        FormSubmission.objects.create(
            page=contact, form_data={"your_message": f"Hello {MARKERS['contact message']}"}
        )

        cls.never_person = PersonFactory(
            name=f"Never {MARKERS['never published person']}", publish=False
        )
        cls.person = PersonFactory(name="Pat Public", role="Editor", bio="Writes guides.")
        cls.person.bio = f"Bio {MARKERS['draft bio']}"
        cls.person.save_revision()

        private_docs = Collection.get_first_root_node().add_child(name="Staff documents")
        CollectionViewRestriction.objects.create(
            collection=private_docs, restriction_type=CollectionViewRestriction.LOGIN
        )
        cls.document = get_document_model().objects.create(
            title=f"Minutes {MARKERS['private document']}",
            collection=private_docs,
            file=ContentFile(b"%PDF-1.4 staff only", name="staff-minutes.pdf"),
        )

    def setUp(self):
        self.reader = Client()

    def assert_nothing_hidden(self, url, response):
        self.assertLess(response.status_code, 500, url)
        # What the reader typed (a search, a page's address) may be echoed back; nothing else.
        body = response.content.decode(errors="replace").lower().replace(url.lower(), "")
        if "?q=" in url:
            body = body.replace(url.split("?q=", 1)[1], "")
            self.assertIn("0 results for", body, url)
        for what, marker in MARKERS.items():
            self.assertNotIn(marker, body, f"{what} shown at {url}")


def _dates():
    import datetime

    return datetime.date(2026, 1, 10), datetime.date(2028, 1, 10)


class PublicRouteTests(VisibilityTestCase):
    def public_urls(self):
        members = {kind: page.get_parent() for kind, page in self.private_pages.items()}
        urls = [
            "/",
            "/techniques/",
            self.live.url,
            self.never.url,
            *(page.url for page in self.private_pages.values()),
            *(section.url for section in members.values()),
            "/people/",
            self.person.get_absolute_url(),
            self.never_person.get_absolute_url(),
            "/how-we-review/",
            "/routines/",
            "/contact/",
            "/sitemap.xml",
            "/feeds/rss/",
            "/feeds/atom/",
            "/feeds/techniques/rss/",
            *(f"/feeds/{kind}/atom/" for kind in members),
            "/api/v2/pages/",
            "/api/v2/pages/?fields=*",
            "/api/v2/pages/?type=techniques.TechniquePage&fields=*",
            "/api/v2/pages/?type=home.SectionPage&fields=*",
            f"/api/v2/pages/{self.live.pk}/",
            f"/api/v2/pages/{self.never.pk}/",
            f"/api/v2/pages/?ids={self.never.pk},{self.private_pages['login'].pk}",
            *(f"/api/v2/pages/{page.pk}/" for page in self.private_pages.values()),
            *(f"/api/v2/pages/?child_of={section.pk}&fields=*" for section in members.values()),
            self.document.url,
        ]
        for marker in MARKERS.values():
            urls += [f"/search/?q={marker}", f"/api/v2/pages/?search={marker}&fields=*"]
        return urls

    def test_no_public_route_shows_anything_hidden(self):
        for url in self.public_urls():
            with self.subTest(url):
                self.assert_nothing_hidden(url, self.reader.get(url))

    def test_private_pages_ask_for_a_password_or_a_login(self):
        for kind, page in self.private_pages.items():
            with self.subTest(kind):
                response = self.reader.get(page.url)
                if kind == "password":
                    self.assertContains(response, 'name="password"')
                else:
                    self.assertEqual(response.status_code, 302)
                    self.assertIn("login", response["Location"])

    def test_private_documents_ask_for_a_login(self):
        response = self.reader.get(self.document.url)
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(b"staff only", response.content)

    def test_private_images_are_not_linked(self):
        stem = self.private_image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        for url in self.public_urls():
            with self.subTest(url):
                self.assertNotIn(stem.encode(), self.reader.get(url).content)

    def test_the_api_gives_no_note_or_checklist(self):
        data = self.reader.get(f"/api/v2/pages/{self.live.pk}/").json()
        review = data["review"]
        self.assertIn("Rita Reviewer", str(review))
        for key in ["note", "checklist", *CHECK_KEYS]:
            self.assertNotIn(key, review)


class AdminRouteTests(VisibilityTestCase):
    """Previews, drafts, revisions and staff reports send readers to the login page."""

    def admin_urls(self):
        page, rev = self.live, self.draft_change.pk
        task = Page.objects.get(pk=self.never.pk).current_workflow_task_state.task_id
        person_views = self.person.snippet_viewset
        return [
            reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
            reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
            reverse("wagtailadmin_pages:view_draft", args=[self.never.pk]),
            reverse("wagtailadmin_pages:revisions_view", args=[page.pk, rev]),
            reverse("wagtailadmin_pages:workflow_preview", args=[self.never.pk, task]),
            reverse("wagtailadmin_pages:edit", args=[self.never.pk]),
            reverse(person_views.get_url_name("edit"), args=[self.person.pk]),
            reverse(person_views.get_url_name("preview_on_edit"), args=[self.person.pk]),
            reverse("wagtailforms:index"),
            "/admin/reports/reader-feedback/",
            reverse("editorial_review_history"),
            f"/api/v2/pages/{self.never.pk}/?show_draft=1",
        ]

    def test_readers_are_sent_to_log_in(self):
        for url in self.admin_urls():
            with self.subTest(url):
                response = self.reader.get(url)
                self.assert_nothing_hidden(url, response)
                if url.startswith("/admin/"):
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith("/admin/login/"))


class PageCacheTests(VisibilityTestCase):
    """A page an editor saw is never served to a reader from the cache, and the other way round."""

    def test_an_editors_view_never_reaches_a_reader(self):
        editor = Client()
        editor.force_login(self.editor)
        for url in [
            self.live.url,
            reverse("wagtailadmin_pages:view_draft", args=[self.live.pk]),
            reverse(
                "wagtailadmin_pages:revisions_view", args=[self.live.pk, self.draft_change.pk]
            ),
        ]:
            self.assertEqual(editor.get(url).status_code, 200)
        response = self.reader.get(self.live.url)
        self.assertEqual(response["X-Cache"], "MISS")
        self.assert_nothing_hidden(self.live.url, response)
        self.assertNotContains(response, "wagtail-userbar")
        self.assertEqual(self.reader.get(self.live.url)["X-Cache"], "HIT")
        # The reader's cached copy is never what the editor gets.
        response = editor.get(self.live.url)
        self.assertNotEqual(response.get("X-Cache"), "HIT")
        self.assertContains(response, "wagtail-userbar")
