"""Admin views for reviewed snippets: approving from the edit view signs off what was shown."""

from wagtail.snippets.views.snippets import CopyView, EditView, SnippetViewSet


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


class ReviewedSnippetCopyView(CopyView):
    """The snippet copy view, whose form only ever makes a new snippet.

    Wagtail's copy view shows the original's fields in an add form (posted to the add view).
    Posted to the copy URL itself, Wagtail binds the form to the original object, so the
    "copy" overwrote the live row with unreviewed text and took it off every page (live=False).
    A posted copy is bound to a new, unsaved object instead: a draft, like any new snippet.
    """

    def get_initial_form_instance(self):
        if self.request.method == "POST":
            self.get_object()  # the same permission check as showing the copy form
            return self.model()
        return super().get_initial_form_instance()


class ReviewedSnippetViewSet(SnippetViewSet):
    """A snippet that goes through the Editorial review workflow like a page."""

    edit_view_class = ReviewedSnippetEditView
    copy_view_class = ReviewedSnippetCopyView
