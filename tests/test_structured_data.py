"""JSON-LD on articles and profiles: valid, safely escaped, and the same facts the page shows."""

import datetime
import json

from bs4 import BeautifulSoup

from django.test import TestCase, override_settings

from handcare.people.models import Person

from .factories import (
    GuidePageFactory,
    PersonFactory,
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    faq_block,
    home_page,
    paragraph_block,
    sign_off,
    step_block,
)
from .html import parse, text
from .perf_content import image

HOSTILE_TITLE = "Glide </script><script>alert(1)</script> & <!-- more"


def json_ld(soup):
    """Every JSON-LD block in the page, parsed (a parse error fails the test)."""
    return [
        json.loads(script.string)
        for script in soup.find_all("script", attrs={"type": "application/ld+json"})
    ]


def nodes(soup, kind):
    """The nodes of one @type across the page's JSON-LD graphs."""
    found = []
    for document in json_ld(soup):
        for node in document.get("@graph", [document]):
            if node["@type"] == kind:
                found.append(node)
    return found


@override_settings(HANDCARE_PAGE_CACHE=False)
class ArticleStructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="techniques")
        cls.author = PersonFactory(name="Ada Writer", role="Wellness Editor")
        cls.reviewer = PersonFactory(name="Rae Reviewer", role="Hand therapist")
        cls.study = ReferenceFactory(
            key="field-2016",
            authors="Field, T.; Diego, M.",
            title="Hand massage and grip strength",
            year=2016,
            doi="10.1016/j.test.2016.01.003",
        )
        cls.guideline = ReferenceFactory(
            key="nice-2020",
            kind="guideline",
            authors="National Institute for Health and Care Excellence",
            title="Osteoarthritis care",
            year=2020,
            doi="",
            url="https://example.org/guideline",
        )
        cls.draft = ReferenceFactory(key="draft-source", title="Not reviewed yet", publish=False)
        cls.page = TechniquePageFactory(
            parent=section,
            title=HOSTILE_TITLE,
            author=cls.author,
            steps=[
                step_block(
                    "Warm up",
                    "<p>Rub your palms <b>together</b> [cite:field-2016].</p>",
                    duration="1 to 2 minutes",
                ),
                step_block("Glide", "<p>Glide from wrist to fingertips.</p>", duration="30 s"),
                step_block("Rest", "<p>Let the hands rest.</p>"),
            ],
            faqs=[
                faq_block("How often?", "<p>Once a day is plenty [cite:nice-2020].</p>"),
                faq_block("Does it hurt?", "<p>It should not.</p>"),
            ],
            references=[cls.study, cls.guideline, cls.draft],
        )
        # Published through Wagtail, so it has first and last published dates.
        cls.page.save_revision(clean=False).publish()
        sign_off(cls.page, cls.reviewer, datetime.date(2025, 3, 1), datetime.date(2027, 3, 1))

    def setUp(self):
        self.response = self.client.get(self.page.url)
        self.soup = parse(self.response)
        self.webpage = nodes(self.soup, "MedicalWebPage")[0]

    def test_the_data_is_valid_json_and_cannot_end_its_script_element(self):
        html = self.response.content.decode()
        blocks = self.soup.find_all("script", attrs={"type": "application/ld+json"})
        self.assertEqual(len(blocks), 1)
        raw = blocks[0].string
        self.assertNotIn("<", raw)
        self.assertNotIn("alert(1)</script>", html)
        # The one executable-looking text in the page is the escaped title inside the data.
        self.assertEqual(self.soup.find_all("script", src=False, type=False), [])
        self.assertEqual(self.webpage["name"], HOSTILE_TITLE)

    def test_the_web_page_has_its_dates(self):
        page = type(self.page).objects.get(pk=self.page.pk)
        self.assertEqual(self.webpage["datePublished"], page.first_published_at.isoformat())
        self.assertEqual(self.webpage["dateModified"], page.last_published_at.isoformat())
        self.assertEqual(self.webpage["lastReviewed"], "2025-03-01")
        self.assertEqual(self.webpage["url"], f"http://testserver{self.page.url}")

    def test_the_reviewer_is_the_one_in_the_review_box_with_their_profile(self):
        box = self.soup.find(class_="review-box__reviewer")
        reviewer = self.webpage["reviewedBy"]
        self.assertEqual(reviewer["@type"], "Person")
        shown = " ".join(box.get_text().split())
        self.assertEqual(shown, f"Reviewed by {reviewer['name']}, {reviewer['jobTitle']}")
        self.assertEqual(reviewer["url"], "http://testserver/people/rae-reviewer/")
        self.assertEqual(box.find("a")["href"], "/people/rae-reviewer/")

    def test_the_signed_name_stays_when_the_profile_is_renamed(self):
        person = Person.objects.get(pk=self.reviewer.pk)
        person.name = "Rae Renamed"
        person.save_revision().publish()
        webpage = nodes(parse(self.client.get(self.page.url)), "MedicalWebPage")[0]
        self.assertEqual(webpage["reviewedBy"]["name"], "Rae Reviewer")

    def test_the_author_links_to_their_profile(self):
        self.assertEqual(
            self.webpage["author"],
            {
                "@type": "Person",
                "name": "Ada Writer",
                "jobTitle": "Wellness Editor",
                "url": "http://testserver/people/ada-writer/",
            },
        )

    def test_every_reference_on_the_page_is_a_citation_and_nothing_else(self):
        shown = [text(tag) for tag in self.soup.select(".references__list .reference__title")]
        cited = [work["name"] for work in self.webpage["citation"]]
        self.assertEqual(sorted(shown), sorted(cited))
        self.assertNotIn("Not reviewed yet", cited)
        by_name = {work["name"]: work for work in self.webpage["citation"]}
        study = by_name["Hand massage and grip strength"]
        self.assertEqual(study["@type"], "ScholarlyArticle")
        self.assertEqual(study["datePublished"], "2016")
        self.assertEqual(study["sameAs"], "https://doi.org/10.1016/j.test.2016.01.003")
        self.assertEqual(study["identifier"]["value"], "10.1016/j.test.2016.01.003")
        self.assertEqual([a["name"] for a in study["author"]], ["Field, T.", "Diego, M."])
        guideline = by_name["Osteoarthritis care"]
        self.assertEqual(guideline["@type"], "CreativeWork")
        self.assertEqual(guideline["url"], "https://example.org/guideline")
        self.assertEqual(guideline["author"][0]["@type"], "Organization")

    def test_the_steps_are_a_how_to_with_durations(self):
        how_to = nodes(self.soup, "HowTo")[0]
        steps = how_to["step"]
        shown = [text(tag) for tag in self.soup.select("ol.steps .step__name")]
        self.assertEqual([step["name"] for step in steps], shown)
        self.assertEqual([step["position"] for step in steps], [1, 2, 3])
        self.assertEqual(steps[0]["text"], "Rub your palms together.")
        self.assertEqual(steps[0]["timeRequired"], "PT2M")
        self.assertEqual(steps[1]["timeRequired"], "PT30S")
        self.assertNotIn("timeRequired", steps[2])
        # One step has no time, so the whole is not claimed.
        self.assertNotIn("totalTime", how_to)

    def test_faqs_are_an_faq_page_matching_the_page(self):
        faq = nodes(self.soup, "FAQPage")[0]
        questions = [text(tag) for tag in self.soup.select(".faq__question")]
        self.assertEqual([item["name"] for item in faq["mainEntity"]], questions)
        self.assertEqual(
            faq["mainEntity"][0]["acceptedAnswer"],
            {"@type": "Answer", "text": "Once a day is plenty."},
        )

    def test_a_draft_profile_is_not_linked(self):
        Person.objects.get(pk=self.author.pk).unpublish()
        webpage = nodes(parse(self.client.get(self.page.url)), "MedicalWebPage")[0]
        self.assertNotIn("author", webpage)


