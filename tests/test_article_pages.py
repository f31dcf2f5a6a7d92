"""Rendered articles: citation links, step lists, tables of contents, the disclaimer, related."""

import datetime

from django.test import TestCase
from django.utils import timezone

from wagtail.models import Page, Site

from handcare.articles.blocks import StepBlock
from handcare.articles.models import PublicationSettings

from .factories import (
    GuidePageFactory,
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    build_site,
    heading_block,
    home_page,
    paragraph_block,
    step_block,
)
from .html import citation_links, fragment_links, ids, parse, text, toc_links


class RenderedCitationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.first_listed = ReferenceFactory(key="first-listed", title="Listed first, cited second")
        cls.second_listed = ReferenceFactory(
            key="second-listed", title="Listed second, cited first"
        )
        cls.page = TechniquePageFactory(
            parent=section,
            preparation="",
            steps=[
                step_block("Glide", "<p>Glide [cite:second-listed].</p>"),
                step_block(
                    "Knead", "<p>Knead [cite:second-listed] gently [cite:unknown-key].</p>"
                ),
            ],
            cautions="<p>Stop if it hurts [cite:first-listed].</p>",
            references=[cls.first_listed, cls.second_listed],
        )

    def setUp(self):
        self.soup = parse(self.client.get(self.page.url))

    def test_inline_citations_link_to_numbered_references(self):
        self.assertEqual(
            citation_links(self.soup),
            [("#ref-1", "cite-1-1"), ("#ref-1", "cite-1-2"), ("#ref-2", "cite-2-1")],
        )
        self.assertEqual([text(sup) for sup in self.soup.find_all("sup")], ["[1]", "[1]", "[2]"])

    def test_reference_list_is_numbered_by_first_citation(self):
        first, second = self.soup.find(id="ref-1"), self.soup.find(id="ref-2")
        self.assertEqual(first.name, "li")
        self.assertEqual(second.name, "li")
        self.assertIn("Listed second, cited first", text(first))
        self.assertIn("Listed first, cited second", text(second))
        # Both sit in one ordered list, in number order.
        self.assertIs(first.parent, second.parent)
        self.assertEqual(first.parent.name, "ol")
        self.assertLess(
            first.parent.find_all("li", recursive=False).index(first),
            first.parent.find_all("li", recursive=False).index(second),
        )

    def test_references_link_back_to_every_citation(self):
        self.assertEqual(fragment_links(self.soup.find(id="ref-1")), ["#cite-1-1", "#cite-1-2"])
        self.assertEqual(fragment_links(self.soup.find(id="ref-2")), ["#cite-2-1"])

    def test_every_in_page_link_has_a_target_and_ids_are_unique(self):
        page_ids = ids(self.soup)
        self.assertEqual(len(page_ids), len(set(page_ids)), "duplicate ids in the page")
        for href in fragment_links(self.soup):
            with self.subTest(href=href):
                self.assertIn(href[1:], page_ids)

    def test_unknown_key_is_shown_as_a_missing_source(self):
        missing = self.soup.select(".citation--missing")
        self.assertEqual([text(tag) for tag in missing], ["[source missing: unknown-key]"])


class StepListTests(TestCase):
    NAMES = ["Warm up", "Glide", "Knead", "Circle", "Stretch", "Rest"]

    @classmethod
    def setUpTestData(cls):
        cls.page = TechniquePageFactory(
            parent=SectionPageFactory(parent=home_page()),
            steps=[step_block(name) for name in cls.NAMES],
        )

    def test_step_block_has_no_field_for_a_typed_number(self):
        # The site numbers steps; an editor has nowhere to type "5" twice.
        self.assertEqual(
            set(StepBlock.base_blocks),
            {"name", "instructions", "purpose", "duration", "pressure", "technique", "diagram"},
        )

    def test_steps_are_the_items_of_one_ordered_list_in_the_order_entered(self):
        soup = parse(self.client.get(self.page.url))
        first_name = soup.find(string=lambda s: s and s.strip() == "Warm up")
        step_list = first_name.find_parent("ol")
        self.assertIsNotNone(step_list, "steps are not inside an <ol>")
        items = step_list.find_all("li", recursive=False)
        self.assertEqual(len(items), len(self.NAMES))
        for item, name in zip(items, self.NAMES, strict=True):
            self.assertIn(name, text(item))
        # Nothing overrides the list's own numbering 1..n.
        self.assertIsNone(step_list.get("start"))
        self.assertFalse(step_list.has_attr("reversed"))
        self.assertEqual([item.get("value") for item in items], [None] * len(self.NAMES))


class RenderedTableOfContentsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page())
        cls.guide = GuidePageFactory(
            parent=section,
            body=[
                heading_block("Before you start"),
                paragraph_block("<p>Text.</p>"),
                heading_block("What you need", level="h3"),
                heading_block("Before you start"),
                heading_block("After care"),
            ],
        )
        cls.technique = TechniquePageFactory(
            parent=section,
            preparation="",
            cautions="<p>Stop if it hurts.</p>",
            variations=[],
            common_mistakes=[],
            faqs=[],
        )

    def test_guide_headings_are_listed_in_order_and_link_to_their_headings(self):
        soup = parse(self.client.get(self.guide.url))
        self.assertEqual(
            toc_links(soup),
            [
                "#before-you-start",
                "#what-you-need",
                "#before-you-start-2",
                "#after-care",
                "#references",
            ],
        )
        self.assertEqual(soup.find(id="before-you-start").name, "h2")
        self.assertEqual(soup.find(id="what-you-need").name, "h3")
        self.assertEqual(soup.find(id="before-you-start-2").name, "h2")
        self.assertEqual(text(soup.find(id="before-you-start-2")), "Before you start")
        page_ids = ids(soup)
        self.assertEqual(len(page_ids), len(set(page_ids)), "duplicate ids in the page")

    def test_technique_lists_only_sections_with_content(self):
        soup = parse(self.client.get(self.technique.url))
        self.assertEqual(toc_links(soup), ["#steps", "#cautions", "#references"])
        for anchor in ("steps", "cautions", "references"):
            self.assertIsNotNone(soup.find(id=anchor), anchor)
        for anchor in ("preparation", "variations", "common-mistakes", "faqs"):
            self.assertIsNone(soup.find(id=anchor), anchor)


class DisclaimerTests(TestCase):
    DISCLAIMER = "Distinctive test disclaimer: ask a clinician first."

    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        settings = PublicationSettings.for_site(Site.objects.get(is_default_site=True))
        settings.medical_disclaimer = f"<p>{cls.DISCLAIMER}</p>"
        settings.save()

    def test_every_article_type_shows_the_site_disclaimer(self):
        for page in (self.site.technique, self.site.guide, self.site.reflexology):
            with self.subTest(page=type(page).__name__):
                response = self.client.get(page.url)
                self.assertContains(response, self.DISCLAIMER)
                self.assertNotContains(response, "are not medical advice")


class RelatedArticlesTests(TestCase):
    """ "Related articles" lists the newest siblings first, on SQLite and PostgreSQL alike."""

    def test_newest_first_and_undated_pages_last(self):
        section = SectionPageFactory(parent=home_page(), slug="related")
        pages = [
            TechniquePageFactory(parent=section, title=f"Sibling {n}", slug=f"s{n}")
            for n in range(5)
        ]
        # Created without Wagtail's publish (as an import would): no last_published_at. Two
        # are dated; PostgreSQL sorts NULLs first in a descending order unless told otherwise.
        now = timezone.now()
        Page.objects.filter(pk=pages[1].pk).update(last_published_at=now)
        Page.objects.filter(pk=pages[2].pk).update(
            last_published_at=now - datetime.timedelta(days=1)
        )
        Page.objects.filter(pk__in=[pages[0].pk, pages[3].pk]).update(last_published_at=None)
        reader = pages[4].specific_class.objects.get(pk=pages[4].pk)
        titles = [card.title for card in reader.related_articles()]
        self.assertEqual(titles, ["Sibling 1", "Sibling 2", "Sibling 0"])
