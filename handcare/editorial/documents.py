"""Documents linked from reviewed text: their file changes only through a review of that text.

A document is served at /documents/<id>/<file name>, and Wagtail answers 404 once the file name
changes, so replacing the file of a linked document takes the signed-off link off the page (or,
for a link that follows the new name, puts an unreviewed file behind it). Editors upload a new
document and link it in the text instead; that change goes to review.
"""

from django.db.models import TextField
from django.db.models.functions import Cast

from wagtail.models import Page, Revision

from handcare.media.uploads import CheckedDocumentForm

from .in_use import LockedWhileInUseMixin
from .reviewable import live_reviewed_titles_using, reviewable_snippet_models


def live_texts_linking(document, limit=5):
    """Names of live pages and live reviewed snippets that link to `document`, at most `limit`.

    Wagtail's reference index knows document choosers and document links in rich text; a link
    pasted as a plain URL (/documents/<id>/...) is found in the live revisions' text.
    """
    names = live_reviewed_titles_using(document, limit)
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


class ReviewedDocumentForm(LockedWhileInUseMixin, CheckedDocumentForm):
    """The document edit form, refusing a new file for a document live reviewed text links to.

    Set as WAGTAILDOCS_DOCUMENT_FORM_BASE (it keeps CheckedDocumentForm's content checks).
    """

    # What readers get from a document: its file (the title is the admin's label, never shown).
    reader_visible_fields = ("file",)
    in_use_code = "document_in_use"
    in_use_message = (
        "Live, reviewed text links to this document ({titles}), so its file cannot be "
        "replaced here. Upload a new document and link it in the text; that change goes "
        "to review."
    )

    def live_uses(self):
        return live_texts_linking(self.instance)
