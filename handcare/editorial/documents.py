"""Documents linked from reviewed text: their file changes only through a review of that text.

A document is served at /documents/<id>/<file name>, and Wagtail answers 404 once the file name
changes, so replacing the file of a linked document takes the signed-off link off the page (or,
for a link that follows the new name, puts an unreviewed file behind it). Editors upload a new
document and link it in the text instead; that change goes to review.
"""

from django.core.exceptions import ValidationError
from django.db.models import TextField
from django.db.models.functions import Cast

from wagtail.models import Page, Revision

from handcare.media.uploads import CheckedDocumentForm

from .reviewable import live_pages_using, reviewable_snippet_models

# What readers get from a document: its file (the title is the admin's label, never shown).
READER_VISIBLE_FIELDS = ("file",)


def live_texts_linking(document, limit=5):
    """Names of live pages and live reviewed snippets that link to `document`, at most `limit`.

    Wagtail's reference index knows document choosers and document links in rich text; a link
    pasted as a plain URL (/documents/<id>/...) is found in the live revisions' text.
    """
    names = [page.title for page in live_pages_using(document)[:limit]]
    live_revisions = [Page.objects.live().values("live_revision_id")]
    live_revisions += [
        model.objects.filter(live=True).values("live_revision_id")
        for model in reviewable_snippet_models()
    ]
    url = f"/documents/{document.pk}/"
    for revisions in live_revisions:
        if len(names) >= limit:
            break
        matching = (
            Revision.objects.filter(pk__in=revisions)
            .annotate(text=Cast("content", TextField()))
            .filter(text__contains=url)
            .values_list("object_str", flat=True)[: limit - len(names)]
        )
        names += [name for name in matching if name not in names]
    return names


class ReviewedDocumentForm(CheckedDocumentForm):
    """The document edit form, refusing a new file for a document live reviewed text links to.

    Set as WAGTAILDOCS_DOCUMENT_FORM_BASE (it keeps CheckedDocumentForm's content checks).
    """

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.pk:
            return cleaned_data
        changed = [name for name in READER_VISIBLE_FIELDS if name in self.changed_data]
        if not changed:
            return cleaned_data
        names = live_texts_linking(self.instance)
        if names:
            titles = ", ".join(f"'{name}'" for name in names)
            message = (
                f"Live, reviewed text links to this document ({titles}), so its file cannot be "
                "replaced here. Upload a new document and link it in the text; that change goes "
                "to review."
            )
            for name in changed:
                if name in self.fields:
                    self.add_error(name, ValidationError(message, code="document_in_use"))
        return cleaned_data
