"""The mail server failing: every form submission, feedback, review decision and reminder is kept.

Django's real SMTP backend talks to a local port where nothing listens, or where a tiny SMTP
server (servers.py) refuses at the greeting (421) or refuses each message (554).
"""

import datetime
import logging
import zoneinfo

import pytest
import time_machine

from django.core import mail
from django.test import Client

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, WorkflowState

from handcare.editorial.models import ReviewRecord, ReviewReminder
from handcare.editorial.reminders import send_review_reminders
from handcare.editorial.signoff import record_review
from handcare.feedback.models import PageFeedback
from techniques.models import TechniquePage
from tests.contact.conftest import MESSAGE, contact_page  # noqa: F401 (a fixture)
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    add_url,
    checklist,
    edit_url,
    make_technique,
    make_user,
    step,
    technique_data,
    workflow_action_url,
)
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

from .servers import failing_smtp

MODES = ["closed", "421", "554"]
LONDON = zoneinfo.ZoneInfo("Europe/London")
# Who logs a workflow e-mail that failed: Wagtail for a refused connection or message, our
# wrapper (handcare/editorial/signal_handlers.py) for a refused greeting, which Wagtail lets through.
NOTIFICATION_FAILURE_LOG = {
    "closed": ("wagtail.admin", "Mail connection error, notification sending skipped"),
    "421": ("handcare.editorial.signal_handlers", "not sent, the decision is saved"),
    "554": ("wagtail.admin", "Failed to send notification email"),
}


@pytest.fixture(params=MODES)
def mail_down(request, settings):
    """Django's SMTP backend pointed at a mail server failing in one of MODES."""
    with failing_smtp(request.param) as port:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 5
        yield request.param


def logged(caplog, logger, text):
    return [
        r
        for r in caplog.records
        if r.name == logger and r.levelno >= logging.WARNING and text in r.getMessage()
    ]


@pytest.mark.django_db
def test_a_contact_message_is_stored_and_the_reader_thanked(mail_down, contact_page, caplog):  # noqa: F811
    client = Client()
    assert client.get(contact_page.url).status_code == 200
    response = client.post(contact_page.url, {MESSAGE: "The wrist article has a typo."})
    assert response.status_code == 200
    assert b"Thanks, we read every message." in response.content
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.form_data[MESSAGE] == "The wrist article has a typo."
    assert logged(caplog, "handcare.contact.models", f"{submission.pk} stored but not e-mailed")


@pytest.mark.django_db
def test_reader_feedback_is_stored(mail_down):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    article = make_technique(section, make_user("olive", EDITORS), title="Palm glide")
    response = Client().post(
        "/feedback/",
        {"page": article.pk, "revision": article.live_revision_id, "helpful": "no",
         "problem": "unclear", "comment": "Which way do I glide?"},
        HTTP_ORIGIN="http://testserver",
    )  # fmt: skip
    assert response.status_code == 302
    assert PageFeedback.objects.get(page=article).comment == "Which way do I glide?"


# Committed for real (transaction=True): Wagtail's workflow e-mails go out once the decision
# commits (handcare/editorial/signal_handlers.py), inside the request as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submission_approval_and_change_request_are_recorded(mail_down, caplog):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    reference = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
    editor = make_user("edith", EDITORS, email="edith@example.test")
    reviewer = Client()
    reviewer.force_login(
        make_user("rita", REVIEWERS, name="Rita Reviewer", email="rita@example.test")
    )
    author = Client()
    author.force_login(editor)

    # The editor submits: the reviewers' "submitted" e-mail fails, the submission stands.
    response = author.post(
        add_url(TechniquePage, section),
        technique_data(
            title="Effleurage",
            steps=[step("Glide", "<p>Glide from wrist to fingertips [cite:field-2016].</p>")],
            references=[reference],
            action="submit",
        ),
    )
    assert response.status_code == 302
    page = TechniquePage.objects.get(slug="effleurage")
    assert Page.objects.get(pk=page.pk).current_workflow_state.status == "in_progress"

    # The reviewer asks for changes: the editor's e-mail fails, the request and comment stand.
    response = reviewer.post(
        workflow_action_url(page, "reject"), {"comment": "Add a caution for broken skin."}
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "Add a caution" in state.current_task_state.comment

    # Resubmitted and approved: published and signed off although no e-mail can go out.
    response = author.post(
        edit_url(page),
        technique_data(
            page,
            steps=[step("Glide", "<p>Glide from wrist to fingertips [cite:field-2016].</p>")],
            references=[reference],
            action="submit",
        ),
    )
    assert response.status_code == 302
    submitted = Page.objects.get(pk=page.pk).current_workflow_task_state.revision
    response = reviewer.post(
        workflow_action_url(page, "approve"), checklist("Checked against Field 2016.", page=page)
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url(page)
    page = TechniquePage.objects.get(pk=page.pk)
    assert page.live
    assert page.live_revision == submitted
    record = ReviewRecord.objects.for_object(page).get()
    assert record.kind == ReviewRecord.Kind.APPROVAL
    assert record.note == "Checked against Field 2016."
    assert page.last_reviewed is not None

    # Every failed notification left a record in the log, none a 500.
    logger, text = NOTIFICATION_FAILURE_LOG[mail_down]
    assert logged(caplog, logger, text), [r.getMessage() for r in caplog.records]


@pytest.mark.django_db
def test_review_reminders_that_fail_are_sent_on_a_later_run(mail_down, settings, caplog):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    owner = make_user("olive", EDITORS, email="olive@example.test")
    reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", email="rita@example.test")
    reference = ReferenceFactory()
    kneading = make_technique(section, owner, reference=reference, title="Kneading")
    gliding = make_technique(section, owner, reference=reference, title="Gliding")
    # Signed off on 10 March 2025: both fall due on 10 March 2027.
    with time_machine.travel(datetime.datetime(2025, 3, 10, 12, tzinfo=LONDON)):
        for page in (kneading, gliding):
            record_review(page, reviewer, page.live_revision, ReviewRecord.Kind.APPROVAL)

    with time_machine.travel(datetime.datetime(2027, 2, 20, 7, tzinfo=LONDON)):
        assert send_review_reminders() == 0
        # Nothing is recorded as sent, so the next run tries again; each failure is logged.
        assert not ReviewReminder.objects.exists()
        assert len(logged(caplog, "handcare.editorial.reminders", "not sent")) == 2

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert send_review_reminders() == 2
        assert sorted(message.subject.split(": ")[1] for message in mail.outbox) == [
            "Gliding",
            "Kneading",
        ]
        assert ReviewReminder.objects.count() == 2
