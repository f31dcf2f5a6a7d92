"""Long-form guides in the techniques section: the full guide, sore hands, and four audiences."""

from .build import (
    HeroImage,
    bullets,
    callout,
    faq,
    heading,
    link_cards,
    page_link,
    paragraph,
    reflexology_points,
    step,
    steps,
)

EDITOR = "Eleanor Hartley"
THERAPIST = "Daniel Osei"
REVIEWER = "Rachel Whitcombe"


def _guide(slug, title, summary, hero, caption, author, days_ago, body, audiences=()):
    return {
        "model": "guide",
        "section": "techniques",
        "slug": slug,
        "title": title,
        "summary": summary,
        "hero": hero,
        "hero_caption": caption,
        "author": author,
        "reviewer": REVIEWER,
        "reviewed_days_ago": days_ago,
        "audiences": list(audiences),
        "fields": {"body": body},
    }


SORE_HANDS = _guide(
    "massage-for-sore-hands",
    "Massage for sore and painful hands",
    (
        "How to massage hands that already ache: lighter pressure, shorter sessions, warmth "
        "and gentle stretches, and the signs that mean you should see a clinician first."
    ),
    HeroImage(
        "Sore hands illustration",
        "A pale hand on a warm sand background with two small rings on the palm, drawn "
        "in soft brown.",
        "kneading",
        "sand",
    ),
    "With sore hands, less pressure for less time usually works better.",
    THERAPIST,
    60,
    [
        paragraph(
            "<p>When hands are already sore, the aim changes. A massage for aching hands "
            "should feel easy throughout, stay short, and leave the hands no worse than "
            "before. In a small randomised trial, people with hand pain who had a weekly "
            "massage and massaged their own hands each day reported less pain and had a "
            "firmer grip after a few weeks than people who did not "
            "[cite:field-2011-hand-pain].</p>"
        ),
        callout(
            "caution",
            "Check with a clinician first if",
            (
                "<ul>"
                "<li>the pain came on suddenly, follows a fall or injury, or wakes you at "
                "night;</li>"
                "<li>a joint is hot, red or swollen;</li>"
                "<li>you have numbness, pins and needles or weakness in the hand;</li>"
                "<li>you have inflammatory arthritis and are in a flare.</li>"
                "</ul>"
                "<p>Massage does not replace assessment by a GP, physiotherapist or hand "
                "therapist.</p>"
            ),
        ),
        heading("Start light and build up"),
        paragraph(
            "<p>Begin with two or three minutes of "
            + page_link("effleurage", "light gliding strokes")
            + ". Only if those feel comfortable, move on to gentle "
            + page_link("petrissage", "kneading")
            + ", asking how the pressure feels each time you change it.</p>"
        ),
        heading("Tender spots"),
        paragraph(
            "<p>The base of the thumb, the knuckles and the wrist are where soreness most "
            "often sits. Work beside these areas rather than on them, with slow, small "
            "circles, and keep the pressure light over any joint.</p>"
        ),
        heading("Gentle stretches"),
        paragraph(
            "<p>After the massage, slowly open the fingers out and curl them in again, and "
            "bend the wrist gently up and down a few times. Stay within a comfortable range; "
            "a stretch should feel like a mild pull, not pain.</p>"
        ),
        heading("Warmth before, cold after"),
        paragraph(
            "<p>Many people find that a warm flannel or a bowl of warm water for a few "
            "minutes beforehand makes the hands feel easier to move. Afterwards, some like "
            "a cool pack wrapped in a cloth for ten minutes. Never put ice directly on the "
            "skin, and check the temperature carefully if your hands feel heat or cold less "
            "than they used to.</p>"
        ),
        heading("Short sessions, more often"),
        paragraph(
            "<p>Five to ten minutes at a time, repeated two or three times across the day, "
            "is usually better tolerated than one long session.</p>"
        ),
        heading("Creams and rubs"),
        paragraph(
            "<p>Some people use creams containing arnica, menthol or eucalyptus. They can "
            "feel soothing, but the evidence that they add anything to the massage itself "
            "is limited. Test a small patch of skin first, keep them away from broken skin "
            "and eyes, and wash your hands afterwards.</p>"
        ),
        heading("A short routine for sore hands"),
        steps(
            step(
                "Warm the hands",
                "<p>Hold a warm flannel around the hands for two or three minutes.</p>",
                "",
                "2 to 3 minutes",
                "none",
            ),
            step(
                "Light strokes",
                "<p>Stroke from fingertips to wrist on both sides of the hand.</p>",
                "",
                "2 minutes",
                "light",
                technique="effleurage",
            ),
            step(
                "Gentle kneading beside sore spots",
                "<p>Make small, slow circles on the fleshy parts of the palm.</p>",
                "",
                "2 minutes",
                "light",
                technique="petrissage",
            ),
            step(
                "Easy finger and wrist movements",
                "<p>Open and close the fingers slowly, then circle the wrist gently.</p>",
                "",
                "1 minute",
                "none",
                technique="wrist-mobilisation",
            ),
        ),
    ],
    audiences=["older-adults"],
)


