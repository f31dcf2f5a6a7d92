from wagtail.snippets.models import register_snippet

from handcare.editorial.viewsets import ReviewedSnippetViewSet

from .models import Reference


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


register_snippet(ReferenceViewSet)
