"""Stored XSS: the corpus saved in every field is shown as text on every surface, never run."""

from django.core import mail
from django.test import TestCase

from tests.editorial.helpers import SITE_ADMINISTRATORS, make_user

from .hostile_site import (
    ALL,
    SEARCH_WORD,
    build_hostile_site,
    contact_form_data,
    public_page_urls,
    snippet_listing_urls,
)
from .xss_checks import (
    assert_html_response,
    assert_json_response,
    assert_no_live_payload,
    assert_xml_response,
)
from .xss_payloads import PAYLOADS


class StoredXSSTests(TestCase):
    """One hostile site, every surface that shows what editors and readers typed."""

    @classmethod
    def setUpTestData(cls):
        cls.site = build_hostile_site()

    def public_urls(self):
        return [
            *public_page_urls(self.site),
            "/how-we-review/",
            "/search/?q=onerror+script+svg",
        ]

    def test_public_pages_show_the_corpus_as_text(self):
        for url in self.public_urls():
            with self.subTest(url):
                assert_html_response(self.client.get(url), url)

    def test_search_queries_are_echoed_as_text(self):
        for payload in PAYLOADS:
            with self.subTest(payload.note):
                response = self.client.get("/search/", {"q": payload.text})
                assert_html_response(response, f"search for payload {payload.number}")

    def test_feeds_sitemap_and_api_are_data(self):
        for url in ["/feeds/rss/", "/feeds/atom/", "/feeds/techniques/rss/"]:
            with self.subTest(url):
                assert_xml_response(
                    self.client.get(url), url, html_elements={"description", "summary", "content"}
                )
        assert_xml_response(self.client.get("/sitemap.xml"), "/sitemap.xml")
        listing, _ = assert_json_response(
            self.client.get("/api/v2/pages/?type=techniques.TechniquePage&fields=*"), "API"
        )
        self.assertTrue(listing["items"])
        for page in self.site.articles[:3]:
            with self.subTest(page.slug):
                _, rich = assert_json_response(
                    self.client.get(f"/api/v2/pages/{page.pk}/"), page.slug
                )
                self.assertTrue(rich, "the API returns the page's rich text")

    def test_admin_listings_and_editors_show_the_corpus_as_text(self):
        admin = make_user("sam", SITE_ADMINISTRATORS)
        self.client.force_login(admin)
        site = self.site
        urls = [
            "/admin/",
            f"/admin/pages/{site.sections[0].pk}/",
            f"/admin/pages/{site.home.pk}/",
            *(f"/admin/pages/{page.pk}/edit/" for page in site.articles[:3]),
            f"/admin/pages/{site.concern.pk}/edit/",
            f"/admin/pages/{site.contact.pk}/edit/",
            f"/admin/pages/search/?q={SEARCH_WORD}",
            "/admin/reports/content-review/",
            "/admin/reports/review-history/",
            "/admin/reports/reader-feedback/",
            "/admin/images/",
            f"/admin/images/{site.image.pk}/",
            f"/admin/forms/submissions/{site.contact.pk}/",
        ]
        urls += snippet_listing_urls(site)
        for url in urls:
            with self.subTest(url):
                assert_html_response(self.client.get(url), url, admin=True)

    def test_reader_submissions_are_text_in_pages_reports_and_emails(self):
        site = self.site
        data = contact_form_data(site)
        response = self.client.post(site.contact.url, data)
        assert_html_response(response, "contact thank-you page")
        self.assertNotIn(b"errorlist", response.content)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertIn("__xss", message.body)  # the message is there, as plain text
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert_no_live_payload(content, "contact e-mail HTML part")
        feedback = self.client.post(
            "/feedback/",
            {
                "page": site.technique.pk,
                "revision": type(site.technique)
                .objects.get(pk=site.technique.pk)
                .live_revision_id,
                "helpful": "no",
                "problem": "mistake",
                "comment": ALL[:1000],
            },
            HTTP_ORIGIN="http://testserver",
        )
        self.assertIn(feedback.status_code, {200, 302})
        self.client.force_login(make_user("sam", SITE_ADMINISTRATORS))
        for url in [
            "/admin/reports/reader-feedback/",
            f"/admin/forms/submissions/{site.contact.pk}/",
        ]:
            with self.subTest(url):
                response = self.client.get(url)
                assert_html_response(response, url, admin=True)
                self.assertIn(b"__xss", response.content)  # the submission is listed