OFFICE_WORKERS = _guide(
    "hand-massage-for-office-workers",
    "Hand massage for office workers",
    (
        "A five-minute routine for hands that type, click and scroll all day, focusing on "
        "the palm, the base of the thumb and the wrist."
    ),
    HeroImage(
        "Office workers hand massage illustration",
        "A pale hand on a light blue background with circling lines around the wrist.",
        "wrist",
        "sky",
    ),
    "Typing and mouse work load the palm, the thumb and the wrist.",
    EDITOR,
    55,
    [
        paragraph(
            "<p>Hours of typing and mouse work keep the small muscles of the hand busy in "
            "the same positions for long stretches. Many people notice tightness in the "
            "palm, an ache at the base of the thumb or a stiff wrist by the end of the day. "
            "A short massage at your desk is a pleasant way to break that pattern. It has not "
            "been tested as a way to prevent strain, but in a small trial that included people "
            "with repetitive strain and carpal tunnel syndrome, regular hand massage was "
            "followed by less pain and a stronger grip [cite:field-2011-hand-pain].</p>"
        ),
        heading("What to focus on"),
        paragraph(
            "<p>Spend most of your time on three things: kneading the palm, held thumb "
            "pressure, and slow wrist circles. You can do all three on your own hands.</p>"
        ),
        steps(
            step(
                "Knead the palm",
                (
                    "<p>With the thumb of one hand, make small circles over the palm of the "
                    "other, concentrating on the pad below the thumb.</p>"
                ),
                "",
                "2 minutes per hand",
                "moderate",
                technique="petrissage",
                diagram="petrissage",
            ),
            step(
                "Hold pressure in the palm",
                "<p>Press and hold a few points across the palm for a slow count of five.</p>",
                "",
                "1 minute per hand",
                "moderate",
                technique="thumb-pressing",
            ),
            step(
                "Circle the wrists",
                (
                    "<p>Rest your forearms on the desk and let each hand trace five slow "
                    "circles in each direction.</p>"
                ),
                "",
                "1 minute",
                "none",
                technique="wrist-mobilisation",
                diagram="wrist-mobilisation",
            ),
        ),
        callout(
            "tip",
            "Make it a habit",
            (
                "<p>Pair the routine with something you already do, such as waiting for a "
                "video call to start or the kettle to boil.</p>"
            ),
        ),
        callout(
            "caution",
            "When to get advice",
            (
                "<p>Numbness or tingling in the thumb and first fingers, especially at night, "
                "can be a sign of carpal tunnel syndrome. Massage will not fix it; talk to "
                "your GP or a physiotherapist.</p>"
            ),
        ),
    ],
    audiences=["office-workers"],
)


