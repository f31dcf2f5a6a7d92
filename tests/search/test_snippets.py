"""Highlighted matches: the reader's words in <mark>, everything else escaped, no citations."""

from django.test import SimpleTestCase, TestCase

from handcare.search.snippets import highlight, snippet, term_pattern

from ..factories import (
    GuidePageFactory,
    SectionPageFactory,
    TechniquePageFactory,
    heading_block,
    home_page,
    paragraph_block,
)
from ..html import parse


class HighlightTests(SimpleTestCase):
    def test_marks_words_starting_with_a_term_and_escapes_the_rest(self):
        html = highlight(
            "Knead & <b>massage</b> the palm; massaging helps.", term_pattern(["massag"])
        )
        self.assertEqual(
            html,
            "Knead &amp; &lt;b&gt;<mark>massage</mark>&lt;/b&gt; the palm; "
            "<mark>massaging</mark> helps.",
        )

    def test_short_terms_mark_whole_words_only(self):
        html = highlight("a palm and an arm", term_pattern(["a"]))
        self.assertEqual(html, "<mark>a</mark> palm and an arm")

    def test_case_and_several_terms(self):
        html = highlight("Warm HANDS, warm hearts", term_pattern(["warm", "hands"]))
        self.assertEqual(html, "<mark>Warm</mark> <mark>HANDS</mark>, <mark>warm</mark> hearts")

    def test_a_term_is_never_a_pattern(self):
        # Terms are letters and digits, but even so they are escaped before joining.
        self.assertEqual(highlight("a.b", term_pattern(["a"])), "<mark>a</mark>.b")


class SnippetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), slug="guides")

    def search(self, query):
        response = self.client.get("/search/", {"q": query})
        self.assertEqual(response.status_code, 200)
        return parse(response)

    def test_the_summary_match_is_marked_and_editor_html_stays_text(self):
        GuidePageFactory(
            parent=self.section,
            title="Evening care",
            summary="Use <b>warm</b> almond oil & glide gently [cite:field2016].",
        )
        item = self.search("almond").find(class_="search-result")
        snippet_tag = item.find(class_="search-result__snippet")
        self.assertEqual(
            snippet_tag.decode_contents(),
            "Use &lt;b&gt;warm&lt;/b&gt; <mark>almond</mark> oil &amp; glide gently.",
        )
        self.assertNotIn("cite:", str(item))
        self.assertIsNone(item.find("b"))

    def test_a_body_match_is_shown_from_the_body(self):
        words = " ".join(f"filler{n}" for n in range(80))
        GuidePageFactory(
            parent=self.section,
            title="Long guide",
            body=[
                heading_block("Overview"),
                paragraph_block(
                    f"<p>{words} then the <i>quenchwort</i> stroke [cite:x1] {words}</p>"
                ),
            ],
        )
        item = self.search("quenchwort").find(class_="search-result")
        snippet_html = item.find(class_="search-result__snippet").decode_contents()
        self.assertIn("the <mark>quenchwort</mark> stroke", snippet_html)
        self.assertTrue(snippet_html.startswith("…"))
        self.assertTrue(snippet_html.endswith("…"))
        self.assertLess(len(snippet_html), 300)
        self.assertNotIn("cite", snippet_html)
        self.assertNotIn("<i>", snippet_html)

    def test_technique_steps_are_searched_text(self):
        TechniquePageFactory(
            parent=self.section,
            title="Wrist circles",
            preparation="<p>Sit by a lumbrical window.</p>",
        )
        item = self.search("lumbrical").find(class_="search-result")
        self.assertIn("<mark>lumbrical</mark>", str(item))

    def test_a_query_with_markup_never_becomes_markup(self):
        GuidePageFactory(
            parent=self.section, title="Script kneading", summary="Kneading script notes."
        )
        tree = self.search("<script>kneading script</script>")
        main = tree.find("main")
        self.assertIsNone(main.find("script"))
        self.assertIn("<mark>Kneading</mark>", str(main.find(class_="search-result__snippet")))

    def test_the_title_is_marked(self):
        GuidePageFactory(parent=self.section, title="Thenar <release>")
        link = self.search("thenar").find(class_="search-result").find("a")
        self.assertEqual(link.decode_contents(), "<mark>Thenar</mark> &lt;release&gt;")

    def test_no_text_match_falls_back_to_the_summary(self):
        page = GuidePageFactory(parent=self.section, title="Hypothenar glide", summary="Short.")
        self.assertEqual(snippet(page, ["hypothenar"]), "Short.")
