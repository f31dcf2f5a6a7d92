"""Readers talk back in real Chromium: feedback on an article, the contact form, the honeypot."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.core import mail

from wagtail.contrib.forms.models import FormSubmission

from handcare.contact.models import ContactFormField, ContactPage
from handcare.feedback.models import PageFeedback
from tests.factories import SectionPageFactory, TechniquePageFactory, home_page

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def article(transactional_db):
    section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
    page = TechniquePageFactory(parent=section, title="Palm glide", slug="palm-glide")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def contact_page(transactional_db):
    page = ContactPage(
        title="Leave a message",
        slug="contact",
        to_address="editors@handcare.invalid",
        from_address="site@handcare.invalid",
        subject="Contact page message",
        thank_you_text="<p>Thanks, we read every message.</p>",
    )
    for order, (label, field_type, required) in enumerate(
        [("Your name", "singleline", False), ("Your message", "multiline", True)]
    ):
        page.form_fields.add(
            ContactFormField(
                sort_order=order, label=label, field_type=field_type, required=required
            )
        )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def blocking_violations(page):
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS], results


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_reports_a_problem_and_goes_back(live_server, article, page):
    page.goto(f"{live_server.url}{article.url}")
    feedback = page.get_by_role("region", name="Was this page helpful?")
    expect(feedback).to_be_visible()
    feedback.get_by_text("Report a problem with this page").click()
    feedback.get_by_label("A link does not work").check()
    feedback.get_by_label("Tell us more (optional)").fill("The second source link is broken.")
    feedback.get_by_role("button", name="Send report").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    stored = PageFeedback.objects.get()
    assert (stored.page_id, stored.revision_id) == (article.pk, article.live_revision_id)
    assert (stored.helpful, stored.problem) == (False, "broken_link")
    assert stored.comment == "The second source link is broken."

    page.get_by_role("link", name="Back to Palm glide").click()
    expect(page).to_have_url(f"{live_server.url}{article.url}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_says_the_page_helped(live_server, article, page):
    page.goto(f"{live_server.url}{article.url}")
    blocking, results = blocking_violations(page)
    assert not blocking, results.generate_report()
    page.get_by_role("button", name="Yes", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    stored = PageFeedback.objects.get()
    assert stored.helpful and not stored.problem


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_leaves_a_message(live_server, contact_page, page):
    page.goto(f"{live_server.url}/contact/")
    blocking, results = blocking_violations(page)
    assert not blocking, results.generate_report()
    # Sent empty: the error says what to fix, and nothing is stored.
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("alert")).to_contain_text("Your message: This field is required.")
    assert FormSubmission.objects.count() == 0

    page.get_by_label("Your name (optional)").fill("Ada")
    page.get_by_label("Your message").fill("Could you add a routine for long flights?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your message")
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.form_data["your_message"] == "Could you add a routine for long flights?"
    assert len(mail.outbox) == 1
    assert "long flights" in mail.outbox[0].body


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_honeypot_refuses_a_bot(live_server, article, contact_page, page):
    # People never see the field; a form-filling bot completes every input it finds.
    page.goto(f"{live_server.url}/contact/")
    trap = page.locator("input[name='hc_leave_empty']")
    expect(trap).not_to_be_in_viewport()
    assert trap.get_attribute("tabindex") == "-1"
    page.get_by_label("Your message").fill("Cheap watches")
    trap.evaluate("input => { input.value = 'https://spam.example/'; }")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("alert")).to_contain_text("Your message was not sent")
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []

    page.goto(f"{live_server.url}{article.url}")
    page.get_by_text("Report a problem with this page").click()
    page.locator("input[name='hc_leave_empty']").evaluate(
        "input => { input.value = 'https://spam.example/'; }"
    )
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback not sent")
    assert PageFeedback.objects.count() == 0
