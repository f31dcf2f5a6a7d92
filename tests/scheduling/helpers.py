"""Builders for the scheduling tests: articles given a go-live time, submitted and approved in the admin."""

import zoneinfo

from django.test import override_settings
from django.utils.text import slugify

from techniques.models import TechniquePage
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    add_url,
    checklist,
    edit_url,
    make_user,
    step,
    technique_data,
    workflow_action_url,
)
from tests.factories import ReferenceFactory, SectionPageFactory, home_page


def newsroom():
    """A techniques section, a citable reference, an editor and a reviewer (with e-mail addresses)."""
    return {
        "section": SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques"),
        "reference": ReferenceFactory(key="field-2016", title="Hand massage and anxiety"),
        "editor": make_user("edith", EDITORS, email="edith@example.test"),
        "reviewer": make_user(
            "rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist", email="rita@x.test"
        ),
    }


LONDON = zoneinfo.ZoneInfo("Europe/London")
# The queue a worker drains, as base settings configure it; tests choose it where they need it
# (the test settings run background tasks inline).
DATABASE_QUEUE = {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}


def database_queue():
    """Settings with the "background" backend as in production: tasks wait for a worker."""
    return override_settings(
        TASKS={
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
            "background": DATABASE_QUEUE,
        }
    )


def go_live_input(moment):
    """A go-live time as the admin's date-time picker posts it (site time zone, to the minute)."""
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M")


def steps_citing(reference, text):
    return [step("Glide", f"<p>{text} [cite:{reference.key}].</p>")]


def schedule_new_article(client, editor, section, reference, go_live_at, text, title="Effleurage"):
    """The editor writes a technique, sets "go live at" and submits it; returns the page."""
    client.force_login(editor)
    data = technique_data(
        title=title, steps=steps_citing(reference, text), references=[reference], action="submit"
    )
    data["go_live_at"] = go_live_input(go_live_at)
    response = client.post(add_url(TechniquePage, section), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return TechniquePage.objects.get(slug=slugify(title))


def edit_data(page, reference, text, go_live_at=None, action=None):
    """The edit form of the technique with new step text (and go-live time)."""
    data = technique_data(
        page, steps=steps_citing(reference, text), references=[reference], action=action
    )
    data["go_live_at"] = go_live_input(go_live_at) if go_live_at else ""
    return data


def edit_article(client, editor, page, reference, text, go_live_at=None, action=None):
    """The editor changes the technique's text (and go-live time) and saves or submits it."""
    client.force_login(editor)
    response = client.post(edit_url(page), edit_data(page, reference, text, go_live_at, action))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return TechniquePage.objects.get(pk=page.pk)


def approve_in_admin(client, reviewer, page, comment="Checked against the source."):
    """The reviewer ticks the checklist and approves the revision the dialog shows."""
    client.force_login(reviewer)
    response = client.post(workflow_action_url(page, "approve"), checklist(comment, page=page))
    assert response.status_code == 302, response.status_code
    return TechniquePage.objects.get(pk=page.pk)
