"""Shared text on reviewed pages that is not a page: audiences and documents, and no way around review.

An audience's name and description are shown on its page (/audiences/<slug>/), on the home
page, in the header of every article written for it, in the search filters, the routine builder
and the API. A document is what a link in reviewed text downloads. Each test drives the real
admin URL as a real Editor; afterwards readers still get the signed-off words and file, and no
review record points at a revision holding the unreviewed words (test_review_bypass.py covers
pages, the other snippets, images and settings).
"""

import datetime
import importlib
import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from handcare.articles.models import Audience
from handcare.contact.models import ContactFormField, ContactPage
from handcare.editorial.models import ReviewRecord
from handcare.info.models import InfoPage
from handcare.people.models import Person
from handcare.references.models import Reference
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    edit_url,
    make_technique,
    make_user,
    snippet_approval,
)
from tests.editorial.test_snippet_review import person_data, reference_data, snippet_url
from tests.factories import (
    AudienceFactory,
    PersonFactory,
    ReferenceFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    home_page,
    sign_off,
)
from tests.media import PrivateMediaRootMixin

SIGNED_NAME = "Office workers"
SIGNED_DESCRIPTION = "Short breaks for hands that type all day."
UNREVIEWED_NAME = "Arthritis sufferers"
UNREVIEWED_DESCRIPTION = "Massage cures arthritis in a week."
REVIEWED_DESCRIPTION = "Short breaks for hands that type and click all day."

Document = get_document_model()


def audience_data(audience, action=None, **changes):
    """The audience edit form as the browser posts it."""
    data = {"name": audience.name, "slug": audience.slug, "description": audience.description}
    data.update(changes)
    if action:
        data[f"action-{action}"] = action
    return data


class SharedTextTestCase(TestCase):
    """A live technique for office workers signed off by a reviewer, and an Editor who did not write it."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.author = make_user("author", EDITORS)
        cls.editor = make_user("eddie", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.admin = make_user("sam", SITE_ADMINISTRATORS)
        cls.audience = AudienceFactory(
            name=SIGNED_NAME, slug="office-workers", description=SIGNED_DESCRIPTION
        )
        cls.page = make_technique(
            cls.section, cls.author, reference=cls.reference, audiences=[cls.audience]
        )
        cls.page_record = sign_off(
            cls.page,
            Person.objects.get(user=cls.rita),
            datetime.date(2026, 1, 10),
            datetime.date(2028, 1, 10),
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def reader_pages(self):
        """Every public place an audience's words reach, as an anonymous reader gets them."""
        return {
            "audience page": "/audiences/office-workers/",
            "home page": "/",
            "article": self.page.get_url(),
            "api": f"/api/v2/pages/{self.page.pk}/",
            "search": "/search/?q=effleurage",
            "routine builder": "/routines/",
        }

    def assert_readers_see(self, present, absent):
        self.client.logout()
        for where, url in self.reader_pages().items():
            with self.subTest(where):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200, url)
                text = response.content.decode()
                if where == "api":
                    text = json.dumps(json.loads(text)["audiences"])
                for words in present.get(where, present.get("*", ())):
                    self.assertIn(words, text)
                for words in absent:
                    self.assertNotIn(words, text)

    def assert_no_record_points_at_unreviewed_text(self):
        for record in ReviewRecord.objects.select_related("revision"):
            if record.revision is not None and record.kind != ReviewRecord.Kind.WITHDRAWN:
                content = json.dumps(record.revision.content)
                self.assertNotIn(UNREVIEWED_DESCRIPTION, content, record)
                self.assertNotIn(UNREVIEWED_NAME, content, record)

    def assert_audience_unchanged(self):
        audience = Audience.objects.get(pk=self.audience.pk)
        self.assertTrue(audience.live)
        self.assertEqual(audience.name, SIGNED_NAME)
        self.assertEqual(audience.description, SIGNED_DESCRIPTION)
        self.assertEqual(audience.live_revision.as_object().description, SIGNED_DESCRIPTION)
        self.assert_readers_see(
            {
                "*": [SIGNED_NAME],
                "audience page": [SIGNED_NAME, SIGNED_DESCRIPTION],
                "home page": [SIGNED_NAME, SIGNED_DESCRIPTION],
            },
            [UNREVIEWED_NAME, UNREVIEWED_DESCRIPTION],
        )
        self.assert_no_record_points_at_unreviewed_text()


