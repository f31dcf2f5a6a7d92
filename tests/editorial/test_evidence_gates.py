"""Evidence gates: what stops an article going to review or live, and where the editor is told.

Submitting and publishing run the gates; "Save draft" (Wagtail's deferred validation) does not;
approval runs them again on the revision under review. Preview shows the same problems as
[data-evidence-problem] markers for the content checker.
"""

import json

from bs4 import BeautifulSoup

from django.test import TestCase
from django.urls import reverse

from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Page

from handcare.articles.models import GuidePage
from handcare.editorial.content_checks import EVIDENCE_RULES, rule_id
from handcare.editorial.models import ReviewRecord
from handcare.references.models import Reference, ReferenceKind
from handcare.reflexology.models import ReflexologyPage, ReflexologyPoint
from techniques.models import TechniquePage
from tests.factories import (
    GuidePageFactory,
    ReferenceFactory,
    ReflexologyPageFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    home_page,
    paragraph_block,
    step_block,
)

from .helpers import (
    EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    add_url,
    checklist,
    edit_url,
    guide_data,
    make_technique,
    make_user,
    paragraph,
    reflexology_data,
    step,
    submit,
    technique_data,
    workflow_action_url,
)

# Reference defects, each with a phrase of the message the editor must see.
BAD_REFERENCES = {
    "no title": ({"title": ""}, "needs a title"),
    "no year": ({"year": None}, "needs a year of publication"),
    "neither URL nor DOI": ({"doi": "", "url": ""}, "needs a URL or a DOI"),
    "malformed DOI": ({"doi": "10.12/too-short-prefix"}, "DOI is malformed"),
    "(Year) placeholder": (
        {"authors": "Field, T. (Year)"},
        "Replace the placeholder '(Year)'",
    ),
    "[Title of …] placeholder": (
        {"title": "[Title of the study on hand massage and sleep]"},
        "Replace the placeholder '[Title of the study on hand massage and sleep]'",
    ),
    "personal account": (
        {"kind": ReferenceKind.PERSONAL_ACCOUNT},
        "personal account or testimonial is not evidence",
    ),
}


def field_messages(form, name):
    """The messages a form shows on one field, StreamField block errors included."""
    messages = []
    for error in form.errors.as_data().get(name, []):
        if isinstance(error, StreamBlockValidationError):
            for inner in error.non_block_errors.as_data():
                messages.extend(inner.messages)
        else:
            messages.extend(error.messages)
    return messages


