"""The reader groups articles can be written for."""

AUDIENCES = [
    {
        "slug": "office-workers",
        "name": "Office workers",
        "description": (
            "People who type, use a mouse or scroll on a phone for much of the day and "
            "feel it in their palms, fingers and wrists."
        ),
    },
    {
        "slug": "athletes",
        "name": "Athletes and active hands",
        "description": (
            "Climbers, golfers, rowers, gym-goers and anyone whose sport or hobby asks a lot "
            "of their grip."
        ),
    },
    {
        "slug": "older-adults",
        "name": "Older adults",
        "description": (
            "Readers in later life, and the people who care for them, looking for gentle "
            "ways to keep hands comfortable and moving."
        ),
    },
    {
        "slug": "stress-relief",
        "name": "Stress relief",
        "description": (
            "Anyone who wants a few quiet minutes of slow, calming touch at the end of a busy day."
        ),
    },
]