class AudienceRouteTests(SharedTextTestCase):
    """Every admin route that could change an audience's live words: each leaves a draft or is refused."""

    def unreviewed_form(self, action=None):
        audience = Audience.objects.get(pk=self.audience.pk)
        return audience_data(
            audience, action, name=UNREVIEWED_NAME, description=UNREVIEWED_DESCRIPTION
        )

    def test_saving_or_publishing_from_the_edit_view_keeps_a_draft(self):
        for action in (None, "publish"):
            with self.subTest(action=action):
                self.client.force_login(self.editor)
                response = self.client.post(
                    snippet_url(self.audience, "edit"), self.unreviewed_form(action)
                )
                self.assertEqual(response.status_code, 302)
                audience = Audience.objects.get(pk=self.audience.pk)
                self.assertTrue(audience.has_unpublished_changes)
                # The draft is kept for review, off the live row.
                self.assertEqual(
                    audience.latest_revision.as_object().description, UNREVIEWED_DESCRIPTION
                )
                self.assert_audience_unchanged()

    def test_reverting_to_an_unreviewed_revision_and_publishing_keeps_a_draft(self):
        self.client.post(snippet_url(self.audience, "edit"), self.unreviewed_form())
        unreviewed = Audience.objects.get(pk=self.audience.pk).latest_revision
        url = snippet_url(self.audience, "revisions_revert", unreviewed.pk)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(url, self.unreviewed_form("publish"))
        self.assert_audience_unchanged()

    def test_an_editor_cannot_approve_an_audience_review(self):
        self.client.force_login(self.author)
        self.client.post(snippet_url(self.audience, "edit"), self.unreviewed_form("submit"))
        audience = Audience.objects.get(pk=self.audience.pk)
        self.assertTrue(audience.workflow_in_progress)
        self.client.force_login(self.editor)
        task_state = audience.current_workflow_task_state
        url = snippet_url(audience, "workflow_action", "approve", task_state.pk)
        response = self.client.post(url, snippet_approval(audience))
        self.assertIn(response.status_code, (302, 403))
        self.assertFalse(ReviewRecord.objects.filter(object_id=str(audience.pk)).exists())
        self.assert_audience_unchanged()

    def test_copying_an_audience_makes_a_draft_readers_never_see(self):
        # Posted to the copy URL itself (the copy form posts to "add"): Wagtail bound the form
        # to the original, overwriting its live row and taking it off every page.
        for action in (None, "publish"):
            with self.subTest(action=action):
                self.client.force_login(self.editor)
                data = {**self.unreviewed_form(action), "slug": f"copied-{action}"}
                response = self.client.post(snippet_url(self.audience, "copy"), data)
                # Saved as a draft, or (asking to publish, which Editors may not) refused.
                self.assertEqual(response.status_code, 200 if action else 302)
                copies = Audience.objects.filter(slug=f"copied-{action}")
                self.assertEqual(copies.count(), 0 if action else 1)
                self.assertFalse(copies.filter(live=True).exists())
                self.client.logout()
                self.assertEqual(self.client.get(f"/audiences/copied-{action}/").status_code, 404)
                self.assert_audience_unchanged()

    def test_an_editor_cannot_delete_an_audience(self):
        bulk = reverse("wagtail_bulk_action", args=["articles", "audience", "delete"])
        for url in [snippet_url(self.audience, "delete"), f"{bulk}?id={self.audience.pk}"]:
            with self.subTest(url):
                response = self.client.post(url)
                self.assertLess(response.status_code, 500)
                self.assertTrue(Audience.objects.filter(pk=self.audience.pk).exists())
        self.assert_audience_unchanged()

    def test_a_new_audience_is_a_draft_that_no_reader_view_lists(self):
        data = audience_data(
            Audience(name=UNREVIEWED_NAME, slug="sufferers", description=UNREVIEWED_DESCRIPTION),
            "publish",
        )
        response = self.client.post(reverse(Audience.snippet_viewset.get_url_name("add")), data)
        self.assertEqual(response.status_code, 302)
        created = Audience.objects.get(slug="sufferers")
        self.assertFalse(created.live)
        # Even chosen on a live article (as the row would be after a data fix), it stays hidden.
        self.page.audiences.add(created)
        self.client.logout()
        self.assertEqual(self.client.get("/audiences/sufferers/").status_code, 404)
        self.assert_audience_unchanged()

    def test_an_editors_wording_is_live_only_once_a_reviewer_approves_that_revision(self):
        self.client.force_login(self.author)
        changed = audience_data(
            Audience.objects.get(pk=self.audience.pk),
            "submit",
            description=REVIEWED_DESCRIPTION,
        )
        self.client.post(snippet_url(self.audience, "edit"), changed)
        audience = Audience.objects.get(pk=self.audience.pk)
        self.assertTrue(audience.workflow_in_progress)
        submitted = audience.latest_revision_id
        self.assert_readers_see({"audience page": [SIGNED_DESCRIPTION]}, [REVIEWED_DESCRIPTION])

        self.client.force_login(self.rita)
        url = snippet_url(
            audience, "workflow_action", "approve", audience.current_workflow_task_state.pk
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, snippet_approval(audience))
        audience = Audience.objects.get(pk=self.audience.pk)
        self.assertEqual(audience.description, REVIEWED_DESCRIPTION)
        self.assertEqual(audience.live_revision_id, submitted)
        self.assertFalse(audience.has_unpublished_changes)
        record = ReviewRecord.objects.get(content_type=ContentType.objects.get_for_model(Audience))
        self.assertEqual(record.object_id, str(audience.pk))
        self.assertEqual(record.revision_id, submitted)
        self.assertEqual(record.revision.as_object().description, REVIEWED_DESCRIPTION)
        self.assertEqual(record.reviewer_name, "Rita Reviewer")
        self.assertEqual(audience.last_review, record)
        self.assert_readers_see(
            {
                "*": [SIGNED_NAME],
                "audience page": [REVIEWED_DESCRIPTION],
                "home page": [REVIEWED_DESCRIPTION],
            },
            [SIGNED_DESCRIPTION + "<"],
        )

    def test_a_reviewer_cannot_sign_off_their_own_wording(self):
        self.client.force_login(self.rita)
        self.client.post(snippet_url(self.audience, "edit"), self.unreviewed_form("submit"))
        audience = Audience.objects.get(pk=self.audience.pk)
        url = snippet_url(
            audience, "workflow_action", "approve", audience.current_workflow_task_state.pk
        )
        self.client.post(url, snippet_approval(audience))
        self.assertFalse(ReviewRecord.objects.exclude(pk=self.page_record.pk).exists())
        self.assert_audience_unchanged()


