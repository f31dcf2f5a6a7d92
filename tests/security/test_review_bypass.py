"""Every route an Editor could use to put text live without review, and that none works.

Each test below is one route, driven through the real admin URL by a real Editor. After it, the
text readers see is still the signed-off text, and no review record points at a revision that
holds the unreviewed words.

Routes covered by existing tests (not repeated here):

- the publish button of the page edit view ("action-publish"), approve and request changes at
  the workflow action URL, unpublish, delete: tests/editorial/test_permissions.py
  ``test_permission_matrix`` (every role, live and draft);
- approving one's own change, from the dialog or the edit view, and skipping the checklist:
  test_permissions.py ``SelfApprovalTests``;
- approving a revision other than the one shown (dialog, edit view, "Reviewed, no changes
  needed"): tests/editorial/test_signoff_integrity.py;
- two reviewers at once, malformed action data: tests/editorial/test_edit_view_actions.py;
- autosave carrying an action: tests/editorial/test_autosave_races.py;
- a Reference published by an Editor, a Person's or a ReflexologyPoint's draft on live pages,
  a draft point or reference on a page: tests/editorial/test_snippet_review.py;
- replacing the file or alt text of an image in use (the single image edit view):
  tests/editorial/test_image_review.py;
- a scheduled approval and a revision saved after it, publish_scheduled:
  tests/scheduling/test_scheduled_publishing.py;
- promoted results with an external link: tests/search/test_promotions.py.
"""

import datetime
import json

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, Revision

from handcare.articles.models import PublicationSettings
from handcare.demo.models import DemoSettings
from handcare.editorial.models import ReviewRecord
from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPoint
from techniques.models import TechniquePage
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    edit_url,
    make_technique,
    make_user,
    save_draft,
    step,
    submit,
    technique_data,
)
from tests.editorial.test_snippet_review import person_data, reference_data, snippet_url
from tests.factories import (
    PersonFactory,
    ReferenceFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    default_site,
    home_page,
    sign_off,
)

SIGNED = "Long gliding strokes that warm the hand."
UNREVIEWED = "Massage cures arthritis in a week."

Image = get_image_model()


class BypassTestCase(TestCase):
    """A live technique signed off by a reviewer, and an Editor who did not write it."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.other_section = SectionPageFactory(parent=home_page(), title="Sleep", slug="sleep")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.author = make_user("author", EDITORS)
        cls.editor = make_user("eddie", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.page = make_technique(cls.section, cls.author, reference=cls.reference, summary=SIGNED)
        cls.record = sign_off(
            cls.page,
            Person.objects.get(user=cls.rita),
            datetime.date(2026, 1, 10),
            datetime.date(2028, 1, 10),
        )
        cls.signed_revision_id = cls.page.live_revision_id

    def setUp(self):
        self.client.force_login(self.editor)

    def form(self, action=None, summary=UNREVIEWED, **extra):
        """The technique's edit form with the unreviewed wording, as the browser posts it."""
        data = technique_data(
            self.page,
            summary=summary,
            steps=[step("Glide", f"<p>Glide slowly [cite:{self.reference.key}]</p>")],
            references=[self.reference],
            action=action,
        )
        data.update(extra)
        return data

    def assert_readers_see_the_signed_off_text(self):
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.live_revision_id, self.signed_revision_id)
        self.assertEqual(page.summary, SIGNED)
        self.assertEqual(page.last_review_id, self.record.pk)
        # No other page went live with the words (a copy, an alias, a moved draft).
        for model_page in TechniquePage.objects.live():
            self.assertNotEqual(model_page.summary, UNREVIEWED, model_page.url_path)
        self.client.logout()
        response = self.client.get(self.page.get_url())
        self.assertContains(response, SIGNED)
        self.assertNotContains(response, UNREVIEWED)
        self.assertContains(response, "Rita Reviewer")
        self.assert_no_record_points_at_unreviewed_text()

    def assert_no_record_points_at_unreviewed_text(self):
        for record in ReviewRecord.objects.select_related("revision"):
            if record.revision is not None and record.kind != ReviewRecord.Kind.WITHDRAWN:
                self.assertNotIn(UNREVIEWED, json.dumps(record.revision.content), record)


