"""Related articles are ranked by shared concerns, sources and audiences, across sections."""

import datetime

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests.factories import (
    AudienceFactory,
    GuidePageFactory,
    ReferenceFactory,
    SectionPageFactory,
    TechniquePageFactory,
    home_page,
)

from .helpers import ConcernPageFactory, concern_index, tag


def titles(page):
    return [card.title for card in page.related_articles()]


class RelatedArticleRankingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = home_page()
        cls.techniques = SectionPageFactory(parent=home, slug="techniques")
        cls.guides = SectionPageFactory(parent=home, slug="guides")
        index = concern_index()
        cls.stress = ConcernPageFactory(parent=index, slug="stress")
        cls.sleep = ConcernPageFactory(parent=index, slug="sleep")
        cls.source = ReferenceFactory()

    def article(self, title, section=None, factory=TechniquePageFactory, **kwargs):
        return factory(parent=section or self.techniques, title=title, **kwargs)

    def test_other_section_sharing_concern_and_source_outranks_same_section(self):
        page = self.article("Palm press", references=[self.source])
        tag(page, self.stress)
        neighbour = self.article("Same-section neighbour")
        cousin = self.article(
            "Guide sharing a concern and a source",
            section=self.guides,
            factory=GuidePageFactory,
            references=[self.source],
        )
        tag(cousin, self.stress)
        self.assertEqual(titles(page)[:2], [cousin.title, neighbour.title])

    def test_concerns_and_sources_weigh_more_than_audiences(self):
        audience = AudienceFactory()
        page = self.article("Palm press", references=[self.source])
        tag(page, self.stress)
        page.audiences.add(audience)
        page.save()
        by_audience = self.article("Shares an audience", section=self.guides)
        by_audience.audiences.add(audience)
        by_audience.save()
        by_concern = self.article("Shares a concern", section=self.guides)
        tag(by_concern, self.stress)
        by_source = self.article("Shares a source", section=self.guides, references=[self.source])
        self.assertEqual(
            titles(page), sorted([by_concern.title, by_source.title]) + [by_audience.title]
        )

    def test_more_shared_ranks_higher_and_section_breaks_ties(self):
        page = self.article("Palm press")
        tag(page, self.stress, self.sleep)
        one_elsewhere = self.article("One shared, other section", section=self.guides)
        tag(one_elsewhere, self.stress)
        one_here = self.article("One shared, same section")
        tag(one_here, self.sleep)
        two = self.article("Two shared, other section", section=self.guides)
        tag(two, self.stress, self.sleep)
        self.assertEqual(titles(page), [two.title, one_here.title, one_elsewhere.title])

    def test_only_live_public_articles_and_never_itself(self):
        page = self.article("Palm press")
        tag(page, self.stress)
        withdrawn = self.article("Withdrawn", section=self.guides)
        tag(withdrawn, self.stress)
        withdrawn.unpublish()
        private_section = SectionPageFactory(parent=home_page(), slug="members")
        PageViewRestriction.objects.create(
            page=private_section, restriction_type=PageViewRestriction.LOGIN
        )
        private = self.article("Members only", section=private_section)
        tag(private, self.stress)
        visible = self.article("Visible", section=self.guides)
        tag(visible, self.stress)
        self.assertEqual(titles(page), [visible.title])

    def test_sharing_nothing_gives_the_sections_newest(self):
        page = self.article("Palm press")
        older, newer = self.article("Older"), self.article("Newer")
        for n, other in enumerate([older, newer]):
            type(other).objects.filter(pk=other.pk).update(
                last_published_at=datetime.datetime(2020 + n, 1, 1, tzinfo=datetime.UTC)
            )
        self.article("Elsewhere", section=self.guides)
        self.assertEqual(titles(page), [newer.title, older.title])


class RelatedArticleQueryCountTests(TestCase):
    def build(self, size):
        home = home_page()
        section = SectionPageFactory(parent=home, slug=f"size-{size}")
        other = SectionPageFactory(parent=home, slug=f"other-{size}")
        concern = ConcernPageFactory(parent=self.index, slug=f"concern-{size}")
        source = ReferenceFactory()
        audience = AudienceFactory()
        page = TechniquePageFactory(parent=section, references=[source])
        tag(page, concern)
        page.audiences.add(audience)
        page.save()
        for n in range(size):
            for parent, factory in ((section, TechniquePageFactory), (other, GuidePageFactory)):
                related = factory(parent=parent, title=f"Related {size} {n}", references=[source])
                tag(related, concern)
                related.audiences.add(audience)
                related.save()
        return page

    @override_settings(HANDCARE_PAGE_CACHE=False)
    def test_fixed_queries_whatever_the_number_of_articles(self):
        self.index = concern_index()
        small, large = self.build(2), self.build(15)
        small.related_articles()  # content types are cached per process after the first use
        counts = []
        for page in (small, large):
            with CaptureQueriesContext(connection) as queries:
                cards = page.related_articles()
            self.assertEqual(len(cards), 3)
            counts.append(len(queries))
        self.assertEqual(counts, [1, 1])
