"""The article on hand massage and sleep."""

from .build import (
    HeroImage,
    callout,
    contact,
    heading,
    link_cards,
    page_link,
    paragraph,
    step,
    steps,
    testimonial,
)

PAGE = {
    "model": "guide",
    "section": "sleep",
    "slug": "can-hand-massage-help-you-sleep",
    "title": "Can a hand massage help you sleep?",
    "summary": (
        "How sleep is regulated, why relaxing before bed matters, what research says about "
        "massage and sleep, and a simple hand-massage routine to try at bedtime."
    ),
    "hero": HeroImage(
        "Hand massage and sleep illustration",
        "A stylised hand in muted blue against a deep night-blue background with a "
        "crescent moon and scattered stars.",
        "moon",
        "night",
    ),
    "hero_caption": "A few quiet minutes before bed can become a useful signal to wind down.",
    "author": "Eleanor Hartley",
    "reviewer": "Rachel Whitcombe",
    "reviewed_days_ago": 21,
    "audiences": ["stress-relief", "older-adults"],
    "fields": {
        "body": [
            paragraph(
                "<p>Poor sleep affects how we feel, think and cope, so it is no surprise that "
                "people look for gentle, drug-free ways to drift off more easily. A hand "
                "massage before bed is one of them. This article looks at what is known, "
                "what is only hoped, and how to try it sensibly.</p>"
            ),
            heading("How the body regulates sleep"),
            paragraph(
                "<p>Sleep is governed by two broad systems. An internal body clock, set "
                "largely by daylight, runs on a cycle of roughly 24 hours and tells the body "
                "when to feel alert and when to feel drowsy; the hormone melatonin rises in "
                "the evening as part of this. Alongside the clock, a pressure to sleep builds "
                "the longer we are awake. Chemical messengers in the brain switch us between "
                "waking and sleeping.</p>"
                "<p>Once asleep, we move through repeated cycles of non-REM sleep, which "
                "includes the deepest stage, and REM (rapid eye movement) sleep, when most "
                "vivid dreaming happens. A typical night contains four to six of these "
                "cycles.</p>"
            ),
            heading("Why winding down matters"),
            paragraph(
                "<p>Stress works against sleep. When we are tense, the body's 'fight or "
                "flight' system is more active and levels of the stress hormone cortisol "
                "tend to be higher. Falling asleep is easier when the balance shifts towards "
                "the parasympathetic, or 'rest and digest', side of the nervous system, "
                "which slows the heart and breathing. Anything that reliably helps you relax "
                "in the hour before bed may make that shift easier.</p>"
            ),
            heading("How a hand massage may help you relax"),
            paragraph(
                "<p>The hands are densely supplied with nerve endings that respond to touch "
                "and pressure, which may be why slow hand massage feels calming to many "
                "people. Massage researchers have suggested that stimulating pressure "
                "receptors in the skin increases the activity of the vagus nerve, part of "
                "the 'rest and digest' system, and lowers cortisol [cite:field-2016]. It is "
                "also often said that massage releases endorphins and improves circulation "
                "in the hands; these ideas are plausible but have not been well tested for "
                "hand massage.</p>"
            ),
            heading("Three kinds of hand massage"),
            paragraph(
                "<p>There is no single 'sleep massage'. These three styles are all used at "
                "bedtime; choose the one that feels most relaxing to you.</p>"
            ),
            link_cards(
                (
                    "deep-hand-massage",
                    "Slow, firm work on the palm and the webs between the fingers, for hands "
                    "that feel tight after a day's work.",
                ),
                (
                    "deep-tissue-thumb-massage",
                    "Focused thumb pressure on the base of the thumb and the forearm, useful "
                    "if you grip, type or lift a lot.",
                ),
                (
                    "acupressure-hand-massage",
                    "Held pressure on points from East Asian tradition, done slowly and "
                    "quietly; the traditional claims behind it are unproven.",
                ),
            ),
            heading("What the research says"),
            paragraph(
                "<p>There is little research on hand massage and sleep specifically, so it "
                "is worth being clear about what the studies do and do not show.</p>"
                "<ul>"
                "<li>In a trial of hand massage for people with hand pain, the massage group "
                "reported less sleep disturbance over four weeks than the comparison group "
                "[cite:field-2011-hand-pain]. Sleep was not the main focus of the study, "
                "and all the participants had painful hands.</li>"
                "<li>In postmenopausal women with insomnia, a course of whole-body "
                "therapeutic massage improved scores on an insomnia questionnaire, although "
                "measurements taken in a sleep laboratory did not change significantly "
                "[cite:oliveira-2012].</li>"
                "<li>A review of massage research reports benefits across many conditions "
                "but notes that most studies relied on participants' own reports "
                "[cite:field-2016].</li>"
                "<li>Lavender is often added to bedtime massage oil. A systematic review of "
                "inhaled essential oils found that most studies suggested a positive effect "
                "on sleep, with lavender the most studied, but called for larger and "
                "better-designed trials [cite:lillehei-2014]. Those studies looked at "
                "breathing in the scent, not at massage.</li>"
                "</ul>"
                "<p>Taken together, a hand massage may help you feel calmer at bedtime, and "
                "that could make sleep come more easily. It has not been shown to treat "
                "insomnia.</p>"
            ),
            heading("One reader's experience"),
            testimonial(
                (
                    "I'd got into the habit of scrolling on my phone until midnight. Now I put "
                    "it in the kitchen, rub a little oil into my hands and spend ten minutes on "
                    "each one with the radio on low. I can't say it works every night, but on "
                    "most nights I feel ready for bed by the time I've finished, and that "
                    "never used to happen."
                ),
                "Maggie, a reader in Norwich",
            ),
            callout(
                "note",
                "A personal account, not evidence",
                (
                    "<p>We share Maggie's story because readers tell us they find accounts "
                    "like this useful. It describes one person's experience; it is not "
                    "research, and your own experience may be different.</p>"
                ),
            ),
            heading("A bedtime hand-massage routine"),
            steps(
                step(
                    "Set the scene",
                    (
                        "<p>About half an hour before you want to sleep, dim the lights, put "
                        "your phone out of reach and, if you like, play quiet music.</p>"
                    ),
                    "Dim light in the evening is thought to help the body clock signal that it is time to sleep.",
                    "5 minutes",
                    "none",
                ),
                step(
                    "Prepare the oil",
                    (
                        "<p>Add one or two drops of lavender or chamomile essential oil to a "
                        "teaspoon of a plain carrier oil such as sunflower or almond. Test "
                        "it on a small patch of skin the first time. Skip the essential oil "
                        "if you are pregnant, have sensitive skin or simply prefer no "
                        "scent.</p>"
                    ),
                    (
                        "Some people find the scent relaxing; evidence for lavender comes "
                        "from studies of breathing it in [cite:lillehei-2014]."
                    ),
                    "2 minutes",
                    "none",
                ),
                step(
                    "Massage each hand",
                    (
                        "<p>Spend 10 to 15 minutes on each hand. Begin with slow "
                        + page_link("effleurage", "gliding strokes")
                        + ", move on to gentle "
                        + page_link("petrissage", "kneading")
                        + " of the palm, and finish with "
                        + page_link("finishing-strokes", "light finishing strokes")
                        + ". Keep the pressure comfortable and the pace unhurried.</p>"
                    ),
                    "The aim is to relax, so slow and gentle beats firm and fast.",
                    "10 to 15 minutes per hand",
                    "light",
                ),
                step(
                    "Go straight to bed",
                    (
                        "<p>Wipe off any excess oil and go to bed without picking your phone "
                        "back up.</p>"
                    ),
                    "",
                    "",
                    "none",
                ),
            ),
            callout(
                "caution",
                "If you often sleep badly",
                (
                    "<p>If poor sleep lasts for more than a few weeks, or you are very "
                    "sleepy during the day, talk to your GP. Snoring with pauses in "
                    "breathing, restless legs and low mood all need proper assessment, and "
                    "a hand massage is not a substitute for it.</p>"
                ),
            ),
            heading("Questions or corrections"),
            contact(
                (
                    "<p>If you have a question about this article, or think something in it "
                    "needs checking, please write to the editorial team at "
                    '<a href="mailto:editorial@handcare.invalid">editorial@handcare.invalid</a>. '
                    "We read every message and correct mistakes openly.</p>"
                ),
                (
                    "HandCare sells nothing. We do not sell massage products, oils, tools or "
                    "treatments, we carry no advertising, and we take no payment from anyone "
                    "whose products or services are mentioned here."
                ),
            ),
        ],
    },
}
