"""Fuzzing every input a reader controls: no answer is a server error, refusals say why.

Each property sends hypothesis-built query strings, form posts, paths and headers to the real
URLs (Django test client, full middleware stack) over a small site with the content the
parameters name: sections, audiences, concerns, techniques with routine roles, a profile, the
contact page. Values mix the real slugs and ids (tokens such as ``{page}``, replaced with the
real id when the request is built) with junk: any Unicode text including lone surrogates (sent
as their percent-encoded UTF-8 bytes), raw bytes, integers as text, huge numbers, repeated keys.

The test client re-raises a view's exception, so a crash fails the example with its traceback;
the status checks catch a 5xx that a view answers itself. Profiles: tests/security/conftest.py.
"""

import json
import re
from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.test import override_settings

from handcare.contact.models import ContactFormField, ContactPage
from handcare.feedback.guards import HONEYPOT_FIELD
from tests.concerns.helpers import ConcernPageFactory, concern_index, tag
from tests.factories import (
    AudienceFactory,
    PersonFactory,
    TechniquePageFactory,
    build_site,
    home_page,
    step_block,
)

ORIGIN = "http://testserver"

# --- Strategies ---------------------------------------------------------------------------

SECTIONS = ["techniques", "guides", "reflexology"]
AUDIENCES = ["office-workers", "older-adults"]
CONCERNS = ["desk-work", "sleep"]
PERSON_SLUG = "ada-fuzz"
# Replaced by real ids when a request is built (ids differ between SQLite and PostgreSQL runs).
ID_TOKENS = ["{page}", "{revision}", "{section}", "{home}", "{other_revision}"]

# Every code point, lone surrogates included (the default alphabet leaves them out).
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)


