"""Shared snippets shown on reviewed pages (references, people, reflexology points) go through review."""

import datetime
import importlib
import json

from bs4 import BeautifulSoup

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Revision, WorkflowState

from handcare.editorial.models import ReviewRecord
from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPoint
from tests.factories import (
    PersonFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    home_page,
    sign_off,
)

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    make_technique,
    make_user,
    snippet_approval,
)


def snippet_url(obj, view, *args):
    return reverse(obj.snippet_viewset.get_url_name(view), args=[obj.pk, *args])


def reference_data(reference, action=None, **changes):
    """The reference edit form as the browser posts it."""
    data = {
        "key": reference.key,
        "kind": reference.kind,
        "authors": reference.authors,
        "title": reference.title,
        "publisher": reference.publisher,
        "year": reference.year or "",
        "url": reference.url,
        "doi": reference.doi,
        "accessed": "",
    }
    data.update(changes)
    if action:
        data[f"action-{action}"] = action
    return data


def person_data(person, action=None, **changes):
    data = {
        "name": person.name,
        "role": person.role,
        "credentials": person.credentials,
        "bio": person.bio,
        "photo": "",
        "user": person.user_id or "",
    }
    data.update(changes)
    if action:
        data[f"action-{action}"] = action
    return data


def task_state(obj):
    return type(obj).objects.get(pk=obj.pk).current_workflow_task_state


