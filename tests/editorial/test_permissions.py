"""Who may do what to an article, through the real admin URLs.

The matrix covers anonymous visitors and one member of each role (none of them the article's
author) against every editorial action, on a live article and on a never-published draft.
Each case asserts the response and the state the article is left in.
"""

import json

import pytest

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Page, WorkflowState

from handcare.editorial.models import ReviewRecord
from handcare.editorial.signoff import SELF_APPROVAL_MESSAGE
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    checklist,
    edit_url,
    login_redirect,
    make_technique,
    make_user,
    save_draft,
    step,
    submit,
    technique_data,
    workflow_action_url,
)

ROLES = ["anonymous", "editor", "reviewer", "site_admin"]
ACTIONS = [
    "view_draft",
    "preview",
    "edit",
    "submit",
    "approve",
    "request_changes",
    "publish",
    "unpublish",
    "delete",
]
STATES = ["live", "draft"]

ALWAYS = {"view_draft", "preview", "edit", "submit"}
ALLOWED = {
    "anonymous": set(),
    "editor": ALWAYS,
    "reviewer": ALWAYS | {"approve", "request_changes"},
    "site_admin": ALWAYS | {"publish", "unpublish", "delete"},
}


def is_allowed(role, action, state):
    if action == "unpublish" and state == "draft":
        return False  # nothing to unpublish, whoever asks
    if action == "delete" and state == "draft" and role != "anonymous":
        return True  # anyone who may edit a draft may bin it; live content is protected
    return action in ALLOWED[role]


NEW_TITLE = "Effleurage, revised"


@pytest.fixture
def article(request, section, reference, author):
    """The article in the state under test, with a review waiting where the action needs one."""
    state, action = request.param
    page = make_technique(section, author, reference=reference, live=state == "live")
    if action in ("approve", "request_changes"):
        submit(page, author, title=NEW_TITLE)
    return Page.objects.get(pk=page.pk).specific


def post_page_form(client, page, reference, action):
    data = technique_data(
        page,
        title=NEW_TITLE,
        steps=[step("Glide", f"<p>Glide slowly [cite:{reference.key}]</p>")],
        references=[reference],
        action=action,
    )
    return client.post(edit_url(page), data)


def perform(client, action, page, reference):
    """Do ``action`` to ``page`` as the logged-in client; returns the final response."""
    if action == "view_draft":
        return client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    if action == "preview":
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        data = technique_data(
            page,
            title="Preview title",
            steps=[step("Glide", f"<p>Glide [cite:{reference.key}]</p>")],
            references=[reference],
        )
        response = client.post(url, data)
        if response.status_code != 200:
            return response
        assert json.loads(response.content)["is_valid"] is True
        return client.get(url)
    if action == "edit":
        response = client.get(edit_url(page))
        if response.status_code != 200:
            return response
        return post_page_form(client, page, reference, None)
    if action in ("submit", "publish"):
        return post_page_form(client, page, reference, action)
    if action == "approve":
        return client.post(workflow_action_url(page, "approve"), checklist("Checked.", page=page))
    if action == "request_changes":
        return client.post(
            workflow_action_url(page, "reject"), {"comment": "Cite a source for step 1."}
        )
    if action == "unpublish":
        return client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    if action == "delete":
        return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    raise AssertionError(action)


