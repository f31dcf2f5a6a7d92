"""The editorial roles and what each may do; applied by a data migration so every database has them."""

ARTICLE_MODELS = ["techniquepage", "guidepage", "reflexologypage"]
SNIPPET_PERMISSIONS = [
    ("people", "person"),
    ("references", "reference"),
    ("reflexology", "reflexologypoint"),
    ("articles", "audience"),
]

EDITORS = "Editors"
REVIEWERS = "Reviewers"
SITE_ADMINISTRATORS = "Site administrators"

# Page permissions granted on the root page, so they cover the whole site.
PAGE_PERMISSIONS = {
    # Editors draft and submit; without "publish" they cannot publish, unpublish or delete live pages.
    EDITORS: ["add_page", "change_page", "lock_page"],
    # Reviewers comment and fix small things; approving in the workflow is what publishes.
    REVIEWERS: ["add_page", "change_page", "lock_page"],
    SITE_ADMINISTRATORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
}

IMAGE_PERMISSIONS = {
    EDITORS: ["add_image", "change_image", "choose_image"],
    REVIEWERS: ["choose_image"],
    SITE_ADMINISTRATORS: ["add_image", "change_image", "choose_image", "delete_image"],
}

# Documents as images: only Site administrators delete (handcare/editorial/document_permissions.py;
# Wagtail's own migrations gave Editors add, change and choose, migration 0007 the rest).
DOCUMENT_PERMISSIONS = {
    EDITORS: ["add_document", "change_document", "choose_document"],
    REVIEWERS: ["choose_document"],
    SITE_ADMINISTRATORS: ["add_document", "change_document", "choose_document", "delete_document"],
}


def snippet_permissions(group):
    actions = {
        EDITORS: ["add", "change", "view"],
        REVIEWERS: ["change", "view"],
        SITE_ADMINISTRATORS: ["add", "change", "delete", "view"],
    }[group]
    return [(app, f"{action}_{model}") for app, model in SNIPPET_PERMISSIONS for action in actions]


# Shared content shown on reviewed pages: drafts, locking and review like pages. Editors save
# drafts and submit; only the review workflow (or a Site administrator) publishes.
REVIEWED_SNIPPETS = [
    ("people", "person"),
    ("references", "reference"),
    ("reflexology", "reflexologypoint"),
    ("articles", "audience"),  # since migration 0006
]
REVIEWED_SNIPPET_ACTIONS = {
    EDITORS: ["lock"],
    REVIEWERS: ["lock"],
    SITE_ADMINISTRATORS: ["publish", "lock", "unlock"],
}


def reviewed_snippet_permissions(group, snippets=None):
    """The publish and lock permissions of reviewed snippets for a group (migrations 0004, 0006).

    ``snippets`` narrows them to some (app, model) pairs: a migration grants only the models it
    made reviewable, which exist in its historical state.
    """
    return [
        (app, f"{action}_{model}")
        for app, model in (REVIEWED_SNIPPETS if snippets is None else snippets)
        for action in REVIEWED_SNIPPET_ACTIONS[group]
    ]
