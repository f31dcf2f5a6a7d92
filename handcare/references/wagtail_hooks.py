from wagtail import hooks
from wagtail.snippets.models import register_snippet

from handcare.editorial.viewsets import ReviewedSnippetViewSet

from .chooser import ReferenceChooserViewSet
from .models import Reference
from .rich_text import register_cite_feature


class ReferenceViewSet(ReviewedSnippetViewSet):
    """The shared library of sources articles cite."""

    model = Reference
    icon = "doc-full"
    menu_label = "References"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["key", "title", "kind", "year"]
    list_filter = ["kind"]
    search_fields = ["key", "title", "authors"]
    chooser_viewset_class = ReferenceChooserViewSet


register_snippet(ReferenceViewSet)
hooks.register("register_rich_text_features", register_cite_feature)
