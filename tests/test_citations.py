"""Inline citations: numbering by first use, backlinks, missing sources and escaping."""

from django.test import SimpleTestCase, TestCase

from handcare.articles.models import GuidePage
from handcare.references.citations import CitationIndex, citation_keys
from handcare.references.models import Reference
from techniques.models import TechniquePage

from .factories import (
    GuidePageFactory,
    ReferenceFactory,
    ReflexologyPointFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
    paragraph_block,
    step_block,
)


def refs(*keys):
    """Unsaved references: the index only needs their keys."""
    return [Reference(key=key, title=f"Title of {key}") for key in keys]


class CitationIndexTests(SimpleTestCase):
    def test_keys_are_found_in_order_with_repeats_and_any_case(self):
        self.assertEqual(citation_keys("a [cite:b] c [cite: A ] d [cite:b]"), ["b", "a", "b"])

    def test_numbers_follow_first_use_across_fields_not_list_order(self):
        index = CitationIndex(
            refs("alpha", "beta"), ["no citation here", "[cite:beta]", "[cite:alpha]"]
        )
        self.assertEqual(index.number_for("beta"), 1)
        self.assertEqual(index.number_for("alpha"), 2)
        self.assertEqual([entry.reference.key for entry in index], ["beta", "alpha"])

    def test_repeated_citation_keeps_its_number_and_gets_distinct_backlinks(self):
        index = CitationIndex(refs("alpha", "beta"), ["[cite:alpha] [cite:beta] [cite:alpha]"])
        html = index.render_text("One [cite:alpha]. Two [cite:beta]. Three [cite:alpha].")

        self.assertEqual(html.count('href="#ref-1"'), 2)
        self.assertEqual(html.count('href="#ref-2"'), 1)
        self.assertIn('id="cite-1-1"', html)
        self.assertIn('id="cite-1-2"', html)
        self.assertIn('id="cite-2-1"', html)
        alpha = next(entry for entry in index if entry.reference.key == "alpha")
        self.assertEqual(alpha.uses, 2)
        self.assertEqual(alpha.backlinks, ["cite-1-1", "cite-1-2"])
        self.assertEqual(index.backlinks_for(alpha), ["cite-1-1", "cite-1-2"])

    def test_backlinks_continue_across_separately_rendered_fields(self):
        index = CitationIndex(refs("alpha"), ["[cite:alpha]", "[cite:alpha]"])
        first = index.render_html("<p>[cite:alpha]</p>")
        second = index.render_text("[cite:alpha]")
        self.assertIn('id="cite-1-1"', first)
        self.assertIn('id="cite-1-2"', second)

    def test_uncited_listed_references_follow_the_cited_ones_in_list_order(self):
        index = CitationIndex(refs("alpha", "beta", "gamma"), ["[cite:gamma]"])
        self.assertEqual([entry.reference.key for entry in index], ["gamma", "alpha", "beta"])
        self.assertEqual([entry.number for entry in index], [1, 2, 3])
        self.assertEqual([entry.uses for entry in index], [1, 0, 0])
        self.assertEqual(len(index), 3)

    def test_unknown_key_renders_the_source_missing_marker(self):
        index = CitationIndex(refs("alpha"), ["[cite:nowhere] [cite:alpha]"])
        html = index.render_text("Claim [cite:nowhere].")
        self.assertIn("citation--missing", html)
        self.assertIn("[source missing: nowhere]", html)
        self.assertNotIn("<sup", html)
        self.assertEqual(index.unknown_keys, ["nowhere"])
        # An unknown key takes no number: the first real source is still 1.
        self.assertEqual(index.number_for("alpha"), 1)

    def test_render_text_escapes_html_but_keeps_citation_links(self):
        index = CitationIndex(refs("alpha"), ["[cite:alpha]"])
        html = index.render_text('<script>alert("x")</script> & more [cite:alpha]')
        self.assertNotIn("<script>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertIn("&amp; more", html)
        self.assertIn('<sup class="citation"><a href="#ref-1" id="cite-1-1"', html)

    def test_render_html_keeps_editor_markup(self):
        index = CitationIndex(refs("alpha"), ["[cite:alpha]"])
        html = index.render_html("<p><b>Bold</b> claim [cite:alpha]</p>")
        self.assertIn("<p><b>Bold</b> claim <sup", html)


class ArticleCitationTests(TestCase):
    """Numbering through a real TechniquePage, whose citable fields run in display order."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.listed_first = ReferenceFactory(key="listed-first")
        cls.listed_second = ReferenceFactory(key="listed-second")
        cls.uncited = ReferenceFactory(key="never-cited")
        cls.page = TechniquePageFactory(
            parent=section,
            summary="A summary without sources.",
            preparation="",
            steps=[
                step_block("Glide", "<p>Glide [cite:listed-second].</p>"),
                step_block("Knead", "<p>Knead [cite:listed-second].</p>"),
            ],
            cautions="<p>Stop if it hurts [cite:listed-first].</p>",
            references=[cls.listed_first, cls.listed_second, cls.uncited],
        )

    def test_a_source_first_cited_in_the_steps_is_number_one(self):
        index = TechniquePage.objects.get(pk=self.page.pk).build_citations()
        self.assertEqual(
            [(entry.number, entry.reference.key, entry.uses) for entry in index],
            [(1, "listed-second", 2), (2, "listed-first", 1), (3, "never-cited", 0)],
        )
        self.assertEqual(index.unknown_keys, [])


class EmbeddedReflexologyPointTests(TestCase):
    """A points table inside a guide's body: its notes' citations count where the table stands."""

    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.before = ReferenceFactory(key="before-table")
        cls.in_note = ReferenceFactory(key="in-point-note")
        point = ReflexologyPointFactory(
            evidence_note="No trial found an effect [cite:in-point-note]."
        )
        cls.page = GuidePageFactory(
            parent=section,
            summary="A guide.",
            body=[
                paragraph_block("<p>Opening claim [cite:before-table].</p>"),
                {"type": "reflexology_points", "value": {"points": [point.pk]}, "id": "p1"},
            ],
            references=[cls.in_note, cls.before],
        )

    def test_a_note_citation_is_numbered_after_the_text_before_the_table(self):
        index = GuidePage.objects.get(pk=self.page.pk).build_citations()
        self.assertEqual(
            [(entry.number, entry.reference.key, entry.uses) for entry in index],
            [(1, "before-table", 1), (2, "in-point-note", 1)],
        )

    def test_an_unlisted_key_in_an_embedded_note_is_an_evidence_problem(self):
        page = GuidePage.objects.get(pk=self.page.pk)
        problems = page.evidence_problems(references=[self.before], topic="techniques")
        self.assertEqual([(p.code, p.field) for p in problems], [("unlisted-citation", "body")])
