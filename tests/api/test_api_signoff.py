"""After a reviewer's approval the API shows the new text and the new sign-off at once."""

import json

import pytest

from django.test import Client

from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    checklist,
    make_technique,
    make_user,
    submit,
    workflow_action_url,
)
from tests.factories import ReferenceFactory, SectionPageFactory, home_page

pytestmark = pytest.mark.django_db


def test_a_reviewers_approval_reaches_the_api_at_once():
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    editor = make_user("edith", EDITORS)
    reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
    page = make_technique(section, editor, reference=ReferenceFactory(), summary="Old summary.")
    url = f"/api/v2/pages/{page.pk}/"
    reader = Client()
    before = json.loads(reader.get(url).content)
    assert before["summary"] == "Old summary."
    assert before["review"]["reviewer_name"] != "Rita Reviewer"

    submit(page, editor, summary="Reviewed new summary.")
    # Under review, the API keeps the live text.
    assert json.loads(reader.get(url).content)["summary"] == "Old summary."

    client = Client()
    client.force_login(reviewer)
    approval = client.post(workflow_action_url(page, "approve"), checklist(page=page))
    assert approval.status_code == 302
    after = json.loads(reader.get(url).content)
    assert after["summary"] == "Reviewed new summary."
    assert after["review"]["reviewer_name"] == "Rita Reviewer"
    assert after["review"]["reviewer_role"] == "Hand therapist"
    assert "note" not in after["review"] and "checklist" not in after["review"]
