"""Page privacy (Wagtail's view restrictions) answered from a cached list.

Wagtail checks restrictions with two queries when it serves a page and one more for every
``.public()`` listing. Restrictions change rarely (the page Privacy setting), so the list of
restricted subtrees is cached and cleared when a restriction, an alias or the tree changes.
"""

from django.db.models import Q

from wagtail.models import Page, PageViewRestriction

from .shared_cache import VIEW_RESTRICTIONS, cached


def _load():
    restrictions = tuple(PageViewRestriction.objects.select_related("page").order_by("pk"))
    # Wagtail resolves aliases to their source page before checking restrictions; while any
    # alias exists, pages use Wagtail's own check instead of this cache.
    has_aliases = Page.objects.filter(alias_of__isnull=False).exists()
    return restrictions, has_aliases


def view_restrictions():
    """(every PageViewRestriction with its page, whether any alias page exists)."""
    return cached(VIEW_RESTRICTIONS, _load)


def private_q():
    """Matches pages inside a restricted subtree, like PageQuerySet.private_q()."""
    q = Q(pk__in=[])
    for restriction in view_restrictions()[0]:
        q |= Q(path__startswith=restriction.page.path, depth__gte=restriction.page.depth)
    return q


def is_private(page):
    """Whether page sits in a restricted subtree (the Python side of private_q)."""
    return any(page.path.startswith(r.page.path) for r in view_restrictions()[0])


def public(queryset):
    """queryset without restricted pages: PageQuerySet.public() without its query."""
    restrictions, _ = view_restrictions()
    return queryset.exclude(private_q()) if restrictions else queryset


class CachedViewRestrictionsMixin:
    """Page mixin: a page no restriction covers answers with an empty queryset, not a query."""

    def get_view_restrictions(self):
        _, has_aliases = view_restrictions()
        if not has_aliases and not is_private(self):
            # Still a queryset (the admin orders and counts it); .none() never queries.
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
