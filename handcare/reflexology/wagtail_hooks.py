from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ReflexologyPoint


class ReflexologyPointViewSet(SnippetViewSet):
    """The shared map of reflexology points."""

    model = ReflexologyPoint
    icon = "pick"
    menu_label = "Reflexology points"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "hand_zone", "body_area", "evidence"]
    list_filter = ["evidence"]


register_snippet(ReflexologyPointViewSet)