def assert_refused(response):
    """Wagtail answers a refused admin request with a 403, or a redirect to the dashboard."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    else:
        assert response.status_code == 403, response.status_code


def latest_title(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title


@pytest.mark.django_db
@pytest.mark.parametrize(
    "article",
    [(state, action) for state in STATES for action in ACTIONS],
    indirect=True,
    ids=[f"{state}-{action}" for state in STATES for action in ACTIONS],
)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(
    client, role_users, article, reference, role, request, django_capture_on_commit_callbacks
):
    state, action = request.node.callspec.params["article"]
    allowed = is_allowed(role, action, state)
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    before = Page.objects.get(pk=article.pk)
    revisions_before = before.revisions.count()
    live_title_before = before.title
    mail.outbox.clear()

    # Workflow e-mails go out when the transaction commits, as they do outside tests.
    with django_capture_on_commit_callbacks(execute=True):
        response = perform(client, action, article, reference)

    page = Page.objects.filter(pk=article.pk).first()
    if role == "anonymous":
        # Every admin URL sends visitors to the login form and changes nothing.
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login") + "?next=")
        assert page is not None
        assert page.live == before.live
        assert page.revisions.count() == revisions_before
        return

    if action == "view_draft":
        assert response.status_code == 200
        assert article.title.encode() in response.content
    elif action == "preview":
        assert response.status_code == 200
        assert b"Preview title" in response.content
        assert page.revisions.count() == revisions_before  # previews are not saved
    elif action == "edit":
        assert response.status_code == 302
        assert response["Location"] == edit_url(article)
        assert latest_title(page) == NEW_TITLE
        assert page.live == before.live
        if state == "live":
            assert page.title == live_title_before  # a draft never changes what readers see
    elif action == "submit":
        assert response.status_code == 302
        assert page.workflow_in_progress
        assert page.current_workflow_state.requested_by == user
        assert page.live == before.live
        if state == "live":
            assert page.title == live_title_before
    elif action == "approve":
        if allowed:
            assert response.status_code == 302
            assert page.live
            assert page.title == NEW_TITLE
            assert ReviewRecord.objects.for_object(page).filter(reviewer_user=user).count() == 1
        else:
            assert_refused(response)
            assert page.live == before.live
            assert page.title == live_title_before
            assert page.workflow_in_progress
            assert not ReviewRecord.objects.exists()
    elif action == "request_changes":
        if allowed:
            assert response.status_code == 302
            assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
            assert any("Cite a source for step 1." in message.body for message in mail.outbox)
        else:
            assert_refused(response)
            assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
            assert not mail.outbox
        assert page.live == before.live
    elif action == "publish":
        if allowed:
            assert response.status_code == 302
            assert page.live
            assert page.title == NEW_TITLE
            assert not page.has_unpublished_changes
        else:
            # Without publish permission Wagtail only saves a draft: readers see no change.
            assert page.live == before.live
            assert latest_title(page) == NEW_TITLE
            if state == "live":
                assert page.title == live_title_before
                assert page.live_revision_id == before.live_revision_id
                assert page.has_unpublished_changes
    elif action == "unpublish":
        if allowed:
            assert response.status_code == 302
            assert not page.live
        else:
            assert_refused(response)
            assert page.live == before.live
    elif action == "delete":
        if allowed:
            assert response.status_code == 302
            assert page is None
        else:
            assert_refused(response)
            assert page is not None
            assert page.live
    else:
        raise AssertionError(action)


def test_matrix_expectations_follow_the_roles():
    """The table itself: editors never publish, unpublish or delete live content."""
    for action in ("publish", "unpublish", "delete", "approve", "request_changes"):
        assert not is_allowed("editor", action, "live")
    for action in ("publish", "unpublish", "delete"):
        assert not is_allowed("reviewer", action, "live")
    assert is_allowed("reviewer", "approve", "live")
    assert not is_allowed("site_admin", "approve", "live")


class SelfApprovalTests(TestCase):
    """Nobody signs off their own change: another reviewer must approve it."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.reference = ReferenceFactory(key="field-2016")
        cls.author = make_user("author", EDITORS)
        cls.rita = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        cls.omar = make_user("omar", REVIEWERS, name="Omar Other", role="Physiotherapist")
        cls.admin = make_user("sam", SITE_ADMINISTRATORS)
        cls.page = make_technique(section, cls.author, reference=cls.reference, live=False)

    def approve_modal(self, user):
        self.client.force_login(user)
        response = self.client.get(workflow_action_url(self.page, "approve"))
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)["html"]

    def assert_refused_and_unpublished(self, response):
        # Refused outright (no approval action for this user: the dashboard), or refused with the
        # reason shown on the article's edit view.
        self.assertEqual(response.status_code, 302)
        self.assertIn(response["Location"], {reverse("wagtailadmin_home"), edit_url(self.page)})
        page = Page.objects.get(pk=self.page.pk)
        self.assertFalse(page.live)
        self.assertTrue(page.workflow_in_progress)
        self.assertFalse(ReviewRecord.objects.exists())

    def test_reviewer_who_edited_before_submission_is_blocked(self):
        save_draft(self.page, self.rita, summary="Rita rewrote the summary.")
        submit(self.page, self.author, title="Effleurage, second draft")

        html = self.approve_modal(self.rita)
        self.assertIn(SELF_APPROVAL_MESSAGE, html)
        self.assertIn("data-review-blocked", html)
        self.assertNotIn('name="facts_match_sources"', html)  # no form to tick

        response = self.client.post(
            workflow_action_url(self.page, "approve"), checklist(page=self.page)
        )
        self.assert_refused_and_unpublished(response)

        # Through the modal's XHR, the dialog is sent to the edit view, which says why.
        response = self.client.post(
            workflow_action_url(self.page, "approve"),
            checklist(page=self.page),
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        self.assertEqual(response.json(), {"step": "success", "redirect": edit_url(self.page)})
        self.assertFalse(Page.objects.get(pk=self.page.pk).live)
        self.assertContains(self.client.get(edit_url(self.page)), SELF_APPROVAL_MESSAGE)

        # Another reviewer signs it off.
        html = self.approve_modal(self.omar)
        self.assertNotIn(SELF_APPROVAL_MESSAGE, html)
        self.assertIn('name="facts_match_sources"', html)
        response = self.client.post(
            workflow_action_url(self.page, "approve"), checklist(page=self.page)
        )
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(ReviewRecord.objects.get().reviewer_user, self.omar)

    def test_reviewer_who_edits_during_the_review_is_blocked(self):
        submit(self.page, self.author)
        # Rita fixes a typo while the article waits for review: her edit is now under review.
        rita_revision = save_draft(self.page, self.rita, title="Effleurage (typo fixed)")

        self.assertIn(SELF_APPROVAL_MESSAGE, self.approve_modal(self.rita))
        response = self.client.post(
            workflow_action_url(self.page, "approve"), checklist(page=self.page)
        )
        self.assert_refused_and_unpublished(response)

        self.approve_modal(self.omar)
        self.client.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        page = Page.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        # What Omar signed off, and what went live, includes Rita's edit.
        self.assertEqual(page.title, "Effleurage (typo fixed)")
        self.assertEqual(page.live_revision, rita_revision)
        self.assertEqual(ReviewRecord.objects.get().revision, rita_revision)

    def test_reviewer_who_submitted_the_article_is_blocked(self):
        submit(self.page, self.rita, summary="Rita wrote and submitted this.")
        self.assertIn(SELF_APPROVAL_MESSAGE, self.approve_modal(self.rita))
        response = self.client.post(
            workflow_action_url(self.page, "approve"), checklist(page=self.page)
        )
        self.assert_refused_and_unpublished(response)

    def test_edits_approved_earlier_by_someone_else_do_not_block(self):
        # Rita edited round one, Omar approved it; round two is the author's alone.
        save_draft(self.page, self.rita, summary="Rita's round-one wording.")
        submit(self.page, self.author)
        self.approve_modal(self.omar)
        self.client.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        submit(self.page, self.author, title="Effleurage, round two")

        html = self.approve_modal(self.rita)
        self.assertNotIn(SELF_APPROVAL_MESSAGE, html)
        self.client.post(workflow_action_url(self.page, "approve"), checklist(page=self.page))
        self.assertEqual(Page.objects.get(pk=self.page.pk).title, "Effleurage, round two")
        self.assertEqual(ReviewRecord.objects.count(), 2)

    def test_approving_from_the_edit_view_is_held_to_the_same_rules(self):
        """The editor's action menu posts the approval with the page form; no way around review."""
        save_draft(self.page, self.rita, summary="Rita's wording.")
        submit(self.page, self.author)
        self.client.force_login(self.rita)
        data = technique_data(
            self.page,
            steps=[step("Glide", f"<p>Glide slowly [cite:{self.reference.key}]</p>")],
            references=[self.reference],
        )
        data.update(
            {
                "action-workflow-action": "action-workflow-action",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps(
                    {name: True for name in checklist(page=self.page) if name != "comment"}
                ),
            }
        )
        response = self.client.post(edit_url(self.page), data)
        self.assert_refused_and_unpublished(response)

    def test_the_checklist_cannot_be_skipped_through_the_edit_view(self):
        submit(self.page, self.author)
        self.client.force_login(self.omar)
        data = technique_data(
            self.page,
            steps=[step("Glide", f"<p>Glide slowly [cite:{self.reference.key}]</p>")],
            references=[self.reference],
        )
        data.update(
            {
                "action-workflow-action": "action-workflow-action",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps(
                    {
                        "comment": "Looks fine",
                        "revision": Page.objects.get(pk=self.page.pk).latest_revision_id,
                    }
                ),
            }
        )
        response = self.client.post(edit_url(self.page), data, follow=True)
        self.assertRedirects(response, edit_url(self.page))
        # The posted form differs from the revision under review, so it is saved first and the
        # approval is refused as stale; an unchanged form is refused for the missing checks.
        text = response.content.decode()
        self.assertTrue(
            "Tick every check before you sign off" in text
            or "This article changed after you opened it" in text
        )
        self.assertFalse(Page.objects.get(pk=self.page.pk).live)
        self.assertFalse(ReviewRecord.objects.exists())

    def test_site_administrator_cannot_approve(self):
        submit(self.page, self.author)
        self.client.force_login(self.admin)
        response = self.client.get(workflow_action_url(self.page, "approve"))
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        response = self.client.post(
            workflow_action_url(self.page, "approve"), checklist(page=self.page)
        )
        self.assert_refused_and_unpublished(response)

    def test_anonymous_approval_goes_to_login(self):
        submit(self.page, self.author)
        url = workflow_action_url(self.page, "approve")
        response = self.client.post(url, checklist(page=self.page))
        self.assertRedirects(response, login_redirect(url), fetch_redirect_response=False)
        self.assertFalse(Page.objects.get(pk=self.page.pk).live)
