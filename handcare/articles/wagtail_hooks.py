from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Audience


class AudienceViewSet(SnippetViewSet):
    """Reader groups that articles can be tagged with."""

    model = Audience
    icon = "group"
    menu_label = "Audiences"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(AudienceViewSet)
