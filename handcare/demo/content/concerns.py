"""The concern pages readers can start from, and which demo articles each one gathers.

The introductions frame a concern and point to the articles; they make no health claims of
their own (those sit in the reviewed, cited articles) and say when to see a professional.
"""

REVIEWER = "Rachel Whitcombe"
EDITOR = "Eleanor Hartley"

INDEX = {
    "title": "Concerns",
    "introduction": (
        "Not sure where to begin? Pick what brings you here and we will show you the articles "
        "that speak to it, whichever section they sit in."
    ),
}

CONCERNS = [
    {
        "slug": "sore-hands-and-arthritis",
        "title": "Sore hands and arthritis",
        "summary": (
            "Aching, stiff or tender hands, including hands affected by arthritis: gentle "
            "techniques and what to ask your doctor first."
        ),
        "introduction": (
            "<p>Hands that ache in the morning, feel stiff after a long day or are sore "
            "because of arthritis need a lighter touch than healthy, tired hands. The "
            "articles here keep the pressure low, move slowly and say plainly when to stop.</p>"
            "<p>Massage does not treat arthritis. If a joint is hot, red or swollen, if pain "
            "wakes you at night, or if your hands are changing shape, see a doctor before "
            "trying anything here, and ask which movements suit you.</p>"
        ),
    },
    {
        "slug": "stress",
        "title": "Stress",
        "summary": (
            "Slow, quiet hand massage routines for winding down after a demanding day, on "
            "your own or with someone you care for."
        ),
        "introduction": (
            "<p>A few unhurried minutes spent on your hands can be a simple way to pause. "
            "These articles describe slow, rhythmic strokes you can do sitting down, and "
            "explain what the research does and does not show about touch and relaxation.</p>"
            "<p>If stress or worry is affecting your sleep, work or relationships for weeks "
            "at a time, talk to your doctor: a hand massage is a comfort, not a treatment.</p>"
        ),
    },
    {
        "slug": "sleep",
        "title": "Sleep",
        "summary": (
            "Calm routines for the last part of the evening, and an honest look at what "
            "studies say about hand massage and sleep."
        ),
        "introduction": (
            "<p>Some readers like to end the day with a short hand massage as part of a "
            "regular wind-down. The articles here suggest gentle strokes for the evening and "
            "set out how strong, or weak, the evidence about sleep is.</p>"
            "<p>Long-lasting trouble falling or staying asleep deserves a conversation with "
            "a doctor; these routines sit alongside that advice, not in place of it.</p>"
        ),
    },
    {
        "slug": "desk-work",
        "title": "Desk work",
        "summary": (
            "Short breaks for hands and wrists that type, click and scroll all day, with "
            "moves you can do at your desk."
        ),
        "introduction": (
            "<p>Typing, using a mouse and holding a phone keep the same small muscles busy "
            "for hours. The articles here offer short routines for breaks: loosening the "
            "palms, easing the fingers and moving the wrists through a comfortable range.</p>"
            "<p>Tingling, numbness or weakness in the fingers, or pain that keeps coming back, "
            "is worth showing to a doctor or physiotherapist rather than massaging away.</p>"
        ),
    },
]

# Demo article slug -> the concerns it is tagged with (on those concern pages).
ARTICLE_CONCERNS = {
    "effleurage": ["stress", "sleep"],
    "petrissage": ["desk-work"],
    "thumb-pressing": ["desk-work"],
    "finger-rolling": ["sore-hands-and-arthritis"],
    "wrist-mobilisation": ["desk-work", "sore-hands-and-arthritis"],
    "finishing-strokes": ["stress", "sleep"],
    "deep-hand-massage": ["desk-work"],
    "acupressure-hand-massage": ["stress"],
    "hand-reflexology": ["stress"],
    "massage-for-sore-hands": ["sore-hands-and-arthritis"],
    "hand-massage-for-office-workers": ["desk-work"],
    "hand-massage-for-older-adults": ["sore-hands-and-arthritis"],
    "hand-massage-for-stress-relief": ["stress", "sleep"],
    "can-hand-massage-help-you-sleep": ["sleep", "stress"],
}