ATHLETES = _guide(
    "hand-massage-for-athletes",
    "Hand massage for athletes and active hands",
    (
        "Climbing, golf, rowing and lifting all demand a strong grip. Deeper work on the "
        "base of the thumb and the forearm can help hard-working hands feel looser."
    ),
    HeroImage(
        "Athletes hand massage illustration",
        "A pale hand on a soft teal background with rings on the palm, suggesting "
        "focused pressure.",
        "press",
        "teal",
    ),
    "Grip sports load the thenar muscles and the forearm.",
    THERAPIST,
    52,
    [
        paragraph(
            "<p>Sports that rely on grip, such as climbing, golf, rowing and weight "
            "training, work the thenar muscles at the base of the thumb and the muscles of "
            "the forearm hard. Many athletes find a firmer massage after training helps "
            "these areas feel less tight. There is little research on hand massage for "
            "sport specifically. In people with hand pain, regular massage has been linked "
            "with a stronger grip [cite:field-2011-hand-pain], but whether it helps healthy "
            "athletes grip harder or recover faster is not known, so treat it as a comfort "
            "measure.</p>"
        ),
        heading("Deeper thumb work"),
        paragraph(
            "<p>After a few minutes of warming strokes, use slow, firm glides along the pad "
            "below the thumb, as described in "
            + page_link("deep-tissue-thumb-massage", "deep-tissue thumb massage")
            + ". Lean in with body weight rather than squeezing.</p>"
        ),
        heading("Forearm release"),
        paragraph(
            "<p>The muscles that close the hand run along the inside of the forearm. Press "
            "and glide slowly from just below the elbow towards the wrist, stopping short "
            "of the wrist crease.</p>"
        ),
        callout(
            "caution",
            "Not for fresh injuries",
            (
                "<p>Do not use deep pressure on a recent strain, a pulley injury in a "
                "climber's finger or any area that is swollen. Get it assessed by a "
                "physiotherapist first.</p>"
            ),
        ),
    ],
    audiences=["athletes"],
)


OLDER_ADULTS = _guide(
    "hand-massage-for-older-adults",
    "Gentle hand massage for older adults",
    (
        "A slower, lighter hand massage with warm oil and easy joint movements, suitable "
        "for giving to an older relative or someone you care for."
    ),
    HeroImage(
        "Older adults hand massage illustration",
        "A pale hand on a sage-green background with four soft lines gliding down the "
        "palm towards the wrist.",
        "strokes",
        "sage",
    ),
    "Slow, light, warm: the three rules for older hands.",
    EDITOR,
    58,
    [
        paragraph(
            "<p>A gentle hand massage can be a comforting part of caring for an older "
            "person. Research is limited: in a study of nursing-home residents, those given "
            "regular hand massage reported more comfort than a comparison group at some "
            "points during the study, though the difference did not hold over the whole "
            "period [cite:kolcaba-2006]. The approach here is slow and light, with plenty of "
            "warm oil, and the aim is comfort and company rather than treatment.</p>"
        ),
        heading("How to adapt the massage"),
        bullets(
            "Slow everything down: take twice as long over each stroke as you would for a younger adult.",
            "Use light pressure throughout; older skin is thinner and bruises more easily.",
            "Warm the oil in your hands first, and keep the room comfortably warm.",
            "Move the finger and wrist joints gently, only as far as they go easily.",
            "Ask often how it feels, and watch the person's face as well as listening.",
        ),
        heading("A gentle sequence"),
        steps(
            step(
                "Light gliding strokes",
                "<p>Stroke slowly from fingertips to wrist on both sides of the hand.</p>",
                "",
                "2 to 3 minutes",
                "light",
                technique="effleurage",
                diagram="effleurage",
            ),
            step(
                "Soft finger rolling",
                "<p>Roll each finger gently from base to tip, keeping the roll small.</p>",
                "",
                "2 minutes",
                "light",
                technique="finger-rolling",
                diagram="finger-rolling",
            ),
            step(
                "Supported wrist circles",
                "<p>Support the forearm on a cushion and make small, slow circles.</p>",
                "",
                "1 minute",
                "none",
                technique="wrist-mobilisation",
                diagram="wrist-mobilisation",
            ),
        ),
        callout(
            "caution",
            "Take extra care",
            (
                "<p>Use only light pressure for anyone taking blood-thinning medicine, and "
                "avoid any area with a skin tear, bruise or swelling. If the person has "
                "dementia, watch closely for signs that they would rather stop.</p>"
            ),
        ),
    ],
    audiences=["older-adults"],
)