class CopyRouteTests(SharedTextTestCase):
    """A copy posted to the copy URL of any reviewed snippet makes a draft and leaves the original."""

    def test_posting_to_the_copy_url_never_rewrites_the_original(self):
        person = PersonFactory(name="Pat Author", role="Wellness editor", bio=SIGNED_DESCRIPTION)
        point = ReflexologyPointFactory(name="Thumb pad", how_to_press=SIGNED_DESCRIPTION)
        reference = Reference.objects.get(pk=self.reference.pk)
        point_form = {
            "name": point.name,
            "hand_zone": point.hand_zone,
            "body_area": point.body_area,
            "how_to_press": UNREVIEWED_DESCRIPTION,
            "evidence": point.evidence,
            "evidence_note": point.evidence_note,
        }
        cases = [
            (person, {**person_data(person, bio=UNREVIEWED_DESCRIPTION), "slug": "copy"}, "bio"),
            (
                reference,
                reference_data(reference, title=UNREVIEWED_DESCRIPTION, key="copy"),
                "title",
            ),
            (point, point_form, "how_to_press"),
        ]
        for obj, data, field in cases:
            with self.subTest(type(obj).__name__):
                model = type(obj)
                before = set(model.objects.values_list("pk", flat=True))
                signed_revision = model.objects.get(pk=obj.pk).live_revision_id
                response = self.client.post(snippet_url(obj, "copy"), data)
                self.assertLess(response.status_code, 500)
                original = model.objects.get(pk=obj.pk)
                self.assertTrue(original.live)
                self.assertNotEqual(getattr(original, field), UNREVIEWED_DESCRIPTION)
                self.assertEqual(original.live_revision_id, signed_revision)
                for new in model.objects.exclude(pk__in=before):
                    self.assertFalse(new.live)
        self.assert_no_record_points_at_unreviewed_text()


