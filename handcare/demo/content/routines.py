"""Where each demo technique goes in the routines readers build at /routines/, and who it avoids.

Warm-up and finish follow the full guide's order; the firm techniques stay out of routines for
older readers and for sore hands and arthritis, as their cautions advise.
"""

ROLES = {
    "effleurage": "warm-up",
    "petrissage": "main",
    "thumb-pressing": "main",
    "finger-rolling": "main",
    "wrist-mobilisation": "main",
    "acupressure-hand-massage": "main",
    "deep-hand-massage": "main",
    "deep-tissue-thumb-massage": "main",
    "finishing-strokes": "finish",
}

FIRM = {"audiences": ["older-adults"], "concerns": ["sore-hands-and-arthritis"]}
AVOID = {
    "deep-hand-massage": FIRM,
    "deep-tissue-thumb-massage": FIRM,
}
