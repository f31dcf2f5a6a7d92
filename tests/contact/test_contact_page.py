"""The contact page: messages stored, then e-mailed; spam turned away; never from the cache."""

import logging
from unittest import mock

import pytest

from django.core import mail
from django.test import Client, override_settings

from wagtail.contrib.forms.models import FormSubmission

from handcare.contact.models import MESSAGE_MAX_LENGTH
from handcare.performance.shared_cache import content_version

from .conftest import MESSAGE

pytestmark = pytest.mark.django_db


def csrf_client():
    return Client(enforce_csrf_checks=True)


def load_form(client, url):
    """GET the page as a reader does and return the CSRF token its form carries."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] != "HIT"
    assert "no-cache" in response["Cache-Control"]
    return response.context["csrf_token"], response


def post(client, url, token, **fields):
    data = {"csrfmiddlewaretoken": token, MESSAGE: "Hello editors.", **fields}
    return client.post(url, data)


def test_two_readers_each_get_a_working_form(contact_page):
    url = contact_page.url
    first, second = csrf_client(), csrf_client()
    token_one, page_one = load_form(first, url)
    token_two, page_two = load_form(second, url)
    # Nothing came from, or went into, the page cache: each reader has their own token.
    assert page_one["X-Cache"] == page_two["X-Cache"] == "BYPASS"
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert post(first, url, token_one).status_code == 200
    assert post(second, url, token_two).status_code == 200
    assert FormSubmission.objects.filter(page=contact_page).count() == 2
    # Loaded again, still not from the cache.
    assert first.get(url)["X-Cache"] == "BYPASS"


def test_a_message_is_stored_and_emailed(contact_page):
    client = csrf_client()
    token, _ = load_form(client, contact_page.url)
    response = post(
        client,
        contact_page.url,
        token,
        your_name="Ada",
        your_e_mail_address="ada@example.org",
        **{MESSAGE: "The sleep article has a typo."},
    )
    assert response.status_code == 200
    assert b"Thanks, we read every message." in response.content
    submission = FormSubmission.objects.get(page=contact_page)
    assert submission.form_data[MESSAGE] == "The sleep article has a typo."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editors@handcare.invalid"]
    assert "The sleep article has a typo." in mail.outbox[0].body
    assert "no-cache" in response["Cache-Control"]


def test_nothing_is_lost_when_the_email_fails(contact_page, caplog):
    client = csrf_client()
    token, _ = load_form(client, contact_page.url)
    with (
        mock.patch(
            "wagtail.contrib.forms.models.send_mail", side_effect=OSError("mail server down")
        ),
        caplog.at_level(logging.ERROR, logger="handcare.contact.models"),
    ):
        response = post(client, contact_page.url, token, **{MESSAGE: "Please keep this."})
    assert response.status_code == 200
    assert b"Thanks, we read every message." in response.content
    assert FormSubmission.objects.get().form_data[MESSAGE] == "Please keep this."
    assert "stored but not e-mailed" in caplog.text


@pytest.mark.parametrize(
    "fields, error",
    [
        ({MESSAGE: ""}, b"This field is required."),
        ({MESSAGE: "x" * (MESSAGE_MAX_LENGTH + 1)}, b"Please keep your message under 5,000"),
        ({"your_e_mail_address": "not an address"}, b"Enter a valid email address."),
        ({MESSAGE: "nul \x00 byte"}, b"Null characters are not allowed."),
        ({"your_name": "x" * 300}, b"at most 255 characters"),
    ],
)
def test_bad_input_gets_clear_errors_and_nothing_is_stored(contact_page, fields, error):
    client = csrf_client()
    token, _ = load_form(client, contact_page.url)
    response = post(client, contact_page.url, token, **fields)
    assert response.status_code == 200
    assert b"Your message was not sent" in response.content
    assert error in response.content
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_refuses_a_bot(contact_page):
    client = csrf_client()
    token, _ = load_form(client, contact_page.url)
    response = post(client, contact_page.url, token, hc_leave_empty="https://spam.example")
    assert response.status_code == 400
    assert b"leave this field empty" in response.content
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


@override_settings(HANDCARE_CONTACT_RATE=(2, 3600))
def test_one_address_is_rate_limited(contact_page):
    client = csrf_client()
    token, _ = load_form(client, contact_page.url)
    assert post(client, contact_page.url, token).status_code == 200
    assert post(client, contact_page.url, token).status_code == 200
    refused = post(client, contact_page.url, token)
    assert refused.status_code == 429
    assert b"try again later" in refused.content
    assert FormSubmission.objects.count() == 2


def test_a_post_without_csrf_token_is_refused(contact_page):
    response = csrf_client().post(contact_page.url, {MESSAGE: "No token"})
    assert response.status_code == 403
    assert FormSubmission.objects.count() == 0


def test_messages_do_not_invalidate_memoised_pages(contact_page):
    client = csrf_client()
    token, _ = load_form(client, contact_page.url)
    version = content_version()
    post(client, contact_page.url, token)
    assert FormSubmission.objects.count() == 1
    assert content_version() == version