def markers(response):
    """The evidence problem markers in a rendered page (not the checker's own selectors)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select("[data-evidence-problem]")


def reference_row_messages(form, index=0):
    return form.formsets["article_references"].forms[index].errors.get("reference", [])


class GateTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.sections = {
            topic: SectionPageFactory(parent=home, title=topic.title(), slug=topic, topic=topic)
            for topic in ("techniques", "reflexology", "sleep")
        }
        cls.good = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
        cls.editor = make_user("edith", EDITORS)
        cls.admin = make_user("sam", SITE_ADMINISTRATORS)

    def setUp(self):
        self.client.force_login(self.editor)

    def draft(self, section="techniques", **fields):
        return make_technique(self.sections[section], self.editor, live=False, **fields)

    def assert_refused(self, response, page=None):
        self.assertEqual(response.status_code, 200, "expected the form back with errors")
        form = response.context["form"]
        self.assertFalse(form.is_valid())
        if page is not None:
            page = Page.objects.get(pk=page.pk)
            self.assertFalse(page.workflow_in_progress)
            self.assertFalse(page.live)
        return form

    def assert_submitted(self, response, page):
        if response.status_code == 200:
            form = response.context["form"]
            self.fail(
                f"refused: {form.errors} {[f.errors for f in form.formsets['article_references']]}"
            )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Page.objects.get(pk=page.pk).workflow_in_progress)

    def assert_saved_as_draft(self, response, page, revisions_before):
        self.assertRedirects(response, edit_url(page), fetch_redirect_response=False)
        page = Page.objects.get(pk=page.pk)
        self.assertEqual(page.revisions.count(), revisions_before + 1)
        self.assertFalse(page.workflow_in_progress)
        self.assertFalse(page.live)


class ReferenceGateTests(GateTestCase):
    def post(self, page, reference, action):
        data = technique_data(
            page,
            steps=[step("Glide", f"<p>Glide slowly [cite:{reference.key}].</p>")],
            references=[reference],
            action=action,
        )
        return self.client.post(edit_url(page), data)

    def test_each_incomplete_reference_is_refused_on_its_row(self):
        for case, (defect, phrase) in BAD_REFERENCES.items():
            with self.subTest(case):
                bad = ReferenceFactory(**defect)
                page = self.draft(title=f"Technique {case}")
                form = self.assert_refused(self.post(page, bad, "submit"), page)
                messages = reference_row_messages(form)
                self.assertTrue(
                    any(phrase in message and bad.key in message for message in messages),
                    messages,
                )
                # Nothing else is blamed: the citation itself is fine.
                self.assertEqual(field_messages(form, "steps"), [])

    def test_each_incomplete_reference_can_still_be_saved_as_a_draft(self):
        for case, (defect, _) in BAD_REFERENCES.items():
            with self.subTest(case):
                bad = ReferenceFactory(**defect)
                page = self.draft(title=f"Draft {case}")
                before = page.revisions.count()
                self.assert_saved_as_draft(self.post(page, bad, None), page, before)
                draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
                self.assertEqual(
                    [link.reference_id for link in draft.article_references.all()], [bad.pk]
                )

    def test_a_complete_reference_is_accepted(self):
        page = self.draft()
        self.assert_submitted(self.post(page, self.good, "submit"), page)

    def test_fixing_the_reference_lets_the_article_through(self):
        bad = ReferenceFactory(year=None, doi="")
        page = self.draft()
        self.assert_refused(self.post(page, bad, "submit"), page)
        Reference.objects.filter(pk=bad.pk).update(year=2019, doi="10.1016/j.ctcp.2016.01.003")
        self.assert_submitted(self.post(page, bad, "submit"), page)

    def test_the_row_with_the_problem_is_the_one_marked(self):
        bad = ReferenceFactory(title="")
        page = self.draft()
        data = technique_data(
            page,
            steps=[step("Glide", f"<p>Glide [cite:{self.good.key}] [cite:{bad.key}].</p>")],
            references=[self.good, bad],
            action="submit",
        )
        form = self.assert_refused(self.client.post(edit_url(page), data), page)
        self.assertEqual(reference_row_messages(form, 0), [])
        self.assertEqual(len(reference_row_messages(form, 1)), 1)

    def test_publishing_is_refused_too(self):
        bad = ReferenceFactory(kind=ReferenceKind.PERSONAL_ACCOUNT)
        page = self.draft()
        self.client.force_login(self.admin)
        form = self.assert_refused(self.post(page, bad, "publish"), page)
        self.assertTrue(reference_row_messages(form))
        response = self.post(page, self.good, "publish")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Page.objects.get(pk=page.pk).live)

    def test_creating_and_submitting_in_one_go_is_refused(self):
        bad = ReferenceFactory(doi="not-a-doi")
        data = technique_data(
            title="Brand new technique",
            steps=[step("Glide", f"<p>Glide [cite:{bad.key}].</p>")],
            references=[bad],
            action="submit",
        )
        response = self.client.post(add_url(TechniquePage, self.sections["techniques"]), data)
        form = self.assert_refused(response)
        self.assertTrue(reference_row_messages(form))
        self.assertFalse(TechniquePage.objects.filter(title="Brand new technique").exists())


class CitationGateTests(GateTestCase):
    def test_a_citation_of_an_unlisted_source_is_refused_on_its_field(self):
        page = self.draft()
        data = technique_data(
            page,
            steps=[step("Glide", "<p>Glide slowly [cite:nobody-2020].</p>")],
            references=[self.good],
            action="submit",
        )
        response = self.client.post(edit_url(page), data)
        form = self.assert_refused(response, page)
        messages = field_messages(form, "steps")
        self.assertEqual(len(messages), 1)
        self.assertIn(
            "[cite:nobody-2020] points at a source this article does not list", messages[0]
        )
        self.assertContains(response, "points at a source this article does not list")
        self.assertEqual(reference_row_messages(form), [])

    def test_unlisted_citations_in_plain_and_rich_text_fields(self):
        page = self.draft()
        data = technique_data(
            page,
            summary="Soothing [cite:ghost-summary].",
            steps=[step("Glide", f"<p>Glide [cite:{self.good.key}].</p>")],
            cautions="<p>Stop if it hurts [cite:ghost-caution].</p>",
            references=[self.good],
            action="submit",
        )
        form = self.assert_refused(self.client.post(edit_url(page), data), page)
        self.assertIn("[cite:ghost-summary]", field_messages(form, "summary")[0])
        self.assertIn("[cite:ghost-caution]", field_messages(form, "cautions")[0])
        self.assertEqual(field_messages(form, "steps"), [])

    def test_the_guide_body_is_checked(self):
        page = GuidePageFactory(parent=self.sections["techniques"], owner=self.editor, live=False)
        page.save_revision(user=self.editor)
        data = guide_data(
            page,
            body=[paragraph("<p>Helps you sleep [cite:nobody-2020].</p>")],
            references=[self.good],
            action="submit",
        )
        form = self.assert_refused(self.client.post(edit_url(page), data), page)
        self.assertIn("[cite:nobody-2020]", field_messages(form, "body")[0])

    def test_listing_the_source_lets_the_article_through(self):
        page = self.draft()
        data = technique_data(
            page,
            steps=[step("Glide", f"<p>Glide slowly [cite:{self.good.key.upper()}].</p>")],
            references=[self.good],
            action="submit",
        )
        self.assert_submitted(self.client.post(edit_url(page), data), page)

    def test_a_draft_with_an_unlisted_citation_can_be_saved(self):
        page = self.draft()
        before = page.revisions.count()
        data = technique_data(
            page, steps=[step("Glide", "<p>Glide slowly [cite:nobody-2020].</p>")]
        )
        self.assert_saved_as_draft(self.client.post(edit_url(page), data), page, before)


class UncitedArticleGateTests(GateTestCase):
    def guide(self, section):
        page = GuidePageFactory(parent=self.sections[section], owner=self.editor, live=False)
        page.save_revision(user=self.editor)
        return page

    def test_a_sleep_article_citing_nothing_is_refused_on_its_body(self):
        page = self.guide("sleep")
        data = guide_data(
            page, body=[paragraph("<p>Hand massage improves sleep.</p>")], action="submit"
        )
        form = self.assert_refused(self.client.post(edit_url(page), data), page)
        self.assertIn("cites no source", field_messages(form, "body")[0])

        data = guide_data(
            page,
            body=[paragraph("<p>Hand massage may help you sleep [cite:field-2016].</p>")],
            references=[self.good],
            action="submit",
        )
        self.assert_submitted(self.client.post(edit_url(page), data), page)

    def test_a_reflexology_article_citing_nothing_is_refused_on_its_evidence_summary(self):
        page = ReflexologyPageFactory(
            parent=self.sections["reflexology"], owner=self.editor, live=False
        )
        page.save_revision(user=self.editor)
        data = reflexology_data(page, action="submit")
        form = self.assert_refused(self.client.post(edit_url(page), data), page)
        self.assertIn("cites no source", field_messages(form, "evidence_summary")[0])

        data = reflexology_data(
            page,
            evidence_summary="<p>One small trial [cite:field-2016].</p>",
            references=[self.good],
            action="submit",
        )
        self.assert_submitted(self.client.post(edit_url(page), data), page)

    def test_a_reflexology_point_note_counts_as_a_citation(self):
        point = ReflexologyPointFactory(evidence_note="Tested once [cite:field-2016].")
        page = ReflexologyPageFactory(
            parent=self.sections["reflexology"], owner=self.editor, live=False
        )
        page.save_revision(user=self.editor)
        # The point is being added in this very submission.
        data = reflexology_data(page, points=[point], references=[self.good], action="submit")
        self.assert_submitted(self.client.post(edit_url(page), data), page)

    def test_a_point_note_citing_an_unlisted_source_is_refused(self):
        point = ReflexologyPointFactory(name="Thumb pad", evidence_note="Claimed [cite:ghost].")
        page = ReflexologyPageFactory(
            parent=self.sections["reflexology"], owner=self.editor, live=False
        )
        page.save_revision(user=self.editor)
        data = reflexology_data(
            page,
            evidence_summary="<p>One trial [cite:field-2016].</p>",
            points=[point],
            references=[self.good],
            action="submit",
        )
        response = self.client.post(edit_url(page), data)
        form = self.assert_refused(response, page)
        self.assertTrue(any("Thumb pad" in error for error in form.non_field_errors()))

    def test_a_technique_in_a_sleep_section_is_told_to_cite_in_its_steps(self):
        page = self.draft(section="sleep")
        data = technique_data(
            page, steps=[step("Glide", "<p>Helps you sleep.</p>")], action="submit"
        )
        form = self.assert_refused(self.client.post(edit_url(page), data), page)
        self.assertIn("cites no source", field_messages(form, "steps")[0])

    def test_a_technique_needs_no_citation(self):
        page = self.draft()
        data = technique_data(
            page,
            steps=[step("Glide", "<p>Glide slowly.</p>")],
            references=[ReferenceFactory()],
            action="submit",
        )
        self.assert_submitted(self.client.post(edit_url(page), data), page)

    def test_every_article_must_list_a_source(self):
        page = self.draft()
        data = technique_data(page, steps=[step("Glide", "<p>Glide slowly.</p>")], action="submit")
        response = self.client.post(edit_url(page), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "List at least one source under References",
            str(response.context["form"].non_field_errors()),
        )
        self.assertFalse(Page.objects.get(pk=page.pk).workflow_in_progress)

    def test_an_uncited_sleep_article_can_be_saved_as_a_draft(self):
        page = self.guide("sleep")
        before = page.revisions.count()
        data = guide_data(page, body=[paragraph("<p>Uncited claim.</p>")])
        self.assert_saved_as_draft(self.client.post(edit_url(page), data), page, before)


class CautionsGateTests(GateTestCase):
    def test_a_technique_without_cautions_is_refused_on_the_cautions_field(self):
        page = self.draft()
        for empty in ("", "<p></p>", "<p>   </p>"):
            with self.subTest(cautions=empty):
                data = technique_data(page, cautions=empty, action="submit")
                form = self.assert_refused(self.client.post(edit_url(page), data), page)
                self.assertIn("must say when to stop", field_messages(form, "cautions")[0])

    def test_cautions_let_it_through(self):
        page = self.draft()
        data = technique_data(
            page,
            cautions="<p>Stop if it hurts.</p>",
            references=[ReferenceFactory()],
            action="submit",
        )
        self.assert_submitted(self.client.post(edit_url(page), data), page)

    def test_a_technique_without_cautions_can_be_saved_as_a_draft(self):
        page = self.draft()
        before = page.revisions.count()
        response = self.client.post(edit_url(page), technique_data(page, cautions=""))
        self.assert_saved_as_draft(response, page, before)


class ApprovalGateTests(GateTestCase):
    """A source can break after submission; the reviewer cannot sign off until it is fixed."""

    def test_approval_rechecks_the_revision_under_review(self):
        reference = ReferenceFactory(key="smith-2019")
        page = self.draft(reference=reference)
        submit(page, self.editor)
        Reference.objects.filter(pk=reference.pk).update(title="[Title of the study]")

        reviewer = make_user("rita", REVIEWERS, name="Rita Reviewer", role="Hand therapist")
        self.client.force_login(reviewer)
        html = json.loads(self.client.get(workflow_action_url(page, "approve")).content)["html"]
        self.assertIn("data-review-problems", html)
        self.assertIn("smith-2019", html)
        self.assertNotIn('name="facts_match_sources"', html)

        response = self.client.post(workflow_action_url(page, "approve"), checklist(page=page))
        self.assertRedirects(response, edit_url(page), fetch_redirect_response=False)
        self.assertContains(self.client.get(edit_url(page)), "smith-2019")
        self.assertFalse(Page.objects.get(pk=page.pk).live)
        self.assertFalse(ReviewRecord.objects.exists())

        Reference.objects.filter(pk=reference.pk).update(title="A real title")
        self.client.post(workflow_action_url(page, "approve"), checklist(page=page))
        self.assertTrue(Page.objects.get(pk=page.pk).live)


class PreviewMarkerTests(GateTestCase):
    """In preview, each problem is a [data-evidence-problem] marker the content checker reports."""

    def preview(self, page, data):
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = self.client.post(url, data)
        self.assertTrue(json.loads(response.content)["is_valid"])
        return self.client.get(url)

    def test_problems_are_marked_in_preview(self):
        bad = ReferenceFactory(kind=ReferenceKind.PERSONAL_ACCOUNT)
        page = self.draft()
        data = technique_data(
            page,
            steps=[step("Glide", "<p>Glide [cite:nobody-2020].</p>")],
            cautions="",
            references=[bad],
        )
        response = self.preview(page, data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            sorted(marker["data-evidence-problem"] for marker in markers(response)),
            ["missing-cautions", "personal-account-reference", "unlisted-citation"],
        )
        # Each marker says what to fix, in the editor's words.
        texts = " ".join(marker.get_text() for marker in markers(response))
        self.assertIn("[cite:nobody-2020]", texts)

    def test_a_sound_article_has_no_markers(self):
        page = self.draft()
        data = technique_data(
            page,
            steps=[step("Glide", f"<p>Glide [cite:{self.good.key}].</p>")],
            references=[self.good],
        )
        response = self.preview(page, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Effleurage")
        self.assertEqual(markers(response), [])

    def test_the_content_checker_is_configured_with_the_evidence_rules(self):
        page = self.draft()
        response = self.preview(page, technique_data(page, cautions=""))
        self.assertContains(response, 'id="checker-axe-configuration"')
        html = response.content.decode()
        config = json.loads(
            html.split('id="checker-axe-configuration" type="application/json">')[1].split(
                "</script>"
            )[0]
        )
        rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
        for code in EVIDENCE_RULES:
            self.assertIn(rule_id(code), config["options"]["runOnly"])
            self.assertEqual(rules[rule_id(code)]["selector"], f'[data-evidence-problem="{code}"]')
            self.assertIn(rule_id(code), config["messages"])
        # Wagtail's own checks still run.
        self.assertIn("alt-text-quality", config["options"]["runOnly"])


class CheckEvidenceTests(TestCase):
    """Each page type's evidence_problems(), on pages held in memory."""

    def technique(self, **fields):
        fields.setdefault("title", "Effleurage")
        fields.setdefault("summary", "Gliding strokes.")
        fields.setdefault("steps", [step_block("Glide", "<p>Glide [cite:field-2016].</p>")])
        fields.setdefault("cautions", "<p>Stop if it hurts.</p>")
        return TechniquePage(**fields)

    def reference(self, **fields):
        values = {
            "key": "field-2016",
            "title": "Hand massage and anxiety",
            "year": 2016,
            "doi": "10.1016/j.ctcp.2016.01.003",
            "kind": ReferenceKind.STUDY,
        }
        values.update(fields)
        return Reference(**values)

    def codes(self, problems):
        return sorted(problem.code for problem in problems)

    def test_a_sound_technique_has_no_problems(self):
        self.assertEqual(
            self.technique().evidence_problems(references=[self.reference()], topic="techniques"),
            [],
        )

    def test_each_reference_defect(self):
        for case, (defect, phrase) in BAD_REFERENCES.items():
            with self.subTest(case):
                problems = self.technique().evidence_problems(
                    references=[self.reference(**defect)], topic="techniques"
                )
                self.assertTrue(problems)
                expected = (
                    "personal-account-reference" if "kind" in defect else "incomplete-reference"
                )
                self.assertIn(expected, self.codes(problems))
                for problem in problems:
                    self.assertEqual(problem.field, "article_references")
                    self.assertEqual(problem.row, ("article_references", 0))
                self.assertTrue(any(phrase in problem.message for problem in problems))

    def test_a_url_is_as_good_as_a_doi(self):
        reference = self.reference(doi="", url="https://example.org/study")
        self.assertEqual(
            self.technique().evidence_problems(references=[reference], topic="techniques"), []
        )

    def test_the_index_points_at_the_bad_reference(self):
        good, bad = self.reference(), self.reference(key="other-2020", year=None)
        problems = self.technique().evidence_problems(references=[good, bad], topic="techniques")
        self.assertEqual([problem.row for problem in problems], [("article_references", 1)])

    def test_unlisted_citations_name_the_field_and_key_once(self):
        page = self.technique(
            summary="Calming [cite:Ghost] and [cite:ghost].",
            steps=[step_block("Glide", "<p>[cite:other]</p>")],
        )
        problems = page.evidence_problems(references=[self.reference()], topic="techniques")
        self.assertEqual(
            [(problem.code, problem.field) for problem in problems],
            [("unlisted-citation", "summary"), ("unlisted-citation", "steps")],
        )
        self.assertIn("[cite:ghost]", problems[0].message)
        self.assertIn("[cite:other]", problems[1].message)

    def test_citation_keys_match_whatever_their_case(self):
        page = self.technique(steps=[step_block("Glide", "<p>[cite:FIELD-2016]</p>")])
        self.assertEqual(
            page.evidence_problems(references=[self.reference()], topic="techniques"), []
        )

    def test_sources_are_required_for_reflexology_and_sleep_only(self):
        page = self.technique(steps=[step_block("Glide", "<p>No citation.</p>")])
        listed = [self.reference()]
        self.assertEqual(page.evidence_problems(references=listed, topic="techniques"), [])
        self.assertEqual(
            self.codes(page.evidence_problems(references=[], topic="techniques")), ["no-sources"]
        )
        for topic in ("reflexology", "sleep"):
            with self.subTest(topic):
                problems = page.evidence_problems(references=[], topic=topic)
                self.assertEqual(self.codes(problems), ["no-sources", "uncited-article"])
                uncited = [p for p in problems if p.code == "uncited-article"]
                self.assertEqual(uncited[0].field, "steps")
        # Listing a source is not citing it.
        problems = page.evidence_problems(references=[self.reference()], topic="sleep")
        self.assertEqual(self.codes(problems), ["uncited-article"])

    def test_the_missing_citation_belongs_in_the_main_text(self):
        self.assertEqual(TechniquePage.main_text_field, "steps")
        self.assertEqual(GuidePage.main_text_field, "body")
        self.assertEqual(ReflexologyPage.main_text_field, "evidence_summary")

    def test_a_technique_must_have_cautions(self):
        for cautions in ("", None, "<p> </p>", "<p><br/></p>"):
            with self.subTest(cautions=cautions):
                problems = self.technique(cautions=cautions).evidence_problems(
                    references=[self.reference()], topic="techniques"
                )
                self.assertEqual(self.codes(problems), ["missing-cautions"])
                self.assertEqual(problems[0].field, "cautions")

    def test_guides_have_no_cautions_field_to_check(self):
        page = GuidePage(title="Guide", summary="S.", body=[paragraph_block("<p>Text.</p>")])
        self.assertEqual(
            page.evidence_problems(references=[self.reference()], topic="techniques"), []
        )

    def test_reflexology_point_notes_are_checked(self):
        page = ReflexologyPage(title="Reflexology", summary="S.", body=[])
        cited = ReflexologyPoint(name="Thumb pad", evidence_note="Tested [cite:field-2016].")
        ghost = ReflexologyPoint(name="Palm", evidence_note="Claimed [cite:ghost].")
        self.assertEqual(
            page.evidence_problems(
                references=[self.reference()], topic="reflexology", points=[cited]
            ),
            [],
        )
        problems = page.evidence_problems(
            references=[self.reference()], topic="reflexology", points=[ghost]
        )
        self.assertEqual(
            [(p.code, p.field) for p in problems], [("unlisted-citation", "point_links")]
        )
        self.assertIn("Palm", problems[0].message)

    def test_a_saved_page_is_checked_with_its_own_references_and_topic(self):
        section = SectionPageFactory(parent=home_page(), topic="sleep")
        reference = ReferenceFactory(year=None)
        page = GuidePageFactory(
            parent=section,
            body=[paragraph_block(f"<p>Sleep [cite:{reference.key}].</p>")],
            references=[reference],
        )
        self.assertEqual(self.codes(page.evidence_problems()), ["incomplete-reference"])
