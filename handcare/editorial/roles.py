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
]
REVIEWED_SNIPPET_ACTIONS = {
    EDITORS: ["lock"],
    REVIEWERS: ["lock"],
    SITE_ADMINISTRATORS: ["publish", "lock", "unlock"],
}


def reviewed_snippet_permissions(group):
    """The publish and lock permissions of reviewed snippets for a group (see migration 0004)."""
    return [
        (app, f"{action}_{model}")
        for app, model in REVIEWED_SNIPPETS
        for action in REVIEWED_SNIPPET_ACTIONS[group]
    ]