class ReferenceReviewTests(TestCase):
    """An editor's change to a reference reaches readers only once a reviewer signs it off."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.editor = make_user("edith", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.admin = make_user("ada", SITE_ADMINISTRATORS)
        cls.reference = ReferenceFactory(key="field-2016", title="Massage and anxiety")
        cls.page = make_technique(cls.section, cls.editor, reference=cls.reference)

    def edit(self, user, action=None, **changes):
        self.client.force_login(user)
        reference = Reference.objects.get(pk=self.reference.pk)
        return self.client.post(
            snippet_url(reference, "edit"), reference_data(reference, action, **changes)
        )

    def public_page(self):
        self.client.logout()
        return self.client.get(self.page.get_url())

    def test_a_saved_draft_leaves_the_live_reference_and_pages_alone(self):
        response = self.edit(self.editor, title="Massage cures anxiety")
        self.assertEqual(response.status_code, 302)
        reference = Reference.objects.get(pk=self.reference.pk)
        self.assertEqual(reference.title, "Massage and anxiety")
        self.assertTrue(reference.has_unpublished_changes)
        self.assertEqual(
            reference.latest_revision.as_object().title, "Massage cures anxiety"
        )  # the draft is kept
        page = self.public_page()
        self.assertContains(page, "Massage and anxiety")
        self.assertNotContains(page, "Massage cures anxiety")

    def test_an_editor_cannot_publish_a_reference(self):
        self.edit(self.editor, "publish", title="Massage cures anxiety")
        self.assertEqual(Reference.objects.get(pk=self.reference.pk).title, "Massage and anxiety")
        self.assertNotContains(self.public_page(), "Massage cures anxiety")

    def test_the_reference_rules_run_when_it_is_submitted(self):
        # Stripping the year and DOI is saved as a draft...
        response = self.edit(self.editor, year="", doi="")
        self.assertEqual(response.status_code, 302)
        # ...but cannot go to review, with the errors on the fields to fix.
        response = self.edit(self.editor, "submit", year="", doi="")
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("A reference needs a year of publication.", form.errors["year"])
        self.assertIn("A reference needs a URL or a DOI", form.errors["url"][0])
        self.assertFalse(Reference.objects.get(pk=self.reference.pk).workflow_in_progress)

    def test_a_reviewer_sees_the_pages_a_change_touches_and_signs_it_off(self):
        self.edit(self.editor, "submit", title="Hand massage and state anxiety")
        reference = Reference.objects.get(pk=self.reference.pk)
        self.assertTrue(reference.workflow_in_progress)

        self.client.force_login(self.rita)
        # The reference waits in the reviewer's dashboard queue, linking to its edit view.
        dashboard = BeautifulSoup(self.client.get("/admin/").content, "html.parser")
        queue = dashboard.select_one('[data-review-panel="waiting-for-my-review"]')
        self.assertIsNotNone(queue.find("a", href=snippet_url(reference, "edit")))
        url = snippet_url(reference, "workflow_action", "approve", task_state(reference).pk)
        response = self.client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        html = BeautifulSoup(json.loads(response.content)["html"], "html.parser")
        usage = html.select_one("[data-review-usage]")
        self.assertIn(self.page.title, usage.get_text())
        self.assertEqual(
            int(html.select_one('input[name="revision"]')["value"]), reference.latest_revision_id
        )

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, snippet_approval(reference))
        reference = Reference.objects.get(pk=self.reference.pk)
        self.assertEqual(reference.title, "Hand massage and state anxiety")
        self.assertFalse(reference.has_unpublished_changes)
        record = ReviewRecord.objects.get()
        self.assertEqual(record.content_type, ContentType.objects.get_for_model(Reference))
        self.assertEqual(record.object_id, str(reference.pk))
        self.assertEqual(record.revision_id, reference.live_revision_id)
        self.assertEqual(record.reviewer_name, "Rita Reviewer")
        self.assertEqual(reference.last_review, record)
        self.assertContains(self.public_page(), "Hand massage and state anxiety")

    def test_approving_from_the_edit_view_adds_no_revision(self):
        self.edit(self.editor, "submit", title="Hand massage and state anxiety")
        reference = Reference.objects.get(pk=self.reference.pk)
        submitted = reference.latest_revision_id
        extra = {**{k: True for k in checklist() if k != "comment"}, "revision": submitted}
        self.client.force_login(self.rita)
        data = reference_data(reference.latest_revision.as_object(), "workflow-action")
        data.update(
            {"workflow-action-name": "approve", "workflow-action-extra-data": json.dumps(extra)}
        )
        self.client.post(snippet_url(reference, "edit"), data)
        reference = Reference.objects.get(pk=self.reference.pk)
        self.assertEqual(reference.live_revision_id, submitted)
        self.assertEqual(reference.latest_revision_id, submitted)
        self.assertEqual(ReviewRecord.objects.get().revision_id, submitted)

    def test_the_reviewer_cannot_sign_off_their_own_change(self):
        self.edit(self.rita, "submit", title="Rita's own wording")
        reference = Reference.objects.get(pk=self.reference.pk)
        url = snippet_url(reference, "workflow_action", "approve", task_state(reference).pk)
        response = self.client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        self.assertIn("data-review-blocked", json.loads(response.content)["html"])
        self.client.post(url, snippet_approval(reference))
        self.assertEqual(Reference.objects.get(pk=self.reference.pk).title, "Massage and anxiety")
        self.assertFalse(ReviewRecord.objects.exists())

    def test_a_new_reference_is_a_draft_that_pages_cannot_publish_with(self):
        self.client.force_login(self.editor)
        draft = Reference(key="new-2024", title="A new trial", year=2024, doi="10.5555/new.1")
        response = self.client.post(
            reverse(Reference.snippet_viewset.get_url_name("add")), reference_data(draft)
        )
        self.assertEqual(response.status_code, 302)
        created = Reference.objects.get(key="new-2024")
        self.assertFalse(created.live)
        problems = self.page.specific.evidence_problems(references=[created])
        self.assertIn("a draft nobody has reviewed yet", problems[0].message)


class PersonReviewTests(TestCase):
    """A reviewer's public credentials change only through review."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.editor = make_user("edith", EDITORS)
        cls.person = PersonFactory(
            name="Rita Reviewer", role="Hand therapist", credentials="BSc Physiotherapy"
        )
        reference = ReferenceFactory()
        cls.page = make_technique(section, cls.editor, reference=reference)
        sign_off(cls.page, cls.person, datetime.date(2026, 1, 10), datetime.date(2028, 1, 10))

    def test_fabricated_credentials_stay_a_draft(self):
        self.client.force_login(self.editor)
        person = Person.objects.get(pk=self.person.pk)
        response = self.client.post(
            snippet_url(person, "edit"),
            person_data(person, credentials="Professor of Everything, Nobel laureate"),
        )
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        page = self.client.get(self.page.get_url())
        self.assertContains(page, "BSc Physiotherapy")
        self.assertNotContains(page, "Nobel laureate")

    def test_the_byline_keeps_the_name_and_role_signed_off(self):
        # A name changed later (even once reviewed) does not rewrite an earlier sign-off.
        Person.objects.filter(pk=self.person.pk).update(name="Someone Else", role="Intern")
        page = self.client.get(self.page.get_url())
        self.assertContains(page, "Reviewed by Rita Reviewer, Hand therapist")


