from wagtail.snippets.models import register_snippet

from handcare.editorial.viewsets import ReviewedSnippetViewSet

from .models import ReflexologyPoint


class ReflexologyPointViewSet(ReviewedSnippetViewSet):
    """The shared map of reflexology points."""

    model = ReflexologyPoint
    icon = "pick"
    menu_label = "Reflexology points"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "hand_zone", "body_area", "evidence"]
    list_filter = ["evidence"]


register_snippet(ReflexologyPointViewSet)
