from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from ..blocks import ArticleBodyBlock
from .mixins import ArticlePage


class GuidePage(ArticlePage):
    """A long-form guide or article, such as the full hand massage guide or the sleep article."""

    body = StreamField(
        ArticleBodyBlock(),
        help_text="Level-2 and level-3 headings build the table of contents automatically.",
    )

    citable_fields = ("summary", "body")
    main_text_field = "body"
    kind_label = "Guide"

    content_panels = [
        *ArticlePage.content_panels,
        *ArticlePage.article_content_panels,
        FieldPanel("body"),
        *ArticlePage.article_meta_panels,
    ]

    search_fields = [*ArticlePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "guide or article"

    def build_table_of_contents(self):
        toc = super().build_table_of_contents()
        toc.add_stream_headings(self.body)
        toc.add("References", anchor="references")
        return toc
