"""The sections under the home page."""

HOME_INTRODUCTION = (
    "HandCare publishes practical guidance on looking after your hands: massage techniques "
    "you can learn at home, an honest look at hand reflexology, and what is known about "
    "hand massage and sleep. Every article names its sources and the qualified person who "
    "reviewed it."
)

SECTIONS = [
    {
        "slug": "techniques",
        "topic": "techniques",
        "title": "Massage techniques",
        "introduction": (
            "Step-by-step guides to hand massage, from the first warming strokes to the "
            "finishing stretches, with advice on sore hands and on adapting each technique "
            "for different readers. Each technique page explains when not to use it."
        ),
    },
    {
        "slug": "reflexology",
        "topic": "reflexology",
        "title": "Reflexology",
        "introduction": (
            "Hand reflexology maps points on the hand to other parts of the body. We explain "
            "the traditional map, how practitioners press the points, and what research has "
            "and has not found."
        ),
    },
    {
        "slug": "sleep",
        "topic": "sleep",
        "title": "Sleep",
        "introduction": (
            "Whether a few minutes of hand massage can help you wind down at night: how sleep "
            "works, what the studies say, and a simple routine to try."
        ),
    },
]