def percent(value):
    """Percent-encode text as UTF-8 bytes; a lone surrogate becomes the bytes it would be."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


NUMBERS = st.one_of(
    st.integers(min_value=-3, max_value=40),
    st.integers(),
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1]),
).map(str)
ODD_NUMBERS = st.sampled_from(
    ["", " 1", "1 ", "+1", "-0", "1.0", "1e3", "0x10", "٣", "²", "１", "1_000", "nan", "9" * 300]
)


def values(*known):
    """One parameter value: a known good one, a real id, a number, or junk, percent-encoded."""
    return st.one_of(
        st.sampled_from([*known, *ID_TOKENS]) if known else st.sampled_from(ID_TOKENS),
        NUMBERS,
        ODD_NUMBERS.map(percent),
        ANY_TEXT.map(percent),
        st.binary(max_size=20).map(lambda raw: quote(raw, safe="")),
        st.sampled_from(["%00", "%", "%zz", "%C0%80", "%ED%A0%80", "%FF%FE", "&", "=", "+"]),
    )


def query_string(params, junk_names=True):
    """A query string from {name: strategy of values}: any order, repeated keys, junk names."""
    names = st.sampled_from(sorted(params))
    if junk_names:
        names = names | ANY_TEXT.map(percent)
    pair = names.flatmap(
        lambda name: st.tuples(st.just(name), params.get(name, values())).map(
            lambda item: f"{item[0]}={item[1]}"
        )
    )
    return st.lists(pair, max_size=6).map("&".join)


SEARCH_PARAMS = {
    "q": st.one_of(
        st.sampled_from(["massage", "glide", "hand massage", "the", "a" * 200]).map(percent),
        values(),
    ),
    "section": values(*SECTIONS),
    "audience": values(*AUDIENCES),
    "concern": values(*CONCERNS),
    "page": values(),
}
LISTING_PATHS = [
    "/",
    "/techniques/",
    "/reflexology/",
    "/concerns/",
    "/concerns/desk-work/",
    "/audiences/office-workers/",
    "/audiences/older-adults/",
    "/people/",
]
ROUTINE_PARAMS = {
    "audience": values(*AUDIENCES),
    "concern": values(*CONCERNS),
    "minutes": values("5", "10", "15"),
}
PAGE_TYPES = [
    "techniques.TechniquePage",
    "articles.GuidePage",
    "reflexology.ReflexologyPage",
    "home.SectionPage",
    "home.ConcernPage",
    "wagtailcore.Page",
    "contact.ContactPage",
    "auth.User",
    "techniques.Nope",
    "techniques",
    ".",
]
FIELD_NAMES = [
    "*",
    "_",
    "-title",
    "title",
    "summary",
    "steps",
    "review",
    "references",
    "author",
    "audiences",
    "hero_image",
    "parent",
    "children",
    "owner",
    "latest_revision",
    "author(name)",
    "hero_image(url)",
    "-review",
    "search_description",
    "body",
]
API_FIELDS = st.one_of(
    st.lists(st.sampled_from(FIELD_NAMES), max_size=4).map(",".join).map(percent),
    values(),
)
API_PARAMS = {
    "type": st.one_of(st.sampled_from(PAGE_TYPES).map(percent), values()),
    "fields": API_FIELDS,
    "order": st.one_of(
        st.sampled_from(["title", "-title", "id", "-id", "random", "first_published_at"]),
        values(),
    ),
    "limit": values(),
    "offset": values(),
    "search": SEARCH_PARAMS["q"],
    "search_operator": values("and", "or"),
    "child_of": values("root"),
    "descendant_of": values("root"),
    "ancestor_of": values(),
    "id": values(),
    "slug": values(*SECTIONS),
    "title": values(),
    "show_in_menus": values("true", "false"),
    "locale": values("en"),
    "translation_of": values(),
    "html_path": values("/techniques/", "/"),
    "format": values("json", "api"),
}

# --- Helpers ------------------------------------------------------------------------------


def visible_text(response):
    """The words a reader sees in an HTML answer (tags, scripts and styles removed)."""
    html = response.content.decode("utf-8", "replace")
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return " ".join(re.sub(r"(?s)<[^>]*>", " ", html).split())


class ReaderInputFuzzTests(TestCase):
    """Hypothesis properties over every reader-facing parameter, on one small built site."""

    @classmethod
    def setUpTestData(cls):
        site = build_site()
        cls.section = site.sections["techniques"]
        reviewer = PersonFactory(name="Ada Fuzz", slug=PERSON_SLUG)
        office = AudienceFactory(name="Office workers", slug="office-workers")
        older = AudienceFactory(name="Older adults", slug="older-adults")
        index = concern_index()
        desk = ConcernPageFactory(parent=index, title="Desk work", slug="desk-work")
        sleep = ConcernPageFactory(parent=index, title="Sleep", slug="sleep")
        roles = [("Warm glide", "warm-up"), ("Palm knead", "main"), ("Shake out", "finish")]
        techniques = []
        for title, role in roles:
            page = TechniquePageFactory(
                parent=cls.section,
                title=title,
                routine_role=role,
                reviewed_by=reviewer,
                steps=[
                    step_block(f"{title} step", f"<p>{title} massage.</p>", duration="1 minute")
                ],
            )
            page.audiences.add(office)
            tag(page, desk)
            techniques.append(page)
        techniques[1].avoid_for_audiences.set([older])
        techniques[1].avoid_for_concerns.set([sleep])
        techniques[1].save()
        article = techniques[0]
        article.save_revision().publish()
        article.refresh_from_db()
        other = site.guide
        other.save_revision().publish()
        other.refresh_from_db()
        cls.contact = cls.build_contact_page()
        cls.tokens = {
            "{page}": str(article.pk),
            "{revision}": str(article.live_revision_id),
            "{other_revision}": str(other.live_revision_id),
            "{section}": str(cls.section.pk),
            "{home}": str(site.home.pk),
        }
        cls.field_names = [field.clean_name for field in cls.contact.form_fields.all()]

    @staticmethod
    def build_contact_page():
        page = ContactPage(
            title="Leave a message",
            slug="contact",
            to_address="editors@handcare.invalid",
            from_address="site@handcare.invalid",
            subject="Contact page message",
        )
        for order, (label, field_type) in enumerate(
            [("Your name", "singleline"), ("Your e-mail", "email"), ("Your message", "multiline")]
        ):
            page.form_fields.add(
                ContactFormField(
                    sort_order=order, label=label, field_type=field_type, required=order == 2
                )
            )
        home_page().add_child(instance=page)
        page.save_revision().publish()
        return page

    def real(self, text):
        """Put the real ids in place of the tokens."""
        for token, value in self.tokens.items():
            text = text.replace(token, value)
        return text

    def assert_answered(self, response, what):
        """No 5xx; a refusal (4xx) says something a reader can read."""
        self.assertLess(response.status_code, 500, what)
        if 400 <= response.status_code < 500 and response.status_code != 404:
            self.assertTrue(visible_text(response), (what, response.status_code))

    def get(self, url, **headers):
        response = self.client.get(self.real(url), **headers)
        self.assert_answered(response, url)
        return response

    # --- Search and listings ---------------------------------------------------------------

    @given(query_string(SEARCH_PARAMS))
    @example("q=massage&page=99999999999999999999999")
    @example("q=massage&section=techniques&section=%00&audience=office-workers&concern=sleep")
    @example("q=%ED%A0%80massage&page=%C0%80")
    def test_search(self, query):
        response = self.get(f"/search/?{query}")
        self.assertIn(response.status_code, {200, 400})

    @given(st.sampled_from(LISTING_PATHS), query_string({"page": values()}, junk_names=False))
    @example("/techniques/", "page=%D9%A3")
    @example("/people/", "page=99999999999999999999&page=-1")
    def test_listing_pages(self, path, query):
        response = self.get(f"{path}?{query}")
        self.assertEqual(response.status_code, 200)

    @given(query_string(ROUTINE_PARAMS))
    @example("concern=desk-work&minutes=10")
    @example("audience=older-adults&concern=sleep&minutes=5&minutes=5")
    def test_routine_builder(self, query):
        response = self.get(f"/routines/?{query}")
        self.assertIn(response.status_code, {200, 400})

    # --- The read-only API -----------------------------------------------------------------

    @given(query_string(API_PARAMS))
    @example("type=techniques.TechniquePage&fields=summary,review&order=-title&limit=2")
    @example("child_of=99999999999999999999999&limit=99999999999999999999")
    @example("descendant_of={section}&offset=9223372036854775808")
    @example("search=massage&order=title")
    @example("slug=%00&title=a%00b")
    def test_api_pages_listing(self, query):
        response = self.get(f"/api/v2/pages/?{query}")
        if response.status_code == 400:
            self.assertTrue(json.loads(response.content)["message"], query)

    @given(
        st.one_of(values(), st.sampled_from(["find", "{page}/", "{home}/"])),
        query_string(API_PARAMS),
    )
    @example("99999999999999999999999", "")
    @example("9223372036854775808", "type=techniques.TechniquePage")
    @example("2147483648", "")
    @example("find", "html_path=%00")
    @example("{page}/", "fields=*,-title")
    def test_api_page_detail(self, segment, query):
        self.get(f"/api/v2/pages/{segment}/?{query}")

    @given(query_string({"limit": values()}))
    def test_no_images_or_documents_endpoint(self, query):
        for endpoint in ("images", "documents"):
            response = self.get(f"/api/v2/{endpoint}/?{query}")
            self.assertEqual(response.status_code, 404)

    # --- Forms readers post ----------------------------------------------------------------

    def post_form(self, path, body, **headers):
        response = self.client.post(
            path,
            self.real(body),
            content_type="application/x-www-form-urlencoded",
            **headers,
        )
        self.assert_answered(response, (path, body))
        return response

    @override_settings(HANDCARE_FEEDBACK_RATE=(10**9, 3600))
    @given(
        query_string(
            {
                "page": values(),
                "revision": values(),
                "helpful": values("yes", "no"),
                "problem": values("wrong", "unclear", "broken", "other"),
                "comment": values("Thanks"),
                HONEYPOT_FIELD: st.sampled_from(["", "x"]),
            }
        )
    )
    @example("page={page}&revision={revision}&helpful=no&problem=unclear&comment=%00")
    @example("page={page}&revision={other_revision}&helpful=yes")
    @example("page={section}&helpful=yes")
    @example("page=99999999999999999999&revision=-1&helpful=yes")
    def test_feedback_post(self, body):
        response = self.post_form("/feedback/", body, HTTP_ORIGIN=ORIGIN)
        self.assertIn(response.status_code, {302, 400, 404})

    @override_settings(HANDCARE_FEEDBACK_RATE=(10**9, 3600))
    @given(
        st.one_of(
            st.sampled_from([ORIGIN, "null", "http://testserver:80", "https://testserver"]),
            st.binary(max_size=30).map(lambda raw: raw.decode("latin-1")),
            ANY_TEXT.map(
                lambda text: "http://" + text.encode("utf-8", "surrogatepass").decode("latin-1")
            ),
        ),
        st.sampled_from(["HTTP_ORIGIN", "HTTP_REFERER"]),
    )
    @example("http://[", "HTTP_ORIGIN")
    @example("http://[::1", "HTTP_REFERER")
    def test_feedback_origin_header(self, origin, header):
        body = "page={page}&revision={revision}&helpful=yes"
        response = self.post_form("/feedback/", body, **{header: origin})
        self.assertIn(response.status_code, {302, 403})

    @override_settings(HANDCARE_CONTACT_RATE=(10**9, 3600))
    @given(
        query_string(
            {
                "{name}": values("Ada"),
                "{email}": values("ada@example.org", "ada@xn--80ak6aa92e.com"),
                "{message}": st.one_of(
                    values("Hello"), st.just("x" * 5001), ANY_TEXT.map(percent)
                ),
                HONEYPOT_FIELD: st.sampled_from(["", "x"]),
            }
        )
    )
    @example("{name}=Ada&{email}=ada%40example.org&{message}=Hello")
    @example("{message}=%00&{email}=%ED%A0%80")
    def test_contact_post(self, body):
        names = dict(zip(["{name}", "{email}", "{message}"], self.field_names, strict=True))
        for token, name in names.items():
            body = body.replace(token, name)
        response = self.post_form(self.contact.url, body)
        self.assertIn(response.status_code, {200, 400, 429})

    # --- Paths -----------------------------------------------------------------------------

    @given(
        st.sampled_from(
            [
                "/",
                "/people/",
                "/techniques/",
                "/audiences/",
                "/concerns/",
                "/feedback/thanks/?page=",
            ]
        ),
        st.one_of(
            st.sampled_from([PERSON_SLUG, "warm-glide", "desk-work", "office-workers"]),
            ANY_TEXT.map(percent),
            st.binary(max_size=30).map(lambda raw: quote(raw, safe="/")),
            st.integers(min_value=1, max_value=2000).map(lambda n: "a" * n),
            st.sampled_from(["%00", "..", "%2e%2e/%2e%2e", "%2F", "%ED%A0%80", "%C0%AF", "//"]),
        ),
    )
    @example("/people/", "%00")
    @example("/techniques/", "a" * 2000)
    @example("/", "%ED%A0%80/")
    def test_arbitrary_paths(self, prefix, segment):
        self.get(prefix + segment + ("" if "?" in prefix else "/"))

    # --- Headers a reader sends ------------------------------------------------------------

    @given(st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")))
    @example("gzip;q=0, identity")
    @example("gzip" + "," * 5000)
    def test_accept_encoding_through_the_page_cache(self, accept_encoding):
        # Twice: the first fills the page cache, the second is served from it.
        for _ in range(2):
            response = self.get("/techniques/", HTTP_ACCEPT_ENCODING=accept_encoding)
            self.assertEqual(response.status_code, 200)

    @override_settings(HANDCARE_FEEDBACK_RATE=(10**9, 3600))
    @given(
        st.lists(
            st.one_of(
                st.ip_addresses().map(str),
                st.binary(max_size=20).map(lambda raw: raw.decode("latin-1")),
                st.sampled_from(["unknown", "", " ", "::ffff:127.0.0.1", "127.0.0.1%eth0"]),
            ),
            max_size=5,
        ).map(", ".join),
        st.sampled_from(["127.0.0.1", "::1", "203.0.113.9"]),
    )
    @example("1.2.3.4, 127.0.0.1", "127.0.0.1")
    @example("fe80::1%zz", "::1")
    def test_forwarded_for(self, forwarded_for, remote_addr):
        response = self.post_form(
            "/feedback/",
            "page={page}&revision={revision}&helpful=yes",
            HTTP_ORIGIN=ORIGIN,
            HTTP_X_FORWARDED_FOR=forwarded_for,
            REMOTE_ADDR=remote_addr,
        )
        self.assertEqual(response.status_code, 302)

    @override_settings(ALLOWED_HOSTS=["handcare.example", ".handcare.example"])
    @given(
        st.one_of(
            st.sampled_from(["handcare.example", "www.handcare.example", "handcare.example:443"]),
            st.binary(max_size=40).map(lambda raw: raw.decode("latin-1")),
            ANY_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass").decode("latin-1")),
        ),
        st.sampled_from(
            ["/", "/techniques/", "/search/?q=massage", "/api/v2/pages/", "/feedback/"]
        ),
    )
    @example("evil.example", "/")
    @example("handcare.example:99999999999", "/techniques/")
    @example("[::1", "/api/v2/pages/")
    def test_host_header(self, host, path):
        response = self.get(path, HTTP_HOST=host)
        domain, _ = split_domain_port(host)
        if not (domain and validate_host(domain, settings.ALLOWED_HOSTS)):
            self.assertEqual(response.status_code, 400, host)
