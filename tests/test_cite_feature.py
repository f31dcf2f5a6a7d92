"""The Draftail "Cite" control: storage, conversion, front-end rendering, chooser and gates.

A citation chosen with the Cite button is stored as ``<embed embedtype="cite"
marker="[cite:KEY]"/>``. Everything downstream must treat it exactly as a typed ``[cite:KEY]``.
"""

import json

from bs4 import BeautifulSoup

from django.template import Context, Template
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from wagtail.admin.compare import comparison_class_registry
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.blocks import RichTextBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from handcare.articles.blocks import RICH_TEXT_FEATURES
from handcare.articles.models import GuidePage
from handcare.articles.models.mixins import article_models
from handcare.references.citations import CitationIndex, citation_keys
from handcare.references.models import Reference
from handcare.references.rich_text import CitedRichTextFieldComparison
from techniques.models import TechniquePage

from .editorial.helpers import EDITORS, edit_url, make_technique, make_user, technique_data
from .factories import (
    GuidePageFactory,
    ReferenceFactory,
    SectionPageFactory,
    home_page,
    paragraph_block,
)
from .html import citation_links, fragment_links, parse, text


def cite(key):
    """A citation as the Cite control stores it."""
    return f'<embed embedtype="cite" marker="[cite:{key}]"/>'


