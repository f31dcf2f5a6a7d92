"""Information pages: About, Corrections and other pages about the publisher itself."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from handcare.performance.restrictions import CachedViewRestrictionsMixin

# Headings, lists and links only: these pages explain policy, they carry no images or claims.
INFO_BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class InfoPage(CachedViewRestrictionsMixin, Page):
    """A plain page under the home page, such as About or Corrections, linked from the footer."""

    intro = models.TextField(
        max_length=400, help_text="One or two sentences under the title, also the page summary."
    )
    body = RichTextField(features=INFO_BODY_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "information page"
