"""Massage technique pages: structured, numbered steps with cautions and variations."""

from django import forms
from django.db import models
from django.utils.html import strip_tags

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from handcare.articles import structured_data
from handcare.articles.blocks import (
    RICH_TEXT_FEATURES,
    AudienceVariationBlock,
    FAQBlock,
    StepBlock,
)
from handcare.articles.models import ArticlePage
from handcare.editorial.evidence import Problem


class RoutineRole(models.TextChoices):
    """Where a technique's steps go in a routine the routine builder (/routines/) assembles."""

    NONE = "", "Not used in routines"
    WARM_UP = "warm-up", "Warm-up (routines start with these)"
    MAIN = "main", "Main part"
    FINISH = "finish", "Finish (routines end with these)"


class TechniquePage(ArticlePage):
    """One massage technique, such as effleurage, with steps the site numbers itself."""

    preparation = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What to have ready: oil or lotion, a calm room, warm hands.",
    )
    steps = StreamField(
        [("step", StepBlock())],
        help_text="Add steps in order. Numbers are added automatically; do not type them.",
    )
    cautions = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Safety advice: when to stop, what to avoid. Required before publishing.",
    )
    not_suitable_for = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        verbose_name="who should not use it",
        help_text="Conditions or situations where this technique should not be used.",
    )
    variations = StreamField(
        [("variation", AudienceVariationBlock())],
        blank=True,
        help_text="How to adapt the technique for particular readers.",
    )
    common_mistakes = StreamField(
        [("mistake", blocks.CharBlock(max_length=250, icon="cross"))],
        blank=True,
        help_text="One mistake per item, e.g. 'Pressing too hard too soon'.",
    )
    faqs = StreamField(
        [("faq", FAQBlock())], blank=True, verbose_name="FAQs", help_text="Questions readers ask."
    )
    routine_role = models.CharField(
        max_length=10,
        blank=True,
        default=RoutineRole.NONE,
        choices=RoutineRole.choices,
        help_text=(
            "Where this technique's timed steps go in the routines readers build at /routines/. "
            "Routines always start with a warm-up."
        ),
    )
    avoid_for_audiences = ParentalManyToManyField(
        "articles.Audience",
        blank=True,
        related_name="avoided_techniques",
        verbose_name="leave out of routines for these readers",
        help_text="Routines built for these readers never include this technique.",
    )
    avoid_for_concerns = ParentalManyToManyField(
        "home.ConcernPage",
        blank=True,
        related_name="avoided_techniques",
        verbose_name="leave out of routines for these concerns",
        help_text="Routines built for these concerns never include this technique.",
    )

    citable_fields = (
        "summary",
        "preparation",
        "steps",
        "cautions",
        "not_suitable_for",
        "variations",
        "faqs",
    )
    main_text_field = "steps"
    kind_label = "Technique"
    reading_extra_fields = ("common_mistakes",)

    content_panels = [
        *ArticlePage.content_panels,
        *ArticlePage.article_content_panels,
        FieldPanel("preparation"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [FieldPanel("cautions"), FieldPanel("not_suitable_for")], heading="Safety"
        ),
        MultiFieldPanel(
            [
                FieldPanel("routine_role"),
                FieldPanel("avoid_for_audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("avoid_for_concerns", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Routines",
        ),
        FieldPanel("variations"),
        FieldPanel("common_mistakes"),
        FieldPanel("faqs"),
        *ArticlePage.article_meta_panels,
    ]

    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("preparation"),
        index.SearchField("steps"),
        index.SearchField("cautions"),
        index.SearchField("faqs"),
    ]

    class Meta:
        verbose_name = "technique"

    def evidence_problems(self, **posted):
        """An article's rules, and a technique must say when to stop and who should take care."""
        problems = super().evidence_problems(**posted)
        if not strip_tags(str(self.cautions or "")).strip():
            problems.append(
                Problem(
                    code="missing-cautions",
                    field="cautions",
                    message="A technique must say when to stop and who should take care before it is published.",
                )
            )
        return problems

    def structured_data_nodes(self, url):
        """A HowTo of the steps as numbered on the page, then the article's other nodes."""
        if self.steps:
            yield structured_data.how_to(self, url, [block.value for block in self.steps])
        yield from super().structured_data_nodes(url)

    def build_table_of_contents(self):
        toc = super().build_table_of_contents()
        sections = [
            ("Preparation", "preparation", self.preparation),
            ("Steps", "steps", self.steps),
            ("Cautions", "cautions", self.cautions or self.not_suitable_for),
            ("Variations", "variations", self.variations),
            ("Common mistakes", "common-mistakes", self.common_mistakes),
            ("FAQs", "faqs", self.faqs),
        ]
        for text, anchor, value in sections:
            if value:
                toc.add(text, anchor=anchor)
        toc.add("References", anchor="references")
        return toc
