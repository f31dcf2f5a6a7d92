"""Stored XSS through the admin's own forms, the editorial e-mails and the report exports.

An Editor types the corpus into the real admin create and edit forms (a technique, the reviewed
snippets, an audience, an image and a document); the edit views, listings, preview and, once a
reviewer signs it off, the public page show it as text. The review workflow's notifications and
the review reminders carry it as plain text, and the three report exports write it as text a
spreadsheet will not run as a formula.

What the admin keeps of what was typed: plain fields and text blocks everything but leading and
trailing whitespace (Django strips it); rich text every typed character, as text. Reference
volume, issue, pages and DOI must match their printed forms, and a reflexology point's hand zone
must be an area of the hand map, so those fields refuse the corpus instead of storing it.
"""

import csv
import datetime
import io
import json

import openpyxl
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from handcare.articles.models import Audience
from handcare.editorial import status_index
from handcare.editorial.exports import FORMULA_PREFIXES, neutralise
from handcare.editorial.models import ReviewRecord
from handcare.feedback.models import PageFeedback
from handcare.people.models import Person
from handcare.references.models import Reference
from handcare.reflexology.models import ReflexologyPoint
from techniques.models import TechniquePage
from tests.editorial.helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    add_url,
    checklist,
    edit_url,
    make_technique,
    make_user,
    technique_data,
    workflow_action_url,
)
from tests.factories import (
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    sign_off,
)
from tests.media import PrivateMediaRootMixin

from .hostile_site import ALL, _contentstate, accepted_urls, clip, fit
from .xss_checks import assert_html_response, assert_no_live_payload
from .xss_payloads import PAYLOADS

Image = get_image_model()
Document = get_document_model()

