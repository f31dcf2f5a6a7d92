import pytest

from handcare.contact.models import ContactFormField, ContactPage
from tests.factories import home_page

MESSAGE = "your_message"


@pytest.fixture
def contact_page(db):
    """The contact page as the demo loader builds it: name, e-mail, message."""
    page = ContactPage(
        title="Leave a message",
        slug="contact",
        to_address="editors@handcare.invalid",
        from_address="site@handcare.invalid",
        subject="Contact page message",
        thank_you_text="<p>Thanks, we read every message.</p>",
    )
    fields = [
        ("Your name", "singleline", False),
        ("Your e-mail address", "email", False),
        ("Your message", "multiline", True),
    ]
    for order, (label, field_type, required) in enumerate(fields):
        page.form_fields.add(
            ContactFormField(
                sort_order=order, label=label, field_type=field_type, required=required
            )
        )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page