STRESS_RELIEF = _guide(
    "hand-massage-for-stress-relief",
    "Hand massage for stress relief",
    (
        "Slow gliding strokes, steady held pressure and warm oil: a quiet ten-minute hand "
        "massage for winding down after a busy day."
    ),
    HeroImage(
        "Stress relief hand massage illustration",
        "A pale hand on a lavender background with soft lines sweeping down the palm.",
        "strokes",
        "lavender",
    ),
    "For relaxation, rhythm and warmth matter more than pressure.",
    EDITOR,
    50,
    [
        paragraph(
            "<p>Many people find a slow hand massage one of the easiest ways to wind down. "
            "In a trial of massage for hand pain, participants also reported feeling less "
            "anxious [cite:field-2011-hand-pain], and a wider review of massage research "
            "describes similar findings across many groups, although most of the studies "
            "relied on people's own reports [cite:field-2016].</p>"
        ),
        heading("Keep it slow and steady"),
        paragraph(
            "<p>Use long, slow "
            + page_link("effleurage", "gliding strokes")
            + " and keep your rhythm even. Add a few "
            + page_link("thumb-pressing", "held presses")
            + " in the palm, breathing out as you press. Some people like to hold points "
            "from the "
            + page_link("hand-reflexology", "reflexology map")
            + "; do so for the sense of calm rather than for any effect on other parts of "
            "the body, which has not been shown.</p>"
        ),
        heading("Warm oil and a quiet room"),
        paragraph(
            "<p>Warm the oil between your palms, dim the lights and turn off notifications. "
            "A scented oil such as lavender is a matter of taste; if you use an essential "
            "oil, dilute it in a plain carrier oil and test it on a small patch of skin "
            "first.</p>"
        ),
        callout(
            "note",
            "If stress is affecting your health",
            (
                "<p>A hand massage is a pleasant way to relax, not a treatment for anxiety "
                "or depression. If low mood or worry is affecting your daily life, talk to "
                "your GP.</p>"
            ),
        ),
    ],
    audiences=["stress-relief"],
)


AUDIENCE_GUIDES = [OFFICE_WORKERS, ATHLETES, OLDER_ADULTS, STRESS_RELIEF]