class AudienceMigrationTests(TestCase):
    """Migration editorial 0006 makes every existing audience live, as it was, with one revision."""

    def test_existing_audiences_stay_live_with_one_revision_and_go_through_review(self):
        migration = importlib.import_module("handcare.editorial.migrations.0006_audience_review")
        # As the table held them before 0006: no revision yet.
        old = Audience.objects.create(
            name="Older adults", slug="older-adults", description="Gentle pressure, more rest."
        )
        migration.forwards(apps, None)
        migration.forwards(apps, None)  # a second run adds nothing
        old = Audience.objects.get(pk=old.pk)
        revisions = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Audience), object_id=str(old.pk)
        )
        self.assertEqual(revisions.count(), 1)
        self.assertTrue(old.live)
        self.assertFalse(old.has_unpublished_changes)
        self.assertEqual(old.live_revision, revisions.get())
        self.assertEqual(old.latest_revision, revisions.get())
        self.assertEqual(revisions.get().as_object().description, "Gentle pressure, more rest.")
        self.assertEqual(old.get_workflow().name, "Editorial review")
        # Editors may lock but not publish; Site administrators publish.
        editor = make_user("eddie", EDITORS)
        admin = make_user("sam", SITE_ADMINISTRATORS)
        self.assertTrue(editor.has_perm("articles.lock_audience"))
        self.assertFalse(editor.has_perm("articles.publish_audience"))
        self.assertTrue(admin.has_perm("articles.publish_audience"))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OTHER_PDF = b"%PDF-1.4\n% not the reviewed leaflet\ntrailer << >>\n%%EOF\n"


class DocumentRouteTests(PrivateMediaRootMixin, SharedTextTestCase):
    """A document a reviewed page links to cannot be deleted or given another file by an Editor."""

    def document(self, title="Leaflet", name="leaflet.pdf"):
        return Document.objects.create(title=title, file=ContentFile(PDF, name))

    def linked_document(self):
        """A document the live, signed-off technique links to from its preparation text."""
        document = self.document()
        html = f'<p>Print <a href="{document.url}">the leaflet</a> first.</p>'
        self.page = make_technique(
            self.section, self.author, reference=self.reference, title="Linked", preparation=html
        )
        return document

    def replace_file(self, document):
        data = {
            "title": document.title,
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "file": SimpleUploadedFile("leaflet.pdf", OTHER_PDF),
        }
        return self.client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)

    def assert_readers_download_the_reviewed_file(self, document):
        self.client.logout()
        page = self.client.get(self.page.get_url())
        self.assertContains(page, f'href="{document.url}"')
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)

    def test_an_editor_cannot_delete_a_document(self):
        document = self.linked_document()
        bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "delete"])
        for url in [
            reverse("wagtaildocs:delete", args=[document.pk]),
            f"{bulk}?id={document.pk}",
            reverse("wagtaildocs:delete_multiple", args=[document.pk]),
        ]:
            with self.subTest(url):
                response = self.client.post(url)
                self.assertLess(response.status_code, 500)
                self.assertTrue(Document.objects.filter(pk=document.pk).exists())
        # The listing offers no delete either.
        edit = self.client.get(reverse("wagtaildocs:edit", args=[document.pk]))
        self.assertNotContains(edit, reverse("wagtaildocs:delete", args=[document.pk]))
        self.assert_readers_download_the_reviewed_file(document)
        # Site administrators still can.
        self.client.force_login(self.admin)
        self.client.post(reverse("wagtaildocs:delete", args=[document.pk]))
        self.assertFalse(Document.objects.filter(pk=document.pk).exists())

    def test_replacing_the_file_of_a_linked_document_is_refused(self):
        document = self.linked_document()
        response = self.replace_file(document)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Upload a new document and link it in the text")
        self.assertContains(response, "Linked")  # names the page that links to it
        stored = Document.objects.get(pk=document.pk)
        self.assertEqual(stored.file.name, document.file.name)
        self.assert_readers_download_the_reviewed_file(document)

    def test_a_document_a_live_reference_points_at_keeps_its_file(self):
        document = self.document(title="Trial report", name="trial.pdf")
        reference = Reference.objects.get(pk=self.reference.pk)
        self.client.force_login(self.admin)
        self.client.post(
            snippet_url(reference, "edit"),
            reference_data(reference, "publish", url=f"https://handcare.test{document.url}"),
        )
        self.assertIn(document.url, Reference.objects.get(pk=reference.pk).url)
        self.client.force_login(self.editor)
        response = self.replace_file(document)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "field-2016")
        self.assertEqual(Document.objects.get(pk=document.pk).file.name, document.file.name)

    def test_a_document_nothing_live_links_to_can_still_be_replaced(self):
        document = self.document(title="Unused draft leaflet", name="unused.pdf")
        response = self.replace_file(document)
        self.assertEqual(response.status_code, 302)
        self.assertNotEqual(Document.objects.get(pk=document.pk).file.name, document.file.name)

    def test_editing_a_linked_documents_title_only_is_allowed(self):
        document = self.linked_document()
        data = {
            "title": "Leaflet (printable)",
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        }
        response = self.client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Document.objects.get(pk=document.pk).title, "Leaflet (printable)")
        self.assert_readers_download_the_reviewed_file(document)


