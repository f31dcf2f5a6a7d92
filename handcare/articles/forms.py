"""The article edit form: evidence gates over the references and points being posted."""

from django.utils.functional import cached_property

from wagtail.admin.forms import WagtailAdminPageForm

from handcare.editorial.form_changes import only_reencoded
from handcare.editorial.forms import EvidenceGateMixin

from .topics import DEFAULT_TOPIC


class ArticlePageForm(EvidenceGateMixin, WagtailAdminPageForm):
    """Page form for articles: evidence gates run on submit and publish, not on draft saves."""

    @cached_property
    def changed_data(self):
        # Rich text comes back from Draftail re-encoded even when untouched; only real edits count
        # (Wagtail's edit view saves a revision before a workflow action if the form changed).
        return [
            name
            for name in super().changed_data
            if not only_reencoded(self.fields[name], self[name].initial, self[name].data)
        ]

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