class PageEditViewTests(BypassTestCase):
    """What the page edit form can be made to post."""

    def test_save_and_publish_params_only_save_a_draft(self):
        past = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
        posts = {
            "publish": self.form("publish"),
            "publish with go-live in the past": self.form("publish", go_live_at=past),
            "publish and submit together": self.form(
                "publish", **{"action-submit": "action-submit"}
            ),
            "restart workflow": self.form("restart-workflow"),
        }
        for name, data in posts.items():
            with self.subTest(name):
                self.client.force_login(self.editor)
                response = self.client.post(edit_url(self.page), data)
                self.assertIn(response.status_code, (200, 302))
                self.assert_readers_see_the_signed_off_text()

    def test_scheduled_go_live_set_by_an_editor_is_never_published(self):
        future = (timezone.now() + datetime.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M")
        self.client.post(edit_url(self.page), self.form("publish", go_live_at=future))
        self.assertFalse(Revision.objects.filter(approved_go_live_at__isnull=False).exists())
        call_command("publish_scheduled")
        self.assert_readers_see_the_signed_off_text()

    def test_an_editor_cannot_approve_from_the_edit_view(self):
        submit(self.page, self.author, summary=UNREVIEWED)
        checks = {k: True for k in checklist() if k != "comment"}
        latest = Page.objects.get(pk=self.page.pk).latest_revision_id
        data = self.form(
            "workflow-action",
            **{
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({**checks, "revision": latest}),
            },
        )
        self.client.post(edit_url(self.page), data)
        self.assertTrue(Page.objects.get(pk=self.page.pk).workflow_in_progress)
        self.assert_readers_see_the_signed_off_text()

    def test_cancelling_a_workflow_publishes_nothing(self):
        # Only the editor who submitted may cancel (Wagtail): the author here.
        submit(self.page, self.author, summary=UNREVIEWED)
        self.client.force_login(self.author)
        self.client.post(edit_url(self.page), self.form("cancel-workflow"))
        self.assertFalse(Page.objects.get(pk=self.page.pk).workflow_in_progress)
        self.assert_readers_see_the_signed_off_text()

    def test_review_fields_posted_with_the_form_are_ignored(self):
        other = ReviewRecord.objects.create(
            content_type=self.record.content_type,
            object_id=self.record.object_id,
            object_title="forged",
            reviewer=self.record.reviewer,
            reviewer_name="Forged",
            reviewer_role="Forged",
            reviewed_at=timezone.now(),
            next_review_due=datetime.date(2030, 1, 1),
        )
        data = self.form(
            "submit",
            reviewed_by=self.record.reviewer_id,
            last_review=other.pk,
            last_reviewed="2030-01-01",
            next_review_due="2031-01-01",
        )
        self.client.post(edit_url(self.page), data)
        latest = Page.objects.get(pk=self.page.pk).specific.get_latest_revision_as_object()
        self.assertEqual(latest.last_review_id, self.record.pk)
        self.assertEqual(latest.next_review_due, datetime.date(2028, 1, 10))
        other.delete()
        self.assert_readers_see_the_signed_off_text()

    def test_reverting_to_an_unreviewed_revision_and_publishing_saves_a_draft(self):
        unreviewed = save_draft(self.page, self.editor, summary=UNREVIEWED)
        save_draft(self.page, self.editor, summary=SIGNED)
        revert = reverse("wagtailadmin_pages:revisions_revert", args=[self.page.pk, unreviewed.pk])
        self.assertEqual(self.client.get(revert).status_code, 200)
        self.client.post(edit_url(self.page), self.form("publish", revision=unreviewed.pk))
        self.assert_readers_see_the_signed_off_text()


class PageActionRouteTests(BypassTestCase):
    """Bulk actions, copy, move and the admin API's page actions."""

    def test_bulk_publish_refuses(self):
        save_draft(self.page, self.editor, summary=UNREVIEWED)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        response = self.client.post(f"{url}?id={self.page.pk}", {"include_descendants": ""})
        self.assertIn(response.status_code, (200, 302, 403))
        self.assert_readers_see_the_signed_off_text()

    def test_copy_with_publish_copies_or_alias_makes_no_live_page(self):
        save_draft(self.page, self.editor, summary=UNREVIEWED)
        url = reverse("wagtailadmin_pages:copy", args=[self.page.pk])
        for n, extra in enumerate([{"publish_copies": "on"}, {"alias": "on"}]):
            with self.subTest(extra):
                self.client.force_login(self.editor)
                response = self.client.post(
                    url,
                    {
                        "new_title": f"Copy {n}",
                        "new_slug": f"copy-{n}",
                        "new_parent_page": self.other_section.pk,
                        **extra,
                    },
                )
                self.assertEqual(response.status_code, 302)
                copy = Page.objects.get(slug=f"copy-{n}")
                self.assertFalse(copy.live)
                self.assertIsNone(copy.alias_of_id)
                self.assert_readers_see_the_signed_off_text()

    def test_moving_the_live_page_is_refused(self):
        url = reverse(
            "wagtailadmin_pages:move_confirm", args=[self.page.pk, self.other_section.pk]
        )
        response = self.client.post(url)
        self.assertIn(response.status_code, (302, 403))
        self.assertEqual(Page.objects.get(pk=self.page.pk).get_parent().pk, self.section.pk)
        self.assert_readers_see_the_signed_off_text()

    def test_moving_a_draft_keeps_it_a_draft(self):
        draft = make_technique(
            self.section, self.editor, reference=self.reference, live=False, title="New draft"
        )
        save_draft(draft, self.editor, summary=UNREVIEWED)
        url = reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, self.other_section.pk])
        self.client.post(url)
        self.assertFalse(Page.objects.get(pk=draft.pk).live)
        self.assert_readers_see_the_signed_off_text()

    def test_the_admin_api_page_actions_publish_nothing(self):
        unreviewed = save_draft(self.page, self.editor, summary=UNREVIEWED)
        base = f"/admin/api/main/pages/{self.page.pk}/action/"
        actions = {
            "publish": {},
            "copy": {"destination_page_id": self.other_section.pk, "keep_live": True},
            "create_alias": {"destination_page_id": self.other_section.pk},
            "revert_to_page_revision": {"revision_id": unreviewed.pk},
        }
        for action, payload in actions.items():
            with self.subTest(action):
                self.client.force_login(self.editor)
                response = self.client.post(
                    f"{base}{action}/", json.dumps(payload), content_type="application/json"
                )
                self.assertLess(response.status_code, 500)
                self.assert_readers_see_the_signed_off_text()


