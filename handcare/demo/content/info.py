"""The About and Corrections pages under the home page, in our own words."""

# Each body is rich text. {contact} becomes a link to the contact page when the site has one,
# and otherwise the plain words "our editors", so no demo page links to a page that is missing.
PAGES = [
    {
        "slug": "about",
        "title": "About HandCare",
        "intro": (
            "HandCare is a small publisher of hand-care guidance: what to do, why it might "
            "help, and how sure anyone can be. This page says who we are and how we work."
        ),
        "body": (
            "<h2>What we publish</h2>"
            "<p>We write step-by-step massage techniques, plain guides to common questions, "
            "an evidence check on hand reflexology and a look at hand massage and sleep. Every "
            "article is written for a general reader and tells you when a technique is not "
            "for you.</p>"
            "<h2>Who checks it</h2>"
            "<p>Each article is checked, before it is published and again at regular "
            "intervals, by a reviewer with a relevant qualification, such as a hand therapist "
            "or physiotherapist. The reviewer's name, their qualifications and the date of the "
            "last check appear at the top of the article. An article nobody has reviewed yet "
            "says so instead.</p>"
            "<h2>What we do not do</h2>"
            "<ul>"
            "<li>We do not give personal medical advice; see a professional who can examine "
            "you.</li>"
            "<li>We do not sell products, and no company pays for or approves our articles.</li>"
            "<li>We do not present a personal story as evidence: readers' and therapists' "
            "accounts are labelled as such and never cited for a claim.</li>"
            "</ul>"
            "<h2>Getting in touch</h2>"
            "<p>Questions, suggestions and reports of mistakes reach {contact}. We read "
            "every message, though we cannot answer questions about your own health.</p>"
            "<p>This is a demonstration site: the people, their qualifications and the "
            "reviews shown here are made up for the demo.</p>"
        ),
    },
    {
        "slug": "corrections",
        "title": "Corrections",
        "intro": (
            "When we get something wrong we fix it in the open. Here is how to tell us about "
            "a mistake, and what happens next."
        ),
        "body": (
            "<h2>Reporting a mistake</h2>"
            "<p>If you think an article is wrong, out of date or unclear, tell {contact}. "
            "Name the article and, if you can, the sentence and the source that disagrees with "
            "it. You do not need to give your name.</p>"
            "<h2>How we check a report</h2>"
            "<p>An editor reads every report within a few working days. If the report is about "
            "a health claim, the article's reviewer checks it against the cited sources and "
            "any new evidence. Several reports about the same article bring its next review "
            "forward.</p>"
            "<h2>How corrections are made</h2>"
            "<ul>"
            "<li>A correction goes through the same review as the original article: written "
            "by an editor, approved by a qualified reviewer, and only then published.</li>"
            "<li>A correction that changes what a reader should do, or what the evidence "
            "shows, is explained in a dated note on the article saying what was wrong and what "
            "we changed.</li>"
            "<li>Small fixes that change no meaning, such as a typing error or a broken link, "
            "are made without a note; the article's \u201cUpdated\u201d date still changes.</li>"
            "<li>We do not quietly delete a mistake. If an article can no longer be defended, "
            "we withdraw it and say why.</li>"
            "</ul>"
            "<h2>Dates you can rely on</h2>"
            "<p>Every article shows when it was first published, when it was last updated and "
            "when its reviewer last checked it, so you can see how current it is.</p>"
        ),
    },
]
