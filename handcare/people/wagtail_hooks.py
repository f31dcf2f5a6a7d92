from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet

from handcare.editorial.viewsets import ReviewedSnippetViewSet

from .models import Person


class PersonViewSet(ReviewedSnippetViewSet):
    """Authors and reviewers, under their own menu item."""

    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "role", "credentials", "user", "live"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


@hooks.register("before_delete_snippet")
def keep_reviewers_on_record(request, instances):
    """A reviewer named on review records cannot be deleted: the audit history names them.

    Wagtail's delete view and bulk delete both call this hook, so neither reaches the database's
    protection (which would be a server error).
    """
    named = [obj for obj in instances if isinstance(obj, Person) and obj.review_records.exists()]
    if not named:
        return None
    names = ", ".join(person.name for person in named)
    messages.error(
        request,
        f"{names} cannot be deleted: they signed off reviews, and the review history and the "
        "published 'Reviewed by' lines name them. Remove their admin account or change their "
        "role instead.",
    )
    return redirect(Person.snippet_viewset.get_url_name("list"))
