"""The contact page ("Leave a message"), built on Wagtail's form builder."""

import logging

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from handcare.feedback import guards

logger = logging.getLogger(__name__)

# Wagtail's multi-line field has no length limit of its own; a message longer than this is
# refused with a clear error instead of being stored and e-mailed.
MESSAGE_MAX_LENGTH = 5000


def rate():
    """(posts, seconds) one address may send; HANDCARE_CONTACT_RATE overrides."""
    return getattr(settings, "HANDCARE_CONTACT_RATE", (5, 3600))


class ContactFormField(AbstractFormField):
    """One field of the contact form, chosen by editors."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    """A form readers use to write to the editors; messages are stored, then e-mailed."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="E-mail",
        ),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        for field in form.fields.values():
            if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
                field.validators.append(
                    MaxLengthValidator(
                        MESSAGE_MAX_LENGTH,
                        message=f"Please keep your message under {MESSAGE_MAX_LENGTH:,} "
                        "characters.",
                    )
                )
                field.widget.attrs["maxlength"] = str(MESSAGE_MAX_LENGTH)
        return form

    def refuse(self, request, message, status):
        """The contact page again, with the form as sent and what stopped it."""
        form = self.get_form(request.POST, page=self, user=request.user)
        form.is_valid()
        context = self.get_context(request)
        context["form"] = form
        context["refusal"] = message
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        add_never_cache_headers(response)
        return response

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            if guards.honeypot_filled(request.POST):
                logger.info("Contact message refused: honeypot filled")
                return self.refuse(
                    request,
                    "Your message was not sent: the field marked \u201cleave this field "
                    "empty\u201d was filled in.",
                    400,
                )
            if guards.rate_limited(request, "contact", *rate()):
                return self.refuse(
                    request,
                    "You have sent several messages in a short time. Please try again later.",
                    429,
                )
        response = super().serve(request, *args, **kwargs)
        # The form carries this reader's CSRF token: no shared cache may keep the page.
        add_never_cache_headers(response)
        return response

    def process_form_submission(self, form):
        """Store the message first; a failed e-mail is logged and the reader still thanked."""
        submission = FormMixin.process_form_submission(self, form)
        if self.to_address:
            try:
                self.send_mail(form)
            except Exception:
                # Nothing is lost: the message is in Forms -> submissions for the editors.
                logger.exception("Contact message %s stored but not e-mailed", submission.pk)
        return submission
