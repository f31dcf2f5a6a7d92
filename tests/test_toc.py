"""Tables of contents: unique anchors in heading order, and only sections with content."""

from django.test import SimpleTestCase, TestCase

from handcare.articles.toc import TableOfContents

from .factories import (
    GuidePageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    faq_block,
    heading_block,
    home_page,
    paragraph_block,
)


class TableOfContentsTests(SimpleTestCase):
    def test_duplicate_text_gets_numbered_anchors(self):
        toc = TableOfContents()
        anchors = [toc.add(text).anchor for text in ("Warm up", "Warm up", "Warm up", "Finish")]
        self.assertEqual(anchors, ["warm-up", "warm-up-2", "warm-up-3", "finish"])

    def test_fixed_anchor_is_deduplicated_against_headings(self):
        toc = TableOfContents()
        toc.add("References")
        self.assertEqual(toc.add("References", anchor="references").anchor, "references-2")

    def test_text_without_letters_still_gets_an_anchor(self):
        toc = TableOfContents()
        self.assertEqual([toc.add("!!!").anchor, toc.add("???").anchor], ["section", "section-2"])

    def test_unknown_block_falls_back_to_a_slug(self):
        self.assertEqual(TableOfContents().anchor_for_block("Some ID"), "some-id")


class GuideTableOfContentsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.headings = [
            heading_block("Before you start"),
            heading_block("What you need", level="h3"),
            heading_block("Before you start"),
            heading_block("After care"),
        ]
        cls.guide = GuidePageFactory(
            parent=section,
            body=[
                cls.headings[0],
                paragraph_block("<p>Text.</p>"),
                cls.headings[1],
                cls.headings[2],
                paragraph_block("<p>More.</p>"),
                cls.headings[3],
            ],
        )

    def test_headings_become_entries_in_order_with_unique_anchors(self):
        toc = self.guide.build_table_of_contents()
        self.assertEqual(
            [(entry.text, entry.anchor, entry.level) for entry in toc],
            [
                ("Before you start", "before-you-start", 2),
                ("What you need", "what-you-need", 3),
                ("Before you start", "before-you-start-2", 2),
                ("After care", "after-care", 2),
                ("References", "references", 2),
            ],
        )

    def test_each_heading_block_knows_its_anchor(self):
        toc = self.guide.build_table_of_contents()
        self.assertEqual(
            [toc.anchor_for_block(block["id"]) for block in self.headings],
            ["before-you-start", "what-you-need", "before-you-start-2", "after-care"],
        )


class TechniqueTableOfContentsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page())

    def entries(self, **fields):
        page = TechniquePageFactory(parent=self.section, **fields)
        return [(entry.text, entry.anchor) for entry in page.build_table_of_contents()]

    def test_only_sections_with_content_are_listed(self):
        self.assertEqual(
            self.entries(preparation="", cautions="", variations=[], common_mistakes=[], faqs=[]),
            [("Steps", "steps"), ("References", "references")],
        )

    def test_every_filled_section_is_listed_in_page_order(self):
        entries = self.entries(
            preparation="<p>Warm your hands.</p>",
            cautions="",
            not_suitable_for="<p>Broken skin.</p>",
            common_mistakes=[{"type": "mistake", "value": "Rushing"}],
            faqs=[faq_block("How long?", "<p>Five minutes.</p>")],
        )
        self.assertEqual(
            [anchor for _, anchor in entries],
            ["preparation", "steps", "cautions", "common-mistakes", "faqs", "references"],
        )