@override_settings(HANDCARE_PAGE_CACHE=False)
class GuideStructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        section = SectionPageFactory(parent=home_page(), slug="guides")
        cls.page = GuidePageFactory(
            parent=section,
            body=[
                paragraph_block("<p>Intro.</p>"),
                faq_block("Can I do this at my desk?", "<p>Yes, <i>gently</i>.</p>"),
            ],
        )

    def test_guide_faq_blocks_become_an_faq_page_and_no_how_to(self):
        soup = parse(self.client.get(self.page.url))
        faq = nodes(soup, "FAQPage")[0]
        self.assertEqual(faq["mainEntity"][0]["name"], "Can I do this at my desk?")
        self.assertEqual(faq["mainEntity"][0]["acceptedAnswer"]["text"], "Yes, gently.")
        self.assertEqual(nodes(soup, "HowTo"), [])
        # Not reviewed: no reviewer or review date is claimed.
        webpage = nodes(soup, "MedicalWebPage")[0]
        self.assertNotIn("reviewedBy", webpage)
        self.assertNotIn("lastReviewed", webpage)

    def test_the_memoised_page_carries_the_same_data(self):
        first = self.client.get(self.page.url).content.decode()
        second = self.client.get(self.page.url).content.decode()
        self.assertEqual(
            json_ld(BeautifulSoup(first, "html.parser")),
            json_ld(BeautifulSoup(second, "html.parser")),
        )


@override_settings(HANDCARE_PAGE_CACHE=False)
class PersonStructuredDataTests(TestCase):
    def test_a_profile_is_a_person_with_credentials(self):
        PersonFactory(
            name="Rae <Reviewer>",
            slug="rae",
            role="Hand therapist",
            credentials="BSc Physiotherapy; HCPC registered",
            bio="Fifteen years in hand clinics.",
            photo=image("Portrait of Rae"),
        )
        soup = parse(self.client.get("/people/rae/"))
        (person,) = json_ld(soup)
        self.assertEqual(person["@type"], "Person")
        self.assertEqual(person["name"], "Rae <Reviewer>")
        self.assertEqual(person["jobTitle"], "Hand therapist")
        self.assertEqual(person["description"], "Fifteen years in hand clinics.")
        self.assertEqual(person["url"], "http://testserver/people/rae/")
        self.assertEqual(
            [credential["name"] for credential in person["hasCredential"]],
            ["BSc Physiotherapy", "HCPC registered"],
        )
        # The photo's fallback rendition, as a full URL the page also shows.
        self.assertTrue(person["image"].startswith("http://testserver/"), person["image"])
        shown = soup.select_one(".person-profile__photo")
        self.assertIn(person["image"].removeprefix("http://testserver"), str(shown.parent))