def contentstate(*parts):
    """Draftail JSON for one paragraph; a part is plain text, or (label, key) for a cite chip."""
    text_so_far, ranges, entities = "", [], {}
    for part in parts:
        if isinstance(part, tuple):
            label, key = part
            entities[str(len(entities))] = {
                "type": "CITE",
                "mutability": "IMMUTABLE",
                "data": {"key": key},
            }
            ranges.append(
                {"key": len(entities) - 1, "offset": len(text_so_far), "length": len(label)}
            )
            text_so_far += label
        else:
            text_so_far += part
    block = {
        "key": "b0001",
        "type": "unstyled",
        "depth": 0,
        "text": text_so_far,
        "inlineStyleRanges": [],
        "entityRanges": ranges,
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": entities})


def chips(contentstate_json):
    """(text, key, mutability) of every cite entity in Draftail JSON."""
    data = json.loads(contentstate_json)
    found = []
    for block in data["blocks"]:
        for entity_range in block["entityRanges"]:
            entity = data["entityMap"][str(entity_range["key"])]
            if entity["type"] == "CITE":
                start = entity_range["offset"]
                found.append(
                    (
                        block["text"][start : start + entity_range["length"]],
                        entity["data"]["key"],
                        entity["mutability"],
                    )
                )
    return found


class ShortLabelTests(SimpleTestCase):
    def test_first_author_surname_and_year(self):
        reference = Reference(key="field-2016", authors="Field, T.; Diego, M.", year=2016)
        self.assertEqual(reference.short_label, "Field 2016")

    def test_the_key_when_there_is_no_author(self):
        self.assertEqual(Reference(key="nhs-2023", authors="", year=2023).short_label, "nhs-2023")

    def test_the_surname_alone_when_there_is_no_year(self):
        self.assertEqual(Reference(key="x", authors="Ernst, E.", year=None).short_label, "Ernst")


class ConverterTests(TestCase):
    """Draftail JSON <-> database HTML, through the converter every rich text field uses."""

    @classmethod
    def setUpTestData(cls):
        ReferenceFactory(key="field-2016", authors="Field, T.; Diego, M.", year=2016)

    def setUp(self):
        self.converter = ContentstateConverter(RICH_TEXT_FEATURES)

    def test_a_chip_is_stored_as_its_marker_only(self):
        html = self.converter.to_database_format(
            contentstate("Warms the skin ", ("Field 2016", "field-2016"), ". More.")
        )
        self.assertEqual(
            html, f'<p data-block-key="b0001">Warms the skin {cite("field-2016")}. More.</p>'
        )
        # The raw text carries the marker, so every [cite:KEY] scanner finds it.
        self.assertEqual(citation_keys(html), ["field-2016"])
        self.assertNotIn("Field 2016", html)

    def test_round_trip_restores_the_chip_with_the_reference_label(self):
        original = contentstate("Warms the skin ", ("Field 2016", "field-2016"), ". More.")
        html = self.converter.to_database_format(original)
        restored = self.converter.from_database_format(html)
        self.assertEqual(chips(restored), [("Field 2016", "field-2016", "IMMUTABLE")])
        self.assertEqual(
            json.loads(restored)["blocks"][0]["text"], "Warms the skin Field 2016. More."
        )
        self.assertEqual(self.converter.to_database_format(restored), html)

    def test_the_label_follows_the_library_and_falls_back_to_the_key(self):
        Reference.objects.filter(key="field-2016").update(authors="Diego, M.", year=2017)
        restored = self.converter.from_database_format(
            f"<p>A {cite('field-2016')} and {cite('not-in-library')}</p>"
        )
        self.assertEqual(
            chips(restored),
            [
                ("Diego 2017", "field-2016", "IMMUTABLE"),
                ("not-in-library", "not-in-library", "IMMUTABLE"),
            ],
        )
        self.assertEqual(
            json.loads(restored)["blocks"][0]["text"], "A Diego 2017 and not-in-library"
        )

    def test_typed_markers_stay_plain_text(self):
        html = "<p>Typed [cite:field-2016] marker.</p>"
        restored = self.converter.from_database_format(html)
        self.assertEqual(chips(restored), [])
        self.assertIn("[cite:field-2016]", self.converter.to_database_format(restored))

    def test_a_chip_without_a_usable_key_keeps_its_text(self):
        html = self.converter.to_database_format(contentstate("A ", ("Odd", "-bad key"), "."))
        self.assertEqual(html, '<p data-block-key="b0001">A Odd.</p>')

    def test_a_malformed_stored_embed_is_dropped(self):
        restored = self.converter.from_database_format(
            '<p>A <embed embedtype="cite" marker="cite:field-2016"/>.</p>'
        )
        self.assertEqual(chips(restored), [])
        self.assertEqual(json.loads(restored)["blocks"][0]["text"], "A .")


class ExpandTests(SimpleTestCase):
    """expand_db_html, the richtext filter and {% cited %} see the bare marker."""

    def test_expand_db_html_leaves_exactly_the_typed_marker(self):
        self.assertEqual(
            expand_db_html(f"<p>Claim {cite('field-2016')}.</p>"),
            "<p>Claim [cite:field-2016].</p>",
        )

    def test_malformed_embeds_render_nothing(self):
        self.assertEqual(
            expand_db_html('<p>A<embed embedtype="cite" marker="oops"/>.</p>'), "<p>A.</p>"
        )

    def test_richtext_filter_renders_a_chip_as_a_typed_marker(self):
        template = Template("{% load wagtailcore_tags %}{{ html|richtext }}")
        self.assertEqual(
            template.render(Context({"html": f"<p>Claim {cite('alpha')}.</p>"})),
            template.render(Context({"html": "<p>Claim [cite:alpha].</p>"})),
        )

    def test_without_a_reference_list_both_are_stripped(self):
        template = Template("{% load article_tags %}{% cited html %}")
        entity = template.render(Context({"html": f"<p>Claim {cite('alpha')}.</p>"}))
        self.assertEqual(entity, template.render(Context({"html": "<p>Claim [cite:alpha].</p>"})))
        self.assertEqual(entity, "<p>Claim.</p>")

    def test_citation_index_renders_a_chip_like_a_typed_marker(self):
        references = [Reference(key="alpha", title="Alpha")]
        typed = "<p>One [cite:alpha] two [cite:alpha]</p>"
        chosen = f"<p>One {cite('alpha')} two {cite('alpha')}</p>"
        typed_html = CitationIndex(references, [typed]).render_html(expand_db_html(typed))
        chosen_html = CitationIndex(references, [chosen]).render_html(expand_db_html(chosen))
        self.assertEqual(chosen_html, typed_html)
        self.assertIn('<sup class="citation"><a href="#ref-1" id="cite-1-2"', chosen_html)


class RenderedPageTests(TestCase):
    """Whole article pages: a chosen citation renders exactly as a typed one."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page())
        cls.alpha = ReferenceFactory(key="alpha", title="Alpha study")
        cls.beta = ReferenceFactory(key="beta", title="Beta study")

    def guide(self, *paragraphs):
        return GuidePageFactory(
            parent=self.section,
            body=[paragraph_block(html) for html in paragraphs],
            references=[self.alpha, self.beta],
        )

    def rendered(self, page):
        soup = parse(self.client.get(page.url))
        return soup, str(soup.select_one(".prose")), str(soup.find(id="references"))

    def test_chosen_and_typed_citations_render_identically(self):
        typed = self.guide("<p>Soothes [cite:beta].</p>", "<p>Warms [cite:alpha] [cite:beta].</p>")
        chosen = self.guide(
            f"<p>Soothes {cite('beta')}.</p>", f"<p>Warms {cite('alpha')} {cite('beta')}.</p>"
        )
        _, typed_prose, typed_refs = self.rendered(typed)
        soup, chosen_prose, chosen_refs = self.rendered(chosen)
        self.assertEqual(chosen_prose, typed_prose)
        self.assertEqual(chosen_refs, typed_refs)
        self.assertEqual(
            citation_links(soup),
            [("#ref-1", "cite-1-1"), ("#ref-2", "cite-2-1"), ("#ref-1", "cite-1-2")],
        )
        self.assertNotIn("embed", chosen_prose)
        self.assertNotIn("[cite:", chosen_prose)

    def test_no_link_is_nested_or_left_open(self):
        soup, prose, _ = self.rendered(self.guide(f"<p>Claim {cite('alpha')} and more.</p>"))
        self.assertEqual(soup.select("a a"), [])
        self.assertEqual(prose.count("<a "), prose.count("</a>"))
        (link,) = soup.select(".prose sup.citation > a")
        self.assertEqual((link["href"], link["id"], text(link)), ("#ref-1", "cite-1-1", "[1]"))
        self.assertEqual(text(link.find_parent("p")), "Claim [1] and more.")

    def test_mixed_typed_and_chosen_citations_share_one_numbering(self):
        page = self.guide(
            f"<p>First {cite('beta')}.</p>",
            "<p>Second [cite:alpha], third [cite:beta].</p>",
            f"<p>Fourth {cite('alpha')}.</p>",
        )
        soup, _, _ = self.rendered(page)
        self.assertEqual(
            citation_links(soup),
            [
                ("#ref-1", "cite-1-1"),
                ("#ref-2", "cite-2-1"),
                ("#ref-1", "cite-1-2"),
                ("#ref-2", "cite-2-2"),
            ],
        )
        self.assertIn("Beta study", text(soup.find(id="ref-1")))
        self.assertIn("Alpha study", text(soup.find(id="ref-2")))
        self.assertEqual(fragment_links(soup.find(id="ref-1")), ["#cite-1-1", "#cite-1-2"])
        self.assertEqual(fragment_links(soup.find(id="ref-2")), ["#cite-2-1", "#cite-2-2"])
        index = GuidePage.objects.get(pk=page.pk).build_citations()
        self.assertEqual([(e.reference.key, e.uses) for e in index], [("beta", 2), ("alpha", 2)])

    def test_a_chosen_key_the_page_does_not_list_shows_as_missing(self):
        soup, _, _ = self.rendered(self.guide(f"<p>Claim {cite('ghost')}.</p>"))
        self.assertEqual(
            [text(tag) for tag in soup.select(".citation--missing")], ["[source missing: ghost]"]
        )


class CitedEvidenceGateTests(TestCase):
    """Citations posted as Draftail chips meet the same gates as typed ones."""

    @classmethod
    def setUpTestData(cls):
        cls.section = SectionPageFactory(parent=home_page(), slug="techniques")
        cls.listed = ReferenceFactory(key="field-2016", title="Hand massage and anxiety")
        cls.unlisted = ReferenceFactory(key="moyle-2014", title="Not on this page")
        cls.editor = make_user("edith", EDITORS)

    def setUp(self):
        self.client.force_login(self.editor)
        self.page = make_technique(self.section, self.editor, reference=self.listed, live=False)

    def post(self, *parts, references):
        step = (
            "step",
            {
                "name": "Glide",
                "instructions": contentstate("Glide slowly ", *parts),
                "purpose": "",
                "duration": "",
                "pressure": "",
                "technique": "",
            },
        )
        data = technique_data(self.page, steps=[step], references=references, action="submit")
        return self.client.post(edit_url(self.page), data)

    def test_a_chosen_citation_of_an_unlisted_source_is_refused_on_its_field(self):
        response = self.post(("Moyle 2014", "moyle-2014"), ".", references=[self.listed])
        self.assertEqual(response.status_code, 200, "expected the form back with errors")
        form = response.context["form"]
        errors = form.errors.as_data()["steps"][0].non_block_errors.as_data()
        messages = [message for error in errors for message in error.messages]
        self.assertEqual(len(messages), 1)
        self.assertIn(
            "[cite:moyle-2014] points at a source this article does not list", messages[0]
        )
        self.assertFalse(Page.objects.get(pk=self.page.pk).workflow_in_progress)

    def test_a_chosen_citation_of_a_listed_source_is_stored_and_submitted(self):
        response = self.post(("Field 2016", "field-2016"), ".", references=[self.listed])
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get(pk=self.page.pk).specific
        self.assertTrue(page.workflow_in_progress)
        stored = page.get_latest_revision_as_object().steps.raw_data[0]["value"]["instructions"]
        self.assertIn(f"Glide slowly {cite('field-2016')}.", stored)


class RevisionComparisonTests(TestCase):
    def test_rich_text_field_comparisons_show_chosen_citations(self):
        field = TechniquePage._meta.get_field("cautions")
        self.assertIs(comparison_class_registry.get(field), CitedRichTextFieldComparison)
        before = TechniquePage(cautions="<p>Stop if it hurts.</p>")
        after = TechniquePage(cautions=f"<p>Stop if it hurts {cite('field-2016')}.</p>")
        diff = BeautifulSoup(
            CitedRichTextFieldComparison(field, before, after).htmldiff(), "html.parser"
        )
        self.assertIn("[cite:field-2016]", " ".join(text(tag) for tag in diff.select(".addition")))


class ReferenceChooserTests(TestCase):
    """The snippet chooser the Cite control opens: search, and what choosing returns."""

    @classmethod
    def setUpTestData(cls):
        cls.field = ReferenceFactory(
            key="field-2016",
            authors="Field, T.; Diego, M.",
            title="Massage therapy research review",
            year=2016,
        )
        cls.moyle = ReferenceFactory(
            key="moyle-2014", authors="Moyle, W.", title="Foot massage and agitation", year=2014
        )
        cls.ernst = ReferenceFactory(
            key="ernst-2009",
            authors="Ernst, E.",
            title="Is reflexology an effective intervention?",
            year=2009,
        )
        cls.editor = make_user("edith", EDITORS)

    def setUp(self):
        self.client.force_login(self.editor)

    def search(self, query):
        response = self.client.get(
            reverse("wagtailsnippetchoosers_references_reference:choose_results"), {"q": query}
        )
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        return [text(link) for link in soup.select("a[data-chooser-modal-choice]")]

    def test_search_by_author_title_year_or_key(self):
        cases = {
            "diego": ["field-2016: Massage therapy research review"],
            "AGITATION": ["moyle-2014: Foot massage and agitation"],
            "2009": ["ernst-2009: Is reflexology an effective intervention?"],
            "moyle-20": ["moyle-2014: Foot massage and agitation"],
            "massage 2014": ["moyle-2014: Foot massage and agitation"],
            "massage": [
                "field-2016: Massage therapy research review",
                "moyle-2014: Foot massage and agitation",
            ],
            "nothing-like-this": [],
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(self.search(query), expected)

    def test_the_chooser_modal_offers_the_search(self):
        response = self.client.get(reverse("wagtailsnippetchoosers_references_reference:choose"))
        self.assertEqual(response.status_code, 200)
        html = json.loads(response.content)["html"]
        self.assertIn('placeholder="Author, title, year or key"', html)
        self.assertIn("Field, T.; Diego, M.", html)

    def test_choosing_returns_the_key_and_label(self):
        response = self.client.get(
            reverse("wagtailsnippetchoosers_references_reference:chosen", args=[self.field.pk])
        )
        result = json.loads(response.content)["result"]
        self.assertEqual((result["key"], result["label"]), ("field-2016", "Field 2016"))
        self.assertEqual(result["string"], "field-2016: Massage therapy research review")


def rich_text_features(block, path):
    """(path, features) of every rich text block inside a block, recursively."""
    if isinstance(block, RichTextBlock):
        yield path, block.features
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from rich_text_features(child, f"{path}.{name}")
    if hasattr(block, "child_block"):
        yield from rich_text_features(block.child_block, f"{path}.item")


class EditorTests(TestCase):
    def test_every_citable_rich_text_field_and_block_has_the_cite_feature(self):
        checked = []
        for model in article_models():
            for name in model.citable_fields:
                field = model._meta.get_field(name)
                if isinstance(field, RichTextField):
                    checked.append((f"{model.__name__}.{name}", field.features))
                elif isinstance(field, StreamField):
                    checked.extend(
                        rich_text_features(field.stream_block, f"{model.__name__}.{name}")
                    )
        self.assertIn(("TechniquePage.cautions", RICH_TEXT_FEATURES), checked)
        self.assertIn(("GuidePage.body.paragraph", RICH_TEXT_FEATURES), checked)
        for path, features in checked:
            with self.subTest(path):
                self.assertIn("cite", features)

    def test_every_citable_rich_text_field_offers_the_cite_control(self):
        editor = make_user("edith", EDITORS)
        section = SectionPageFactory(parent=home_page(), slug="techniques")
        page = make_technique(section, editor, reference=ReferenceFactory(), live=False)
        self.client.force_login(editor)
        response = self.client.get(edit_url(page))
        self.assertContains(response, "references/js/cite-entity.js")
        self.assertContains(response, "references/css/cite-entity.css")
        self.assertContains(response, "Cite a source")
        self.assertContains(
            response, reverse("wagtailsnippetchoosers_references_reference:choose")
        )