class ReflexologyPointReviewTests(TestCase):
    """Pressing advice on a reflexology page changes only through review."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(
            parent=home_page(), title="Reflexology", slug="reflexology", topic="reflexology"
        )
        cls.editor = make_user("edith", EDITORS)
        cls.point = ReflexologyPointFactory(
            name="Thumb pad", how_to_press="Press gently for ten seconds."
        )
        reference = ReferenceFactory()
        cls.page = ReflexologyPageFactory(
            parent=section,
            evidence_summary=f"<p>Little is known [cite:{reference.key}].</p>",
            references=[reference],
            points=[cls.point],
        )

    def test_dangerous_advice_stays_a_draft(self):
        self.client.force_login(self.editor)
        point = ReflexologyPoint.objects.get(pk=self.point.pk)
        data = {
            "name": point.name,
            "hand_zone": point.hand_zone,
            "body_area": point.body_area,
            "how_to_press": "Press as hard as you can for 20 minutes.",
            "evidence": point.evidence,
            "evidence_note": point.evidence_note,
        }
        self.assertEqual(self.client.post(snippet_url(point, "edit"), data).status_code, 302)
        self.client.logout()
        page = self.client.get(self.page.get_url())
        self.assertContains(page, "Press gently for ten seconds.")
        self.assertNotContains(page, "as hard as you can")

    def test_a_draft_point_is_not_shown_to_readers(self):
        draft = ReflexologyPointFactory(name="Palm centre", publish=False)
        self.assertFalse(draft.live)
        page = ReflexologyPageFactory(
            parent=self.page.get_parent(), slug="with-draft", points=[self.point, draft]
        )
        self.assertEqual([point.name for point in page.public_points()], ["Thumb pad"])
        codes = {problem.field for problem in page.evidence_problems()}
        self.assertIn("point_links", codes)


class SnippetMigrationTests(TestCase):
    """Migration editorial 0004 makes every existing snippet live with one initial revision."""

    def test_existing_snippets_get_one_live_revision(self):
        migration = importlib.import_module("handcare.editorial.migrations.0004_snippet_review")
        person = Person.objects.create(name="Old Profile", role="Editor")
        reference = Reference.objects.create(key="old-2001", title="Old source", year=2001)
        point = ReflexologyPoint.objects.create(
            name="Old point", hand_zone="palm", body_area="chest", how_to_press="Gently."
        )
        migration.forwards(apps, None)
        migration.forwards(apps, None)  # a second run adds nothing
        for obj in (person, reference, point):
            with self.subTest(type(obj).__name__):
                obj = type(obj).objects.get(pk=obj.pk)
                revisions = Revision.objects.filter(
                    base_content_type=ContentType.objects.get_for_model(type(obj)),
                    object_id=str(obj.pk),
                )
                self.assertEqual(revisions.count(), 1)
                self.assertTrue(obj.live)
                self.assertEqual(obj.live_revision, revisions.get())
                self.assertEqual(obj.latest_revision, revisions.get())
                self.assertFalse(obj.has_unpublished_changes)
        self.assertEqual(
            Revision.objects.get(object_id=str(reference.pk), base_content_type__model="reference")
            .as_object()
            .title,
            "Old source",
        )
        # The Editorial review workflow covers each reviewed snippet type.
        for model in (Person, Reference, ReflexologyPoint):
            self.assertEqual(model().get_workflow().name, "Editorial review")
        self.assertFalse(WorkflowState.objects.exists())
