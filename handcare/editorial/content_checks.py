"""Evidence gates as Wagtail content checks, so editors see problems while they write.

In preview, article templates mark each evidence problem with a visible element carrying
``data-evidence-problem``; these axe rules report every such element in the Checks panel.
"""

from wagtail.admin.userbar import ContentCheckerItem

EVIDENCE_RULES = {
    "incomplete-reference": (
        "A reference is incomplete or a placeholder",
        "Give it a title, year and URL or DOI before submitting",
    ),
    "no-sources": (
        "This article lists no source",
        "Add at least one reference from the library under References",
    ),
    "unlisted-citation": (
        "A citation points at a source the article does not list",
        "Add the source under References or correct the key",
    ),
    "uncited-article": (
        "This article cites no source",
        "Cite at least one reference for its health claims",
    ),
    "missing-cautions": (
        "The technique has no cautions",
        "Say when to stop and who should take care",
    ),
    "personal-account-reference": (
        "A personal account is listed as a reference",
        "Testimonials are not evidence; use a testimonial block instead",
    ),
}


def rule_id(code):
    return f"handcare-{code}"


class EvidenceCheckerItem(ContentCheckerItem):
    """Wagtail's content checker, plus HandCare's evidence rules."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, *(rule_id(code) for code in EVIDENCE_RULES)]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        *(
            {
                "id": rule_id(code),
                "impact": "serious",
                "selector": f'[data-evidence-problem="{code}"]',
                "tags": ["handcare-evidence"],
                # Every marker carries its message as visible text, so axe's built-in
                # "has-visible-text" check passes on it; as a "none" check, that passing is
                # reported as one problem per marker.
                "none": ["has-visible-text"],
                "enabled": True,
            }
            for code in EVIDENCE_RULES
        ),
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        **{
            rule_id(code): {"error_name": name, "help_text": help_text}
            for code, (name, help_text) in EVIDENCE_RULES.items()
        },
    }
