"""Phrase pools the generator combines into article text (our own words, kept deliberately plain)."""

MOVES = [
    "Slow palm circles",
    "Thumb walking",
    "Knuckle rolling",
    "Finger stretching",
    "Wrist gliding",
    "Web squeezing",
    "Heel-of-hand pressing",
    "Fingertip tapping",
    "Forearm sweeping",
    "Joint loosening",
    "Palm spreading",
    "Cupped holding",
]

PURPOSES = [
    "for a tired desk day",
    "before a long drive",
    "after gardening",
    "for cold mornings",
    "to wind down at night",
    "after climbing practice",
    "for stiff knuckles",
    "between typing sessions",
    "for a calm evening",
    "after carrying shopping",
]

GUIDE_TOPICS = [
    "What to know about",
    "A beginner's look at",
    "Questions people ask about",
    "Getting started with",
    "Common myths about",
    "How often to practise",
]

GUIDE_SUBJECTS = [
    "hand warmth and circulation",
    "gentle self-massage",
    "grip strength and rest",
    "oils and lotions for massage",
    "massage for older hands",
    "short breaks at the keyboard",
    "evening routines for better rest",
    "pressure and comfort",
]

REFLEXOLOGY_SUBJECTS = [
    "the thumb pad map",
    "the palm centre",
    "points along the fingers",
    "the outer edge of the hand",
    "the web between thumb and finger",
    "the wrist crease",
]

OPENINGS = [
    "Sit somewhere comfortable and let your shoulders drop before you begin.",
    "Warm your hands first by rubbing the palms together for a few seconds.",
    "Choose a quiet moment when nobody will interrupt you for five minutes.",
    "Take off rings and watches so nothing presses into the skin.",
    "A small amount of unscented lotion helps the fingers glide.",
    "Rest the hand you are working on across a cushion or your knee.",
]

MIDDLES = [
    "Move slowly and keep the pressure even from start to finish.",
    "Let each stroke travel from the fingertips towards the wrist.",
    "Pause for a breath at the end of every pass.",
    "Keep the working hand relaxed rather than tense.",
    "Repeat the movement three or four times on each finger.",
    "Follow the natural lines of the palm instead of pressing across them.",
    "Switch hands halfway so both get the same attention.",
    "Ease off at once if anything feels sharp or tingles.",
]

CLAIMS = [
    "Several small trials reported that people felt calmer after a short hand massage",
    "Readers with stiff fingers often find warmth loosens them more than force",
    "Light pressure appears to be as pleasant as firm pressure for most people",
    "Regular short sessions seem to help more than an occasional long one",
    "Some studies found lower self-reported stress after ten minutes of massage",
    "Comfortable, repeated movement is thought to help people notice tension",
]

CLOSINGS = [
    "Finish by holding the hand between both palms for a moment.",
    "Shake the hands out gently and drink some water afterwards.",
    "Note how the hand feels now compared with when you started.",
    "End with a few slow breaths before getting back to your day.",
]

CAUTIONS = [
    "Stop if you feel pain, numbness or pins and needles.",
    "Avoid broken skin, fresh bruises and swollen joints.",
    "Ask a doctor first if you have a circulation problem or a recent injury.",
    "Do not press over a wrist that is hot, red or newly swollen.",
]

NOT_SUITABLE = [
    "anyone with a recent fracture in the hand or wrist",
    "people told by their doctor to avoid massage",
    "skin conditions that are flaring or infected",
    "a blood clot or suspected clot in the arm",
]

MISTAKES = [
    "Pressing too hard too soon",
    "Rushing through the strokes",
    "Forgetting to warm the hands first",
    "Holding your breath while you work",
    "Working over a sore joint",
]

QUESTIONS = [
    ("How long should a session last?", "Five to ten minutes is plenty for most people."),
    ("Do I need oil?", "No. A little lotion helps, but dry hands work too."),
    ("Can I do this every day?", "Yes, as long as it stays comfortable."),
    ("Is it safe for children?", "Use very light pressure and let them say when to stop."),
    ("What if one hand hurts more?", "Spend less time there and see a doctor if it persists."),
]

HEADINGS = [
    "Why it helps",
    "Before you start",
    "What the research says",
    "Making it part of your day",
    "When to take care",
    "Adapting it for others",
    "What to expect",
]

DURATIONS = ["30 seconds", "1 minute", "1 to 2 minutes", "2 minutes", "3 minutes"]
PRESSURES = ["none", "light", "moderate", "firm"]

SURNAMES = [
    "Ashworth", "Brennan", "Castell", "Dunmore", "Ellery", "Fairlie", "Garside", "Holloway",
    "Inglis", "Jessop", "Kendrick", "Lockhart", "Marlow", "Norcott", "Oakes", "Pennick",
]  # fmt: skip
FIRST_NAMES = ["Alys", "Bram", "Cora", "Dev", "Elin", "Farid", "Greta", "Hugo", "Isla", "Jonah"]
ROLES = ["Hand therapist", "Physiotherapist", "Massage therapist", "Occupational therapist"]
WRITER_ROLES = ["Health writer", "Wellness editor", "Staff writer"]

JOURNALS = [
    "Journal of Hand Care Studies",
    "Complementary Therapy Review",
    "Nursing and Touch Quarterly",
    "Sleep and Relaxation Research",
]
STUDY_TOPICS = [
    "Short hand massage and self-reported calm in office staff",
    "Touch, warmth and finger stiffness: a pilot trial",
    "Evening hand massage and time to fall asleep",
    "Pressure preferences in hand massage: a survey",
    "Hand reflexology claims: a narrative review",
    "Self-massage routines in older adults: a feasibility study",
]

POINT_AREAS = ["head", "shoulders", "lower back", "stomach", "chest", "neck"]
POINT_ZONES = ["thumb pad", "palm centre", "little finger edge", "wrist crease", "finger web"]

SEARCH_WORDS = [
    "massage", "thumb", "palm", "wrist", "sleep", "knuckle", "stretch", "pressure",
    "lotion", "warm", "fingers", "desk", "evening", "reflexology", "stiff", "calm",
    "gardening", "circles", "grip", "breath",
]  # fmt: skip