class SnippetRouteTests(BypassTestCase):
    """Person, Reference and ReflexologyPoint: direct publish, revert, approve, copy."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person = PersonFactory(name="Pat Author", role="Wellness editor", bio=SIGNED)
        cls.point = ReflexologyPointFactory(name="Thumb pad", how_to_press=SIGNED)

    def snippets(self):
        """(live object, its edit form with the unreviewed wording, the field that holds it)."""
        person = Person.objects.get(pk=self.person.pk)
        reference = Reference.objects.get(pk=self.reference.pk)
        point = ReflexologyPoint.objects.get(pk=self.point.pk)
        point_form = {
            "name": point.name,
            "hand_zone": point.hand_zone,
            "body_area": point.body_area,
            "how_to_press": UNREVIEWED,
            "evidence": point.evidence,
            "evidence_note": point.evidence_note,
        }
        return [
            (person, person_data(person, bio=UNREVIEWED), "bio"),
            (reference, reference_data(reference, title=UNREVIEWED), "title"),
            (point, point_form, "how_to_press"),
        ]

    def assert_snippet_unchanged(self, obj, field):
        obj = type(obj).objects.get(pk=obj.pk)
        self.assertTrue(obj.live)
        self.assertNotEqual(getattr(obj, field), UNREVIEWED)
        self.assertNotEqual(getattr(obj.live_revision.as_object(), field), UNREVIEWED)
        self.assert_no_record_points_at_unreviewed_text()

    def test_direct_publish_saves_a_draft(self):
        for obj, data, field in self.snippets():
            with self.subTest(type(obj).__name__):
                self.client.force_login(self.editor)
                self.client.post(snippet_url(obj, "edit"), {**data, "action-publish": "publish"})
                self.assert_snippet_unchanged(obj, field)
        self.assert_readers_see_the_signed_off_text()

    def test_reverting_to_an_unreviewed_revision_and_publishing_saves_a_draft(self):
        for obj, data, field in self.snippets():
            with self.subTest(type(obj).__name__):
                self.client.force_login(self.editor)
                self.client.post(snippet_url(obj, "edit"), data)
                unreviewed = type(obj).objects.get(pk=obj.pk).latest_revision
                url = snippet_url(obj, "revisions_revert", unreviewed.pk)
                self.assertEqual(self.client.get(url).status_code, 200)
                self.client.post(url, {**data, "action-publish": "publish"})
                self.assert_snippet_unchanged(obj, field)

    def test_an_editor_cannot_approve_a_snippet_review(self):
        for obj, data, field in self.snippets():
            with self.subTest(type(obj).__name__):
                self.client.force_login(self.author)
                self.client.post(snippet_url(obj, "edit"), {**data, "action-submit": "submit"})
                obj = type(obj).objects.get(pk=obj.pk)
                self.assertTrue(obj.workflow_in_progress)
                self.client.force_login(self.editor)
                task_state = obj.current_workflow_task_state
                approval = checklist()
                approval["revision"] = obj.latest_revision_id
                response = self.client.post(
                    snippet_url(obj, "workflow_action", "approve", task_state.pk), approval
                )
                self.assertIn(response.status_code, (302, 403))
                self.assert_snippet_unchanged(obj, field)

    def test_copying_a_snippet_makes_a_draft(self):
        for obj, data, _field in self.snippets():
            with self.subTest(type(obj).__name__):
                self.client.force_login(self.editor)
                model = type(obj)
                before = set(model.objects.values_list("pk", flat=True))
                copy_data = {**data, "action-publish": "publish"}
                if model is Person:
                    copy_data["slug"] = "copied-person"
                if model is Reference:
                    copy_data["key"] = "copied-key"
                response = self.client.post(snippet_url(obj, "copy"), copy_data)
                self.assertIn(response.status_code, (200, 302))
                for new in model.objects.exclude(pk__in=before):
                    self.assertFalse(new.live)


class SharedContentRouteTests(BypassTestCase):
    """Images, settings, promoted results, redirects and the read-only API."""

    def image_on_a_live_page(self, **fields):
        """An image a live page shows (published, so Wagtail's reference index knows)."""
        image = Image.objects.create(file=get_test_image_file(), **fields)
        make_technique(
            self.section, self.author, reference=self.reference, title="Pictured", hero_image=image
        )
        return image

    def test_the_multiple_uploader_cannot_reword_an_image_in_use(self):
        image = self.image_on_a_live_page(title="Hands on a towel", description="Two hands")
        response = self.client.post(
            reverse("wagtailimages:edit_multiple", args=[image.pk]),
            {
                f"image-{image.pk}-title": "Hands on a towel",
                f"image-{image.pk}-description": UNREVIEWED,
                f"image-{image.pk}-collection": Collection.get_first_root_node().pk,
                f"image-{image.pk}-tags": "",
            },
        )
        self.assertLess(response.status_code, 500)
        self.assertEqual(Image.objects.get(pk=image.pk).description, "Two hands")

    def test_an_editor_cannot_delete_an_image(self):
        image = self.image_on_a_live_page(title="In use")
        bulk = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
        for url in [reverse("wagtailimages:delete", args=[image.pk]), f"{bulk}?id={image.pk}"]:
            with self.subTest(url):
                response = self.client.post(url)
                self.assertLess(response.status_code, 500)
                self.assertTrue(Image.objects.filter(pk=image.pk).exists())
        # Site administrators still can.
        admin = make_user("sam", SITE_ADMINISTRATORS)
        self.client.force_login(admin)
        self.client.post(reverse("wagtailimages:delete", args=[image.pk]))
        self.assertFalse(Image.objects.filter(pk=image.pk).exists())

    def test_settings_that_put_words_on_pages_are_not_an_editors(self):
        site = default_site()
        for model, data in [
            (PublicationSettings, {"medical_disclaimer": json.dumps(UNREVIEWED)}),
            (DemoSettings, {"show_demo_notice": ""}),
        ]:
            with self.subTest(model.__name__):
                meta = model._meta
                url = reverse(
                    "wagtailsettings:edit", args=[meta.app_label, meta.model_name, site.pk]
                )
                response = self.client.post(url, data)
                self.assertIn(response.status_code, (302, 403))
                self.assertNotIn(UNREVIEWED, model.for_site(site).__dict__.values())
        self.assert_readers_see_the_signed_off_text()

    def test_a_promotions_own_description_never_reaches_readers(self):
        response = self.client.post(
            reverse("wagtailsearchpromotions:add"),
            {
                "query_string": "effleurage",
                "editors_picks-TOTAL_FORMS": 1,
                "editors_picks-INITIAL_FORMS": 0,
                "editors_picks-MAX_NUM_FORMS": 1000,
                "editors_picks-0-DELETE": "",
                "editors_picks-0-ORDER": 0,
                "editors_picks-0-page": self.page.pk,
                "editors_picks-0-description": UNREVIEWED,
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(SearchPromotion.objects.exists())
        self.client.logout()
        results = self.client.get("/search/", {"q": "effleurage"})
        self.assertContains(results, self.page.title)
        self.assertNotContains(results, UNREVIEWED)

    def test_redirects_are_not_an_editors(self):
        for url in [reverse("wagtailredirects:index"), reverse("wagtailredirects:add")]:
            with self.subTest(url):
                response = self.client.post(
                    url, {"old_path": self.page.url, "redirect_link": "https://example.com/"}
                )
                self.assertIn(response.status_code, (302, 403))
        self.assertFalse(Redirect.objects.exists())
        self.assert_readers_see_the_signed_off_text()

    def test_the_api_is_read_only(self):
        body = json.dumps({"title": UNREVIEWED, "summary": UNREVIEWED})
        for url in ["/api/v2/pages/", f"/api/v2/pages/{self.page.pk}/"]:
            for method in ("post", "put", "patch", "delete"):
                with self.subTest(url=url, method=method):
                    response = getattr(self.client, method)(
                        url, body, content_type="application/json"
                    )
                    self.assertEqual(response.status_code, 405)
        self.assert_readers_see_the_signed_off_text()