class OtherPageTests(SharedTextTestCase):
    """Pages that are not articles (home, section, information, contact) are held by the workflow too.

    They carry no review fields, but the Editorial review workflow covers the whole tree and
    Editors cannot publish, so their words (and the contact form's labels) change only on approval.
    """

    def publish_as_editor(self, page, fields, url):
        base = {
            "title": page.title,
            "slug": page.slug,
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "action-publish": "action-publish",
        }
        response = self.client.post(edit_url(page), nested_form_data({**base, **fields}))
        self.assertLess(response.status_code, 400)
        live = Page.objects.get(pk=page.pk).specific
        # The edit was accepted, as a draft: the unreviewed words wait in the latest revision.
        self.assertNotEqual(live.latest_revision_id, live.live_revision_id)
        self.assertIn(UNREVIEWED_DESCRIPTION, json.dumps(live.latest_revision.content))
        self.client.logout()
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, UNREVIEWED_DESCRIPTION)
        self.client.force_login(self.editor)
        return response

    def live_child(self, page):
        home_page().add_child(instance=page)
        page.save_revision(user=self.author).publish(user=self.author, skip_permission_checks=True)
        return type(page).objects.get(pk=page.pk)

    def test_an_editor_cannot_publish_a_home_section_information_or_contact_page(self):
        home = home_page().specific
        info = self.live_child(
            InfoPage(title="About", slug="about", intro=SIGNED_DESCRIPTION, body="<p>Who.</p>")
        )
        contact = ContactPage(title="Contact", slug="contact", intro="<p>Write to us.</p>")
        contact.form_fields = [ContactFormField(label="Your message", field_type="multiline")]
        contact = self.live_child(contact)
        cases = [
            (home, {"strapline": UNREVIEWED_DESCRIPTION, "introduction": ""}, "/"),
            (
                self.section,
                {"topic": self.section.topic, "introduction": UNREVIEWED_DESCRIPTION},
                self.section.get_url(),
            ),
            (
                info,
                {"intro": UNREVIEWED_DESCRIPTION, "body": rich_text("<p>Who.</p>")},
                info.get_url(),
            ),
            (
                contact,
                {
                    "intro": rich_text("<p>Write to us.</p>"),
                    "thank_you_text": rich_text(""),
                    "from_address": "",
                    "to_address": "",
                    "subject": "",
                    "form_fields": inline_formset(
                        [
                            {
                                "id": contact.form_fields.get().pk,
                                "label": UNREVIEWED_DESCRIPTION,
                                "field_type": "multiline",
                                "required": "on",
                                "choices": "",
                                "default_value": "",
                                "help_text": "",
                                "ORDER": "1",
                            }
                        ],
                        initial=1,
                    ),
                },
                contact.get_url(),
            ),
        ]
        for page, fields, url in cases:
            with self.subTest(type(page).__name__):
                self.publish_as_editor(page, fields, url)
        self.assertEqual(ContactFormField.objects.get(page=contact).label, "Your message")