FULL_GUIDE = _guide(
    "how-to-give-a-hand-massage",
    "How to give a hand massage: a step-by-step guide",
    (
        "Six techniques, in order, for a calm and comfortable hand massage at home, with "
        "what the evidence says about the benefits, how to adapt it and the mistakes to "
        "avoid."
    ),
    HeroImage(
        "Hand massage guide illustration",
        "A stylised open hand in cream on a sage-green background, softly lit.",
        "hand",
        "sage",
    ),
    "A full hand massage takes about ten minutes and needs nothing but a little oil.",
    EDITOR,
    30,
    [
        paragraph(
            "<p>A hand massage is one of the simplest kinds of massage to learn. It needs "
            "no table and no special equipment, you can give it to yourself or to someone "
            "else, and ten minutes is enough. This guide takes you through six techniques "
            "in the order we suggest using them, explains what research does and does not "
            "show, and covers how to adapt the massage for different people.</p>"
        ),
        heading("What a hand massage may do for you"),
        heading("Easing aches and stiffness", "h3"),
        paragraph(
            "<p>The best evidence is for hand pain. In a small randomised trial, adults "
            "with hand pain from conditions such as arthritis and carpal tunnel syndrome "
            "who had weekly massage and massaged their own hands daily reported less pain "
            "and had a stronger grip than a comparison group "
            "[cite:field-2011-hand-pain]. A broader review of massage research describes "
            "benefits for pain conditions including arthritis and fibromyalgia, while "
            "noting that most studies relied on what participants reported rather than on "
            "objective measures [cite:field-2016].</p>"
        ),
        heading("Warmth and circulation", "h3"),
        paragraph(
            "<p>Hands often feel warmer after a massage, and massage is widely said to help "
            "circulation and ease mild puffiness. This has not been well studied for hand "
            "massage, so we describe it as something people notice rather than a proven "
            "effect.</p>"
        ),
        heading("Stress and mood", "h3"),
        paragraph(
            "<p>People in massage trials often report feeling less anxious "
            "[cite:field-2011-hand-pain]. You may also read that massage lowers the stress "
            "hormone cortisol and raises serotonin and endorphins. One review suggests that "
            "massage may calm the nervous system and reduce cortisol [cite:field-2016], but "
            "the measurements behind such claims are few and inconsistent, so we treat them "
            "as possible rather than proven.</p>"
        ),
        heading("Sleep", "h3"),
        paragraph(
            "<p>A study of whole-body massage in women with insomnia after the menopause "
            "found improvements in sleep [cite:oliveira-2012]. Whether a hand massage alone "
            "does the same is not known, but many people find it a calming part of a "
            "bedtime routine: see "
            + page_link("can-hand-massage-help-you-sleep", "our article on hand massage and sleep")
            + ".</p>"
        ),
        heading("Tension headaches", "h3"),
        paragraph(
            "<p>Some practitioners believe that pressing particular points on the hand "
            "relieves tension headaches. This belief comes from reflexology and acupressure "
            "traditions; reviews of controlled trials have not found reliable evidence that "
            "reflexology treats any medical condition [cite:ernst-2009].</p>"
        ),
        heading("Before you start"),
        bullets(
            "An oil or lotion, so your hands glide rather than drag. Lavender, eucalyptus and chamomile scents are popular; unscented is fine.",
            "A quiet, warm room with soft light. Gentle music helps some people settle.",
            "Warm hands: rub your palms together briskly, or hold a warm towel for a minute.",
            "A cushion or folded towel to rest the forearm on, so the shoulder can relax.",
        ),
        callout(
            "tip",
            "Test scented oils first",
            (
                "<p>Essential oils can irritate the skin. Dilute them in a plain carrier oil "
                "and try a small patch before using them on the whole hand.</p>"
            ),
        ),
        heading("The six core techniques, step by step"),
        paragraph(
            "<p>Work through the steps in order on one hand, then repeat on the other. Each "
            "step links to a page with more detail, cautions and variations.</p>"
        ),
        steps(
            step(
                "Effleurage (gliding strokes)",
                (
                    "<p>Stroke slowly and lightly along the back of the hand and across the "
                    "palm, from the fingertips towards the wrist.</p>"
                ),
                "Warms the tissue and helps the person relax before firmer work.",
                "1 to 2 minutes",
                "light",
                technique="effleurage",
                diagram="effleurage",
            ),
            step(
                "Petrissage (kneading)",
                (
                    "<p>Knead the fleshy parts of the palm with your thumb and fingers in "
                    "small circles.</p>"
                ),
                "Many people find it eases tightness and helps the hand feel more flexible.",
                "2 minutes",
                "moderate",
                technique="petrissage",
                diagram="petrissage",
            ),
            step(
                "Thumb pressing",
                (
                    "<p>Press steadily with your thumb in the middle of the palm, hold for a "
                    "few seconds, then release.</p>"
                ),
                (
                    "Said in acupressure traditions to stimulate points linked to other "
                    "parts of the body; this is a belief, not an established effect."
                ),
                "1 to 2 minutes",
                "firm",
                technique="thumb-pressing",
                diagram="thumb-pressing",
            ),
            step(
                "Finger rolling",
                (
                    "<p>Hold each finger at its base and roll it gently between your thumb "
                    "and index finger, working out to the tip.</p>"
                ),
                "Gently moves each finger joint; many people say their fingers feel looser.",
                "About 2 minutes",
                "light",
                technique="finger-rolling",
                diagram="finger-rolling",
            ),
            step(
                "Wrist mobilisation",
                (
                    "<p>Support the forearm and turn the wrist slowly in circles, one way "
                    "and then the other.</p>"
                ),
                "Moves the wrist through a comfortable range, which may ease stiffness.",
                "1 minute",
                "none",
                technique="wrist-mobilisation",
                diagram="wrist-mobilisation",
            ),
            step(
                "Finishing strokes",
                (
                    "<p>Give the hands a gentle shake-out, then press and lightly stretch "
                    "each finger.</p>"
                ),
                "Brings the massage to a calm close.",
                "1 minute",
                "light",
                technique="finishing-strokes",
                diagram="finishing-strokes",
            ),
        ),
        heading("If your hands are sore"),
        paragraph(
            "<p>Hands that already ache need a lighter touch, shorter sessions and some "
            "extra care. Our guide to "
            + page_link("massage-for-sore-hands", "massage for sore and painful hands")
            + " explains how to adapt each step and when to see a clinician first.</p>"
        ),
        heading("Adapting the massage"),
        paragraph(
            "<p>The same six techniques can be shifted in emphasis for different people. "
            "Office workers tend to benefit most from palm kneading, thumb pressing and "
            "wrist circles. Athletes often like deeper thumb work on the thenar muscles and "
            "release of the forearm. Older adults usually need a slower pace, lighter "
            "pressure, warm oil and only gentle joint movement. For stress relief, slow "
            "gliding strokes and steady held pressure matter more than anything else.</p>"
        ),
        link_cards(
            ("hand-massage-for-office-workers", "A five-minute desk routine."),
            ("hand-massage-for-athletes", "Deeper work for grip-heavy sports."),
            ("hand-massage-for-older-adults", "Slow, light and warm."),
            ("hand-massage-for-stress-relief", "A quiet wind-down routine."),
        ),
        heading("Adding reflexology"),
        paragraph(
            "<p>Reflexology is a traditional practice that applies firm but comfortable "
            "pressure, with the thumb or a knuckle in small circles, to points on the hand "
            "that are believed to correspond to other parts of the body. The traditional "
            "map is shown below. Controlled trials have not shown that these links are real "
            "[cite:ernst-2009], so include the points for relaxation if you enjoy them, not "
            "as a treatment. Read more in "
            + page_link("hand-reflexology", "our reflexology article")
            + ".</p>"
        ),
        reflexology_points(
            "Thumb pad", "Centre of the palm", "Base of the fingers", "Outer edge of the hand"
        ),
        heading("Common mistakes"),
        bullets(
            "Pressing hard before the hand has been warmed up.",
            "Rushing: quick movements feel less relaxing and less controlled.",
            "Stopping at the hand and leaving out the wrist and forearm.",
            "Gripping the fingers tightly or tugging them.",
            "Skipping the opening gliding strokes.",
            "Never asking how the pressure feels.",
        ),
        heading("Frequently asked questions"),
        faq(
            "How often can I have a hand massage?",
            (
                "<p>For relaxation, every day is fine. If you are using massage to help "
                "with pain or stiffness, two or three times a week is a common starting "
                "point; the trial that found less hand pain used daily self-massage "
                "[cite:field-2011-hand-pain].</p>"
            ),
        ),
        faq(
            "Can hand massage help with arthritis?",
            (
                "<p>Gentle massage may help comfort and mobility. Adults with hand pain, "
                "including arthritis, reported less pain after a few weeks of regular "
                "massage in one small trial [cite:field-2011-hand-pain]. Avoid massaging a "
                "joint that is hot or swollen, and keep to any plan your clinician has "
                "given you.</p>"
            ),
        ),
        faq(
            "Do I need any equipment?",
            (
                "<p>No. Your hands and a little oil are enough. Some people like a massage "
                "ball or small roller for the palm and forearm, or a warm compress "
                "beforehand.</p>"
            ),
        ),
        faq(
            "How long should a hand massage take?",
            (
                "<p>Around five to fifteen minutes. Shorter sessions, repeated during the "
                "day, suit sore hands better than one long one.</p>"
            ),
        ),
        faq(
            "Will massage improve my grip strength?",
            (
                "<p>It may help a little when combined with stretching. In the hand-pain "
                "trial, grip strength improved in the massage group "
                "[cite:field-2011-hand-pain]. For real gains in strength, a hand therapist "
                "can suggest exercises.</p>"
            ),
        ),
        heading("In summary"),
        paragraph(
            "<p>A hand massage takes little time and no equipment. Begin with light strokes, "
            "move through kneading, held pressure, finger rolling and wrist circles, and "
            "finish gently. Adjust the pressure to the person, stop if anything hurts, and "
            "treat the claims you read about massage with the same care as any other "
            "health advice.</p>"
        ),
    ],
)

PAGES = [SORE_HANDS, *AUDIENCE_GUIDES]
