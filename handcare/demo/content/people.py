"""Fictional authors and reviewers for the demo site, and the demo logins."""

# Each person is found again by name; `slug` is their profile's address (/people/<slug>/),
# `user` names the demo login linked to the profile.
PEOPLE = [
    {
        "name": "Eleanor Hartley",
        "slug": "eleanor-hartley",
        "role": "Wellness Editor",
        "credentials": "MA Health Communication; NCTJ Diploma in Journalism",
        "bio": (
            "Eleanor edits HandCare's guides and articles. She spent eight years writing "
            "patient information leaflets for an NHS trust before moving into health "
            "publishing, and she checks every claim against its source before an article "
            "goes to review."
        ),
        "portrait_colour": "#56735a",
        "user": "editor",
    },
    {
        "name": "Rachel Whitcombe",
        "slug": "rachel-whitcombe",
        "role": "Hand therapist and chartered physiotherapist",
        "credentials": "BSc (Hons) Physiotherapy; MSc Hand Therapy; MCSP; HCPC registered",
        "bio": (
            "Rachel has worked in hand therapy clinics for fifteen years, treating people "
            "with arthritis, tendon injuries and repetitive strain. She reviews HandCare "
            "articles for safety and for whether the evidence supports what they say."
        ),
        "portrait_colour": "#3f6485",
        "user": "reviewer",
    },
    {
        "name": "Daniel Osei",
        "slug": "daniel-osei",
        "role": "Registered massage therapist",
        "credentials": "Level 4 Certificate in Soft Tissue Therapy; CNHC registered",
        "bio": (
            "Daniel runs a small massage practice and teaches self-massage classes for "
            "people who work long hours at a keyboard. He writes HandCare's technique "
            "pages and tests every step on real hands before it is published."
        ),
        "portrait_colour": "#9a6f45",
        "user": None,
    },
]

DEMO_PASSWORD = "handcare-demo"  # noqa: S105 - printed on screen; only with demo users allowed

# username -> (first name, last name, superuser, group)
USERS = {
    "admin": ("Site", "Administrator", True, None),
    "editor": ("Eleanor", "Hartley", False, "Editors"),
    "reviewer": ("Rachel", "Whitcombe", False, "Reviewers"),
}
