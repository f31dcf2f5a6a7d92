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
