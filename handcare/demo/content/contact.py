"""The demo contact page ("Leave a message"): its words and its form fields."""

SLUG = "contact"
TITLE = "Leave a message"
INTRO = (
    "<p>Write to the editors about anything on HandCare: a question about an article, a source "
    "we should look at, or a correction. We read every message and answer when you leave an "
    "e-mail address.</p>"
    "<p>We cannot give advice about your own health here. If your hands hurt, swell or feel "
    "numb, please see a doctor or physiotherapist.</p>"
)
THANK_YOU = (
    "<p>Thank you: your message has reached the editors. If you left an e-mail address, we "
    "will reply within a few working days.</p>"
)
SUBJECT = "Message from the HandCare contact page"
TO_ADDRESS = "editorial@handcare.invalid"

# (label, field type, required, help text)
FIELDS = [
    ("Your name", "singleline", False, "So we know what to call you."),
    ("Your e-mail address", "email", False, "Only if you would like a reply."),
    (
        "Your message",
        "multiline",
        True,
        "Up to 5,000 characters. Please leave out details about your health.",
    ),
]
