"""Admin views for reviewed snippets: approving from the edit view signs off what was shown."""

from wagtail.snippets.views.snippets import EditView, SnippetViewSet


class ReviewedSnippetEditView(EditView):
    """The snippet edit view, without the revision Wagtail saves before every workflow action.

    Wagtail saves a new revision whenever the edit form is posted, even when a reviewer only
    approves. That revision (by the reviewer) would be newer than the one they reviewed, so the
    approval would be refused as stale and the reviewer would count as a contributor. When the
    form is unchanged, the action runs on the revision the reviewer was shown; a changed form
    is still saved first, and the approval is then refused as it should be.
    """

    def save_instance(self):
        if self.action == "workflow-action" and not self.form.has_changed():
            self.new_revision = None
            return self.object
        return super().save_instance()


class ReviewedSnippetViewSet(SnippetViewSet):
    """A snippet that goes through the Editorial review workflow like a page."""

    edit_view_class = ReviewedSnippetEditView
