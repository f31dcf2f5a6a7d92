"""Object-level checks: an id swapped in an admin URL never reaches what the user may not see or do.

Covered elsewhere (not repeated here):

- Editors opening the Review history (and its export): tests/editorial/test_review_history.py
  ``test_editors_do_not``; users outside the roles and the Reader feedback report:
  tests/feedback/test_staff_side.py ``test_feedback_is_hidden_from_users_outside_the_roles``
  (every role may read feedback of every page: all staff may edit every page, so there is no
  page whose feedback an Editor may not see);
- API ids of drafts and private pages (detail, find, child_of, descendant_of, ancestor_of):
  tests/api/test_pages_api.py;
- settings and redirects refused to Editors: tests/security/test_review_bypass.py.
"""

import json

from bs4 import BeautifulSoup

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from handcare.editorial.models import ReviewRecord, ReviewTask
from handcare.people.models import Person
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    confirm_review_url,
    make_technique,
    make_user,
    submit,
)
from tests.editorial.test_snippet_review import person_data, snippet_url
from tests.factories import PersonFactory, ReferenceFactory, SectionPageFactory, home_page

# Accounts no Editor should see named: their usernames and e-mail addresses.
HIDDEN_USERS = [("zebediah", "zebediah.secret@hidden.test"), ("quilla", "quilla.q@hidden.test")]