# Text a spreadsheet would run (or split) as a formula if it were written as it was typed.
FORMULAS = [
    '=HYPERLINK("http://evil")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]
CITE_KEY = "field-2016"


def _errors(response):
    """The form errors of a refused admin form, for the assertion message."""
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return form.errors if form is not None else response.status_code


def snippet_url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def png():
    """A tiny real PNG, as an editor's upload would be."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def typed(texts):
    """Rich text as the Draftail editor posts it: each text typed as a paragraph, then a cite chip."""
    return _contentstate(list(texts), [], cite_keys=[CITE_KEY])


def rich_text_strings(html):
    """The text of each paragraph of stored rich text, as a reader's browser shows it."""
    soup = BeautifulSoup(html, "html.parser")
    # A line break typed inside a paragraph is stored as <br/>.
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return [p.get_text() for p in soup.find_all("p")]


def technique_form(page, title, reference, action=None):
    """The technique form, every text field filled with the corpus, posted as the editor does."""
    data = technique_data(
        page,
        title=title,
        slug="hostile-admin-technique",
        summary=f"{fit(TechniquePage, 'summary', 44)[:380]} [cite:{CITE_KEY}]",
        steps=[],
        references=[reference],
        action=action,
    )
    # The helper's rich text goes through HTML; typed text is posted as Draftail's JSON.
    fields = {
        "preparation": typed(p.text for p in PAYLOADS),
        "cautions": typed(p.text for p in PAYLOADS),
        "steps": streamfield(
            [
                (
                    "step",
                    {
                        "name": clip(100, 45),
                        "instructions": typed(p.text for p in PAYLOADS),
                        "purpose": ALL,
                        "duration": "",
                        "pressure": "",
                        "technique": "",
                    },
                )
            ]
        ),
        "common_mistakes": streamfield([("mistake", p.text) for p in PAYLOADS[:30]]),
    }
    data.update(nested_form_data(fields))
    return data


def assert_emails_carry_text(testcase, messages, texts, where, *, html=True):
    """Each plain-text body holds the texts as typed; its HTML part holds no live payload."""
    testcase.assertTrue(messages, f"{where}: no e-mail was sent")
    for message in messages:
        for text in texts:
            testcase.assertIn(text, message.body, f"{where}: {message.subject!r}")
        parts = [
            c for c, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"
        ]
        testcase.assertEqual(len(parts), 1 if html else 0, where)
        for content in parts:
            assert_no_live_payload(content, f"{where} HTML part", admin=True)
            # The HTML part shows the same text, escaped once (never "&amp;lt;").
            shown = BeautifulSoup(content, "html.parser").get_text()
            for text in texts:
                testcase.assertIn(" ".join(text.split()), " ".join(shown.split()), where)


def sent_to(user):
    return [message for message in mail.outbox if user.email in message.to]


# The HTML alternative of Wagtail's e-mails is off by default; switched on here, both parts go
# out and both are checked.
@override_settings(WAGTAILADMIN_NOTIFICATION_USE_HTML=True)
class AdminFormsTests(PrivateMediaRootMixin, TestCase):
    """An Editor fills every form with the corpus through the real admin URLs: what was typed is
    stored as typed, shown as text on every admin surface and sent as text in the e-mails."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), title="Techniques", slug="techniques")
        cls.source = ReferenceFactory(key=CITE_KEY, title=fit(Reference, "title", 50))
        cls.editor = make_user("edith", EDITORS, email="edith@example.test")
        cls.editor.first_name = clip(150, 5)
        cls.editor.save()
        cls.reviewer = make_user(
            "rita", REVIEWERS, name="Rita", role="Hand therapist", email="rita@example.test"
        )
        # The reviewer's own name as readers and e-mails show it.
        cls.reviewer_name = clip(120, 46)
        cls.reviewer.first_name, cls.reviewer.last_name = clip(150, 47), clip(150, 50)
        cls.reviewer.save()
        Person.objects.filter(user=cls.reviewer).update(name=cls.reviewer_name, role=clip(120, 55))
        cls.admin = make_user("sam", SITE_ADMINISTRATORS)

        client = Client()
        client.force_login(cls.editor)
        cls.typed = {}

        cls.title = clip(255, 44)
        data = technique_form(None, cls.title, cls.source)
        response = client.post(add_url(TechniquePage, cls.section), data)
        assert response.status_code == 302, _errors(response)
        cls.page = TechniquePage.objects.get(slug="hostile-admin-technique")

        cls.snippets = {}
        for model, fields in cls.snippet_fields().items():
            response = client.post(snippet_url(model, "add"), fields)
            assert response.status_code == 302, (model, _errors(response))
            cls.snippets[model] = model.objects.order_by("-pk").first()
            cls.typed[model] = fields

        root = Collection.get_first_root_node().pk
        cls.image_title = clip(255, 46)
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": cls.image_title,
                "collection": root,
                "tags": "",
                "file": SimpleUploadedFile("tiny.png", png(), "image/png"),
            },
        )
        assert response.status_code == 302, _errors(response)
        cls.image = Image.objects.get()
        cls.document_title = clip(255, 50)
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": cls.document_title,
                "collection": root,
                "tags": "",
                "file": SimpleUploadedFile("notes.txt", b"Warm the hands first.\n"),
            },
        )
        assert response.status_code == 302, _errors(response)
        cls.document = Document.objects.get()

    @classmethod
    def snippet_fields(cls):
        return {
            Reference: {
                "key": "hostile-admin-source",
                "kind": "study",
                "authors": clip(300, 44),
                "title": fit(Reference, "title", 45),
                "publisher": clip(200, 50),
                "year": "2020",
                # Volume, issue, pages and DOI are checked against their printed forms; the
                # DOI's suffix may hold any printable character, so a payload still fits there.
                "volume": "24",
                "issue": "3",
                "pages": "226-229",
                "url": accepted_urls()[0],
                "doi": f"10.1234/{PAYLOADS[15].text}",
                "accessed": "",
            },
            ReflexologyPoint: {
                "name": clip(100, 45),
                "hand_zone": "the pad of the thumb",  # one of the hand map's areas
                "body_area": clip(150, 50),
                "how_to_press": clip(600, 30),
                "evidence": "traditional",
                "evidence_note": clip(600, 5),
            },
            Person: {
                "name": clip(120, 51),
                "slug": "hostile-admin-person",
                "role": clip(120, 44),
                "credentials": clip(200, 55),
                "bio": clip(800, 30),
                "photo": "",
                "user": "",
            },
            Audience: {
                "name": clip(80, 46),
                "slug": "hostile-admin-audience",
                "description": clip(400, 45),
            },
        }

    def setUp(self):
        mail.outbox.clear()

    def login(self, user):
        self.client.force_login(user)
        return self.client

    def latest(self, obj):
        return type(obj).objects.get(pk=obj.pk).get_latest_revision_as_object()

    def test_plain_fields_are_stored_exactly_as_typed(self):
        page = self.latest(self.page)
        self.assertEqual(page.title, self.title)
        self.assertEqual(page.steps[0].value["name"], clip(100, 45))
        self.assertEqual(page.steps[0].value["purpose"], ALL)
        # Short text blocks drop leading and trailing spaces, as every Django text field does.
        self.assertEqual(
            [block.value for block in page.common_mistakes],
            [p.text.strip() for p in PAYLOADS[:30]],
        )
        for model, fields in self.typed.items():
            obj = self.snippets[model]
            stored = self.latest(obj) if hasattr(obj, "latest_revision") else obj
            for name, value in fields.items():
                if name in {"photo", "user", "accessed", "year", "kind", "evidence"}:
                    continue
                with self.subTest(f"{model.__name__}.{name}"):
                    # Django's text fields drop leading and trailing spaces, nothing else.
                    self.assertEqual(getattr(stored, name), value.strip())
        self.assertEqual(Image.objects.get(pk=self.image.pk).title, self.image_title)
        self.assertEqual(Document.objects.get(pk=self.document.pk).title, self.document_title)

    def test_rich_text_keeps_the_typed_text_as_text(self):
        # Draftail posts typed text as text, so it is stored escaped with every character kept
        # (a typed line break becomes <br/>). Only pasted HTML meets the sanitiser, which drops
        # markup outside the field's features; hostile_site.editor_rich_text stores that case.
        page = self.latest(self.page)
        self.assertEqual(
            rich_text_strings(page.preparation)[: len(PAYLOADS)], [p.text for p in PAYLOADS]
        )

    def test_the_edit_views_listings_and_history_show_the_corpus_as_text(self):
        page, urls = self.page, []
        urls += [
            edit_url(page),
            f"/admin/pages/{self.section.pk}/",
            f"/admin/pages/{page.pk}/history/",
        ]
        for model, obj in self.snippets.items():
            urls += [snippet_url(model, "edit", obj.pk), snippet_url(model, "list")]
        urls += [
            reverse("wagtailimages:index"),
            reverse("wagtailimages:edit", args=[self.image.pk]),
            reverse("wagtaildocs:index"),
            reverse("wagtaildocs:edit", args=[self.document.pk]),
            "/admin/",
        ]
        # The Editor sees every one of these; an administrator's listings have more columns.
        for user in (self.editor, self.admin):
            self.login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    if response.status_code in {302, 403}:
                        continue  # not this role's page; the others see it
                    assert_html_response(response, url, admin=True)

    def test_the_preview_shows_the_corpus_as_text(self):
        self.login(self.editor)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.page.pk])
        data = technique_form(self.page, self.title, self.source)
        response = self.client.post(url, data)
        self.assertTrue(json.loads(response.content)["is_valid"])
        response = self.client.get(url)
        assert_html_response(response, "page preview")
        self.assertContains(response, "__xss")  # the typed text is on the page, as text
        for model, obj in self.snippets.items():
            if model is Audience:
                continue  # not previewable
            with self.subTest(model.__name__):
                url = snippet_url(model, "preview_on_edit", obj.pk)
                response = self.client.post(url, self.typed[model])
                self.assertTrue(json.loads(response.content)["is_valid"])
                assert_html_response(self.client.get(url), f"{model.__name__} preview")

    def submit_page(self):
        self.login(self.editor)
        data = technique_form(self.page, self.title, self.source, action="submit")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(edit_url(self.page), data)
        self.assertEqual(response.status_code, 302, _errors(response))

    def test_submitted_changes_requested_and_approved_emails_and_the_public_page(self):
        self.submit_page()
        assert_emails_carry_text(
            self,
            sent_to(self.reviewer),
            [self.title, f"Hello {self.reviewer.first_name},"],
            "submitted e-mail",
        )
        # The e-mail links the reviewer to the workflow preview.
        self.login(self.reviewer)
        task = Page.objects.get(pk=self.page.pk).current_workflow_task
        preview = reverse("wagtailadmin_pages:workflow_preview", args=[self.page.pk, task.pk])
        assert_html_response(self.client.get(preview), "workflow preview")

        mail.outbox.clear()
        comment = clip(2000, 30)
        self.login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(workflow_action_url(self.page, "reject"), {"comment": comment})
        assert_emails_carry_text(
            self,
            sent_to(self.editor),
            [self.title, comment, f"by {self.reviewer.get_full_name()}."],
            "changes requested e-mail",
        )

        self.submit_page()
        mail.outbox.clear()
        note = clip(2000, 50)
        self.login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                workflow_action_url(self.page, "approve"), checklist(note, page=self.page)
            )
        self.assertEqual(response.status_code, 302)
        page = TechniquePage.objects.get(pk=self.page.pk)
        self.assertTrue(page.live)
        self.assertEqual(ReviewRecord.objects.for_object(page).get().note, note)
        assert_emails_carry_text(self, sent_to(self.editor), [self.title], "approved e-mail")

        self.client.logout()
        response = self.client.get(page.get_url())
        assert_html_response(response, "the approved page")
        text = BeautifulSoup(response.content, "html.parser").get_text()
        self.assertIn(self.reviewer_name, text)  # the byline, as text
        self.assertIn(PAYLOADS[0].text, text)

    def test_snippet_review_emails_name_the_reference(self):
        reference = self.snippets[Reference]
        fields = {**self.typed[Reference], "action-submit": "submit"}
        self.login(self.editor)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(snippet_url(Reference, "edit", reference.pk), fields)
        self.assertEqual(response.status_code, 302, _errors(response))
        assert_emails_carry_text(
            self, sent_to(self.reviewer), [fields["title"]], "reference submitted e-mail"
        )

        mail.outbox.clear()
        state = Reference.objects.get(pk=reference.pk).current_workflow_task_state
        comment = clip(2000, 44)
        self.login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                snippet_url(Reference, "workflow_action", reference.pk, "reject", state.pk),
                {"comment": comment},
            )
        assert_emails_carry_text(
            self, sent_to(self.editor), [fields["title"], comment], "reference changes e-mail"
        )

        self.login(self.editor)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(snippet_url(Reference, "edit", reference.pk), fields)
        mail.outbox.clear()
        state = Reference.objects.get(pk=reference.pk).current_workflow_task_state
        approval = checklist(comment)
        approval["revision"] = Reference.objects.get(pk=reference.pk).latest_revision_id
        self.login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                snippet_url(Reference, "workflow_action", reference.pk, "approve", state.pk),
                approval,
            )
        self.assertEqual(Reference.objects.get(pk=reference.pk).title, fields["title"])  # live
        assert_emails_carry_text(
            self, sent_to(self.editor), [fields["title"]], "reference approved e-mail"
        )

    def test_review_reminders(self):
        page = make_technique(
            self.section, self.editor, reference=self.source, title=clip(255, 55)
        )
        person = Person.objects.get(user=self.reviewer)
        record = sign_off(page, person, datetime.date(2024, 1, 1), timezone.localdate())
        ReviewRecord.objects.filter(pk=record.pk).update(reviewer_user=self.reviewer)
        # As the operator (or the daily task, which calls the same function) runs them.
        out = io.StringIO()
        call_command("send_review_reminders", stdout=out)
        self.assertIn("Sent 1 review reminder", out.getvalue())
        message = mail.outbox[0]
        self.assertEqual(sorted(message.to), [self.editor.email, self.reviewer.email])
        self.assertIn(page.title, message.subject)
        assert_emails_carry_text(self, [message], [page.title], "review reminder", html=False)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(response):
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows())
    return [cell.value for cell in rows[0]], rows[1:]


# Every payload and every formula, one per row: page titles, reviewer notes, reader comments.
TEXTS = [payload.text for payload in PAYLOADS] + FORMULAS
REPORTS = {
    "content review": ("/admin/reports/content-review/", ["Article"]),
    # Names and roles of reviewers, typed into their profiles, are checked cell by cell.
    "review history": ("/admin/reports/review-history/", ["What was reviewed", "Note"]),
    "reader feedback": ("/admin/reports/reader-feedback/", ["Article", "What they said"]),
}


class ReportExportTests(TestCase):
    """The three report exports hold every hostile text as text, none as a formula."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), title=FORMULAS[1], slug="techniques")
        reviewers = [
            Person.objects.create(name=FORMULAS[0], role=FORMULAS[2], slug="formula-reviewer"),
            Person.objects.create(name=clip(120, 46), role=clip(120, 5), slug="hostile-reviewer"),
        ]
        pages = [
            # Drafts: every report lists them, and saving one has no page cache to purge.
            TechniquePageFactory(parent=section, title=text, slug=f"payload-{number}", live=False)
            for number, text in enumerate(TEXTS)
        ]
        # A sign-off of each, as the approval dialog records it: the reviewer's note is typed.
        when = timezone.make_aware(datetime.datetime(2026, 1, 1, 12))
        records = ReviewRecord.objects.bulk_create(
            ReviewRecord(
                content_type=page.get_base_content_type(),
                object_id=str(page.pk),
                object_title=page.title,
                reviewer=reviewers[number % 2],
                reviewer_name=reviewers[number % 2].name,
                reviewer_role=reviewers[number % 2].role,
                reviewed_at=when,
                next_review_due=datetime.date(2027, 1, 1),
                note=page.title,
            )
            for number, page in enumerate(pages)
        )
        for page, record in zip(pages, records, strict=True):
            TechniquePage.objects.filter(pk=page.pk).update(
                reviewed_by=record.reviewer, last_review=record, last_reviewed=when.date()
            )
        # Raw UPDATEs send no signal: the review status index is refreshed by hand.
        status_index.refresh([page.pk for page in pages])
        feedback = [
            PageFeedback(page=page, helpful=False, problem="mistake", comment=page.title)
            for page in pages
        ]
        PageFeedback.objects.bulk_create(feedback)
        cls.admin = make_user("sam", SITE_ADMINISTRATORS)
        cls.section = section

    def setUp(self):
        self.client.force_login(self.admin)

    def export(self, report, kind):
        url, _ = REPORTS[report]
        response = self.client.get(url, {"export": kind})
        self.assertEqual(response.status_code, 200, f"{report} {kind}")
        return response

    def test_csv_cells_hold_the_text_and_never_start_a_formula(self):
        for report, (_, columns) in REPORTS.items():
            with self.subTest(report):
                header, rows = csv_rows(self.export(report, "csv"))
                self.assertEqual(len(rows), len(TEXTS))
                for row in rows:
                    for heading, cell in zip(header, row, strict=True):
                        self.assertFalse(
                            cell.startswith(FORMULA_PREFIXES), f"{report}, {heading}: {cell!r}"
                        )
                for column in columns:
                    cells = [row[header.index(column)] for row in rows]
                    # As typed, with a leading quote on text that could start a formula.
                    self.assertEqual(sorted(cells), sorted(neutralise(text) for text in TEXTS))

    def test_xlsx_cells_are_text_never_formulas(self):
        for report, (_, columns) in REPORTS.items():
            with self.subTest(report):
                header, rows = xlsx_rows(self.export(report, "xlsx"))
                self.assertEqual(len(rows), len(TEXTS))
                for row in rows:
                    for heading, cell in zip(header, row, strict=True):
                        self.assertNotEqual(cell.data_type, "f", f"{report}, {heading}")
                for column in columns:
                    cells = [row[header.index(column)] for row in rows]
                    self.assertTrue(all(cell.data_type == "s" for cell in cells), column)
                    # XML stores a bare carriage return as a line feed; the text is otherwise kept.
                    self.assertEqual(
                        sorted(cell.value.replace("\n", "\r") for cell in cells),
                        sorted(text.replace("\n", "\r") for text in TEXTS),
                    )

    def test_the_reports_show_the_rows_as_text(self):
        for report, (url, _) in REPORTS.items():
            with self.subTest(report):
                assert_html_response(self.client.get(url), report, admin=True)

    def test_a_pasted_control_character_leaves_the_xlsx_export_working(self):
        # Word writes a line break as a vertical tab; the admin's title field accepts it.
        title = "Thumb walk\x0bpasted\x1ffrom Word"
        self.client.force_login(make_user("edith", EDITORS))
        data = technique_data(title=title, slug="pasted")
        response = self.client.post(add_url(TechniquePage, self.section), data)
        self.assertEqual(response.status_code, 302, _errors(response))
        self.assertEqual(TechniquePage.objects.get(slug="pasted").title, title)
        self.client.force_login(self.admin)
        header, rows = xlsx_rows(self.export("content review", "xlsx"))
        titles = [row[header.index("Article")].value for row in rows]
        self.assertIn("Thumb walk pasted from Word", titles)
        header, rows = csv_rows(self.export("content review", "csv"))
        self.assertIn(title, [row[header.index("Article")] for row in rows])  # as typed
