from wagtail.snippets.models import register_snippet

from handcare.editorial.viewsets import ReviewedSnippetViewSet

from .models import Audience


class AudienceViewSet(ReviewedSnippetViewSet):
    """Reader groups that articles can be tagged with; their wording goes through review."""

    model = Audience
    icon = "group"
    menu_label = "Audiences"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(AudienceViewSet)