class PersonAccountFieldTests(TestCase):
    """The Person form's admin account field lists accounts to Site administrators only."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("eddie", EDITORS)
        cls.admin = make_user("sam", SITE_ADMINISTRATORS)
        cls.hidden = [
            make_user(username, EDITORS, email=email) for username, email in HIDDEN_USERS
        ]
        cls.linked = make_user("lindalinked", REVIEWERS, email="linda@linked.test")
        cls.person = PersonFactory(name="Linda Linked", role="Hand therapist", user=cls.linked)
        cls.unlinked = PersonFactory(name="Ulla Unlinked", role="Editor")

    def edit_page(self, user, person):
        self.client.force_login(user)
        response = self.client.get(snippet_url(person, "edit"))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_an_editor_sees_no_other_account(self):
        for person in (self.person, self.unlinked):
            with self.subTest(person.name):
                html = self.edit_page(self.editor, person)
                for username, email in HIDDEN_USERS:
                    self.assertNotIn(username, html)
                    self.assertNotIn(email, html)
                self.assertNotIn("sam@example.test", html)
                self.assertNotIn(">sam<", html)
                self.assertNotIn("linda@linked.test", html)
        # The account already linked is shown, read-only.
        field = BeautifulSoup(self.edit_page(self.editor, self.person), "html.parser").find(
            attrs={"name": "user"}
        )
        self.assertTrue(field.has_attr("disabled"))
        self.assertEqual(
            [option.get_text() for option in field.find_all("option")][-1:], ["lindalinked"]
        )

    def test_an_editor_cannot_link_or_unlink_an_account(self):
        self.client.force_login(self.editor)
        for person, user in [(self.unlinked, self.hidden[0].pk), (self.person, "")]:
            with self.subTest(person.name):
                person = Person.objects.get(pk=person.pk)
                response = self.client.post(
                    snippet_url(person, "edit"), person_data(person, user=user)
                )
                self.assertEqual(response.status_code, 302)
                draft = Person.objects.get(pk=person.pk).latest_revision.as_object()
                self.assertEqual(draft.user_id, person.user_id)

    def test_a_site_administrator_links_accounts(self):
        html = self.edit_page(self.admin, self.unlinked)
        self.assertIn("zebediah", html)
        person = Person.objects.get(pk=self.unlinked.pk)
        self.client.post(snippet_url(person, "edit"), person_data(person, user=self.hidden[0].pk))
        draft = Person.objects.get(pk=person.pk).latest_revision.as_object()
        self.assertEqual(draft.user_id, self.hidden[0].pk)


class SwappedIdTests(TestCase):
    """Two articles under review; the second section is reviewed by a group of its own."""

    @classmethod
    def setUpTestData(cls):
        home = home_page()
        techniques = SectionPageFactory(parent=home, title="Techniques", slug="techniques")
        reflexology = SectionPageFactory(
            parent=home, title="Reflexology", slug="reflexology", topic="reflexology"
        )
        reference = ReferenceFactory(key="field-2016")
        cls.author = make_user("author", EDITORS)
        cls.editor = make_user("eddie", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        specialists = Group.objects.create(name="Reflexology reviewers")
        task = ReviewTask.objects.create(name="Specialist review")
        task.groups.set([specialists])
        workflow = Workflow.objects.create(name="Specialist review")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(page=reflexology, workflow=workflow)
        cls.general = make_technique(techniques, cls.author, reference=reference, live=False)
        cls.special = make_technique(
            reflexology, cls.author, reference=reference, live=False, title="Thumb walking"
        )
        cls.person = PersonFactory(name="Pat Profile", role="Editor")

    def setUp(self):
        self.general_state = submit(self.general, self.author)
        self.special_state = submit(self.special, self.author)

    def test_a_reviewer_cannot_act_on_another_pages_task_through_their_own(self):
        self.client.force_login(self.rita)
        own = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[self.special.pk, "approve", self.special_state.pk],
        )
        self.assertIn(self.client.get(own).status_code, (302, 403))  # not Rita's to review
        for action, data in [
            ("approve", checklist(page=self.special)),
            ("reject", {"comment": "Rewrite it."}),
        ]:
            for name in ("workflow_action", "collect_workflow_action_data"):
                with self.subTest(action=action, view=name):
                    swapped = reverse(
                        f"wagtailadmin_pages:{name}",
                        args=[self.general.pk, action, self.special_state.pk],
                    )
                    # Wagtail checks the actions of the task state's own task (the specialists'),
                    # so the swap is refused like Rita's own URL for that page.
                    response = self.client.get(swapped)
                    self.assertIn(response.status_code, (302, 403, 404))
                    self.assertNotIn(b"Thumb walking", response.content)
                    response = self.client.post(swapped, data)
                    self.assertIn(response.status_code, (302, 403, 404))
                    self.assertNotIn(b"Thumb walking", response.content)
        special = Page.objects.get(pk=self.special.pk)
        self.assertFalse(special.live)
        self.assertEqual(special.current_workflow_task_state.status, "in_progress")
        self.assertFalse(ReviewRecord.objects.exists())
        # Her own task still works through its own URL.
        ok = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[self.general.pk, "approve", self.general_state.pk],
        )
        self.client.post(ok, checklist(page=self.general))
        self.assertTrue(Page.objects.get(pk=self.general.pk).live)

    def test_a_snippet_url_with_a_pages_task_state_is_refused(self):
        self.client.force_login(self.author)
        person = Person.objects.get(pk=self.person.pk)
        self.client.post(
            snippet_url(person, "edit"),
            {**person_data(person, bio="New bio"), "action-submit": "1"},
        )
        self.client.force_login(self.rita)
        url = snippet_url(person, "workflow_action", "approve", self.special_state.pk)
        response = self.client.post(url, checklist(page=self.special))
        self.assertIn(response.status_code, (302, 403, 404))
        self.assertFalse(Page.objects.get(pk=self.special.pk).live)
        self.assertFalse(ReviewRecord.objects.exists())

    def test_history_and_revision_urls_of_another_object_are_404(self):
        self.client.force_login(self.editor)
        general_revision = Page.objects.get(pk=self.general.pk).latest_revision_id
        special_revision = Page.objects.get(pk=self.special.pk).latest_revision_id
        urls = [
            reverse("wagtailadmin_pages:revisions_view", args=[self.general.pk, special_revision]),
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[self.general.pk, general_revision, special_revision],
            ),
            reverse(
                "wagtailadmin_pages:workflow_history_detail",
                args=[self.general.pk, self.special_state.workflow_state_id],
            ),
            snippet_url(self.person, "revisions_view", special_revision),
        ]
        for url in urls:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"Thumb walking", response.content)

    def test_reviewer_only_and_administrator_only_views_refuse_an_editor(self):
        self.client.force_login(self.editor)
        hidden = make_user("zebediah", EDITORS, email="zebediah.secret@hidden.test")
        urls = [
            confirm_review_url(self.general),
            reverse("wagtailusers_users:index"),
            reverse("wagtailusers_users:edit", args=[hidden.pk]),
            reverse("wagtailadmin_workflows:index"),
            reverse("wagtailadmin_workflows:edit", args=[Workflow.objects.first().pk]),
        ]
        for url in urls:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (302, 403))
                self.assertNotIn(b"zebediah.secret", response.content)
                response = self.client.post(url, {"email": "x@example.test"})
                self.assertIn(response.status_code, (302, 403))
        self.assertEqual(
            type(hidden).objects.get(pk=hidden.pk).email, "zebediah.secret@hidden.test"
        )
        self.assertEqual(json.dumps(list(ReviewRecord.objects.values())), "[]")
