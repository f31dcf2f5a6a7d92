"""Who may delete documents: only holders of the collection's "delete" permission (Site administrators)."""

from .image_permissions import ImagePermissionPolicy


class DocumentPermissionPolicy(ImagePermissionPolicy):
    """Wagtail's document permissions, except that deleting needs the collection's "delete" permission.

    The rule is the image one (ImagePermissionPolicy works on any collection-owned model):
    Wagtail treats "delete" as "change", so every Editor could delete a document a reviewed
    page links to, breaking a signed-off link. Registered for the document model in
    EditorialConfig.ready; Site administrators hold "delete" on the root collection (migration
    editorial 0007).
    """


def register_document_permission_policy():
    """Use DocumentPermissionPolicy for the document model (after wagtail.documents registered its own)."""
    from wagtail.documents import get_document_model
    from wagtail.permissions import register_permission_policy

    register_permission_policy(
        get_document_model(),
        DocumentPermissionPolicy(
            get_document_model(),
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
    )
