"""The article edit form: evidence gates over the references and points being posted."""

from wagtail.admin.forms import WagtailAdminPageForm

from handcare.editorial.forms import EvidenceGateMixin

from .topics import DEFAULT_TOPIC


class ArticlePageForm(EvidenceGateMixin, WagtailAdminPageForm):
    """Page form for articles: evidence gates run on submit and publish, not on draft saves."""

    def evidence_context(self):
        parent = getattr(self, "parent_page", None)
        context = {
            "references": [ref for ref, _ in self.posted_rows("article_references", "reference")],
            "topic": getattr(parent.specific, "topic", DEFAULT_TOPIC) if parent else None,
        }
        if "point_links" in self.formsets:
            # A reflexology page's point notes are cited text: check the points being submitted.
            context["points"] = [point for point, _ in self.posted_rows("point_links", "point")]
        return context
