"""The six core hand-massage techniques, one TechniquePage each, in the order they are used."""

from .build import HeroImage, faqs, mistakes, page_link, step, technique_steps, variations

AUTHOR = "Daniel Osei"
REVIEWER = "Rachel Whitcombe"

# The order the full guide uses them in.
CORE_ORDER = [
    "effleurage",
    "petrissage",
    "thumb-pressing",
    "finger-rolling",
    "wrist-mobilisation",
    "finishing-strokes",
]

GENERAL_NOT_SUITABLE = (
    "<ul>"
    "<li>Broken, burnt or infected skin, or a rash you have not had checked.</li>"
    "<li>A recent fracture, sprain or operation on the hand or wrist, unless your "
    "surgeon or hand therapist has said massage is fine.</li>"
    "<li>A hand that is suddenly hot, red and swollen: see a doctor first.</li>"
    "</ul>"
)


# The teaching diagram (handcare/articles/diagrams.py) at the top of each technique page.
TECHNIQUE_DIAGRAMS = {
    "effleurage": "effleurage",
    "petrissage": "petrissage",
    "thumb-pressing": "thumb-pressing",
    "finger-rolling": "finger-rolling",
    "wrist-mobilisation": "wrist-mobilisation",
    "finishing-strokes": "finishing-strokes",
    "deep-hand-massage": "deep-kneading",
    "deep-tissue-thumb-massage": "deep-thumb-strokes",
    "acupressure-hand-massage": "acupressure",
}


def technique_page(slug, title, summary, hero, caption, days_ago, fields, audiences=()):
    """A TechniquePage in the techniques section, by the usual author and reviewer."""
    fields = {"diagram": TECHNIQUE_DIAGRAMS.get(slug, ""), **fields}
    return {
        "model": "technique",
        "section": "techniques",
        "slug": slug,
        "title": title,
        "summary": summary,
        "hero": hero,
        "hero_caption": caption,
        "author": AUTHOR,
        "reviewer": REVIEWER,
        "reviewed_days_ago": days_ago,
        "audiences": list(audiences),
        "fields": fields,
    }


EFFLEURAGE = technique_page(
    "effleurage",
    "Effleurage: long gliding strokes",
    (
        "The slow, light strokes that open every hand massage. They spread the oil, warm "
        "the skin and give the person a moment to settle before any firmer work."
    ),
    HeroImage(
        "Effleurage illustration",
        "An open hand drawn in cream on a sage-green background, with four soft lines "
        "sweeping from the fingertips down towards the wrist.",
        "strokes",
        "sage",
    ),
    "Long, unhurried strokes come first and last in most routines.",
    40,
    {
        "preparation": (
            "<p>Warm a little oil or unscented lotion between your palms: about the size of a "
            "five-pence piece is plenty for one hand. Sit facing the person with their forearm "
            "resting on a folded towel or cushion so that their shoulder can relax.</p>"
        ),
        "steps": technique_steps(
            step(
                "Glide over the back of the hand",
                (
                    "<p>Cradle the hand palm down in one of yours. With the flat of your other "
                    "palm, stroke slowly from the fingertips to the wrist, then let your hand "
                    "float lightly back to the start. Repeat six to eight times.</p>"
                ),
                "Spreads the oil and lets the person get used to your touch.",
                "About 1 minute",
                "light",
            ),
            step(
                "Glide over the palm",
                (
                    "<p>Turn the hand over. Using both thumbs side by side, sweep from the heel "
                    "of the hand out towards the base of the fingers, fanning the thumbs apart "
                    "as they travel.</p>"
                ),
                (
                    "Most people find slow strokes over the palm calming; it also lets you "
                    "feel where the hand is tight before you press harder."
                ),
                "About 1 minute",
                "light",
                diagram="palm-glide",
            ),
            step(
                "Carry the strokes up the forearm",
                (
                    "<p>Finish with three or four longer strokes that run from the wrist "
                    "halfway up the forearm, keeping the pressure even on the way up and "
                    "barely touching on the way back.</p>"
                ),
                "Links the hand to the forearm muscles that move the fingers.",
                "30 seconds",
                "light",
            ),
        ),
        "cautions": (
            "<p>Keep effleurage light over veins on the back of the hand and over any "
            "bruising. Stop if the person feels tingling or numbness, which can be a sign "
            "of pressure on a nerve.</p>"
        ),
        "not_suitable_for": GENERAL_NOT_SUITABLE,
        "variations": variations(
            (
                "office-workers",
                "<p>Add a few extra strokes along the inside of the forearm, where the "
                "muscles that work a mouse and keyboard run.</p>",
            ),
            (
                "athletes",
                "<p>Use slightly longer strokes from fingertips to elbow to warm the whole "
                "forearm before deeper thumb work.</p>",
            ),
            (
                "older-adults",
                "<p>Slow the strokes right down and use plenty of warm oil so that the "
                "skin is never dragged; older skin tears and bruises more easily.</p>",
            ),
            (
                "stress-relief",
                "<p>Match each stroke to a slow breath out. Repeating the same rhythm is "
                "what many people find most settling.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Starting with too little oil, so the strokes drag on the skin",
            "Pressing on the way back towards the fingertips as well as on the way up",
            "Hurrying through the warm-up to reach the 'real' massage",
        ),
        "faqs": faqs(
            (
                "Why start with effleurage?",
                "<p>Light strokes let the person relax and let you find any tender spots "
                "before you use more pressure. Skipping them is one of the most common "
                "reasons a massage feels uncomfortable.</p>",
            ),
            (
                "Is there any evidence for gliding strokes?",
                "<p>Studies rarely test one stroke on its own. Gliding strokes were part of "
                "the hand massage in a small trial in which adults with hand pain reported "
                "less pain after four weeks [cite:field-2011-hand-pain], so they are a "
                "sensible place to start.</p>",
            ),
            (
                "Can I do effleurage on my own hand?",
                "<p>Yes. Use the palm of your free hand to stroke from the fingertips to the "
                "wrist on the back of the other hand, then turn it over and use your thumb "
                "on the palm.</p>",
            ),
        ),
    },
    audiences=["stress-relief"],
)

PETRISSAGE = technique_page(
    "petrissage",
    "Petrissage: kneading the palm",
    (
        "Small, slow circles with the thumb and fingers over the fleshy parts of the palm. "
        "Kneading is where most people feel a hand massage start to ease stiffness."
    ),
    HeroImage(
        "Petrissage illustration",
        "A cream-coloured hand on a warm sand background, with two pairs of small "
        "circles drawn on the palm to suggest kneading.",
        "kneading",
        "sand",
    ),
    "Kneading works the muscles at the base of the thumb and little finger.",
    38,
    {
        "preparation": (
            "<p>Finish a minute of " + page_link("effleurage", "effleurage") + " first, so "
            "the tissue is warm and the oil is spread. Support the hand palm up on a "
            "cushion, or hold it from underneath with your fingers.</p>"
        ),
        "steps": technique_steps(
            step(
                "Knead the base of the thumb",
                (
                    "<p>Place your thumb on the fleshy pad below the person's thumb. Move it "
                    "in small, slow circles, lifting and rolling the tissue against your "
                    "fingers underneath. Work across the whole pad.</p>"
                ),
                (
                    "The muscles here do most of the work of gripping and are often tight "
                    "in people who type, write or lift a lot."
                ),
                "1 to 2 minutes",
                "moderate",
            ),
            step(
                "Knead the outer edge of the palm",
                (
                    "<p>Move to the fleshy area below the little finger and repeat the small "
                    "circles, working from the wrist up towards the base of the finger.</p>"
                ),
                "Reaches the muscles that steady the little finger and the edge of the hand.",
                "1 minute",
                "moderate",
            ),
            step(
                "Finish the centre of the palm",
                (
                    "<p>With both thumbs, make slow alternating circles across the middle of "
                    "the palm, staying off the bony ridge of the wrist.</p>"
                ),
                (
                    "In a small trial, regular hand massage that included kneading was "
                    "linked with less hand pain and a stronger grip "
                    "[cite:field-2011-hand-pain]."
                ),
                "1 minute",
                "moderate",
            ),
        ),
        "cautions": (
            "<p>Kneading should feel firm but never sharp. Ease off at once if the person "
            "winces, and avoid kneading directly over a swollen or inflamed joint. People "
            "who bruise easily, including those taking blood-thinning medicine, should ask "
            "for light pressure only.</p>"
        ),
        "not_suitable_for": GENERAL_NOT_SUITABLE,
        "variations": variations(
            (
                "office-workers",
                "<p>Spend most of the time on the pad below the thumb, which works hard when "
                "you hold a mouse or phone.</p>",
            ),
            (
                "athletes",
                "<p>Use firmer, slower circles and follow with the "
                + page_link("deep-tissue-thumb-massage", "deep-tissue thumb massage")
                + " if the grip muscles still feel tight.</p>",
            ),
            (
                "older-adults",
                "<p>Use the flat of the thumb rather than the tip, with light pressure, and "
                "keep well away from knuckles that are swollen or sore.</p>",
            ),
            (
                "stress-relief",
                "<p>Slow the circles until each one takes a full breath; the steadiness is "
                "what most people find soothing.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Pinching the skin instead of moving the muscle beneath it",
            "Kneading so fast that the movement becomes rubbing",
            "Pressing hard over a joint rather than the soft tissue beside it",
        ),
        "faqs": faqs(
            (
                "How firm should kneading be?",
                "<p>Firm enough to move the muscle, not so firm that it hurts. Ask the "
                "person to rate it; somewhere around the middle of a comfortable range is "
                "right for most people.</p>",
            ),
        ),
    },
    audiences=["office-workers"],
)

THUMB_PRESSING = technique_page(
    "thumb-pressing",
    "Thumb pressing in the palm",
    (
        "Steady pressure from the thumb in the middle of the palm, held for a few seconds "
        "and then released. Acupressure traditions attach meaning to these points; most "
        "people simply find the held pressure relaxing."
    ),
    HeroImage(
        "Thumb pressing illustration",
        "A pale hand on a soft rose background with a small dot and three rings at the "
        "centre of the palm, showing where the thumb presses.",
        "press",
        "rose",
    ),
    "Hold, count slowly, release: the rhythm matters more than the force.",
    36,
    {
        "preparation": (
            "<p>Do this after " + page_link("petrissage", "kneading") + ", when the palm is "
            "warm. Trim your own thumbnail short so that only the pad of the thumb "
            "touches.</p>"
        ),
        "steps": technique_steps(
            step(
                "Find the centre of the palm",
                (
                    "<p>Hold the hand palm up. Place the pad of your thumb in the hollow at "
                    "the centre of the palm, with your fingers supporting the back of the "
                    "hand.</p>"
                ),
                "Support from behind stops the hand bending away from the pressure.",
                "",
                "none",
            ),
            step(
                "Press, hold and release",
                (
                    "<p>Lean in gradually until the person feels a firm, comfortable "
                    "pressure. Hold it for a slow count of five, then release over another "
                    "count of two. Move a thumb's width and repeat across the palm.</p>"
                ),
                (
                    "Acupressure teaching holds that points in the palm connect with other "
                    "parts of the body. That idea has not been confirmed by research "
                    "[cite:ernst-2009]; the held pressure is offered here for comfort and "
                    "relaxation."
                ),
                "2 minutes",
                "firm",
            ),
        ),
        "cautions": (
            "<p>Press with the pad, never the tip or nail, of the thumb. Build pressure "
            "slowly and release slowly. Stop if the person feels pins and needles or pain "
            "that shoots into the fingers: the nerve that runs to the thumb side of the hand "
            "passes close to the surface at the wrist.</p>"
        ),
        "not_suitable_for": (
            GENERAL_NOT_SUITABLE.replace(
                "</ul>",
                "<li>Carpal tunnel symptoms that are getting worse: ask a GP or hand therapist "
                "first.</li></ul>",
            )
        ),
        "variations": variations(
            (
                "office-workers",
                "<p>A few held presses in the palm make a quick break between spells at "
                "the keyboard; you can do them on your own hand.</p>",
            ),
            (
                "athletes",
                "<p>Climbers and rowers often like firmer, longer holds at the base of "
                "the thumb. Keep the pressure below the point of pain.</p>",
            ),
            (
                "older-adults",
                "<p>Use a gentle hold of three seconds and press beside, not on, any "
                "knuckle that is enlarged or sore.</p>",
            ),
            (
                "stress-relief",
                "<p>Breathe in as you press and out as you release. Some people find that "
                "pairing the two helps them let go of tension.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Jabbing with the tip of the thumb",
            "Releasing suddenly instead of easing off",
            "Not supporting the back of the hand, so it bends away",
        ),
        "faqs": faqs(
            (
                "Is thumb pressing the same as acupressure?",
                "<p>It uses the same movement. Acupressure adds a belief that particular "
                "points act on distant organs, which has not been shown in trials "
                "[cite:ernst-2009]. You do not need to accept that belief to enjoy the "
                "pressure.</p>",
            ),
        ),
    },
)

FINGER_ROLLING = technique_page(
    "finger-rolling",
    "Finger rolling",
    (
        "Each finger is held at its base and rolled gently between thumb and index finger "
        "out to the tip. It takes a minute and helps the finger joints feel looser."
    ),
    HeroImage(
        "Finger rolling illustration",
        "A pale hand on a light blue background, with small dots along each finger "
        "marking where the fingers are rolled from base to tip.",
        "fingers",
        "sky",
    ),
    "Work from the base of each finger to its tip, one joint at a time.",
    34,
    {
        "preparation": (
            "<p>You need only a little oil; too much and your grip will slip. Rest the hand "
            "palm down on a cushion so the fingers hang relaxed.</p>"
        ),
        "steps": technique_steps(
            step(
                "Hold the base of the finger",
                (
                    "<p>Take the person's index finger at its base between your thumb and "
                    "index finger. Hold it lightly, as you would a pencil.</p>"
                ),
                "",
                "",
                "light",
            ),
            step(
                "Roll towards the tip",
                (
                    "<p>Roll the finger gently back and forth between your thumb and finger "
                    "while sliding slowly towards the fingertip. Pause briefly over each "
                    "joint.</p>"
                ),
                (
                    "Many people say their fingers feel looser afterwards; gentle movement "
                    "of the joints is thought to help with stiffness."
                ),
                "20 seconds per finger",
                "light",
            ),
            step(
                "Finish at the fingertip and move on",
                (
                    "<p>Give the fingertip a light squeeze, let go, and move to the next "
                    "finger. Finish with the thumb.</p>"
                ),
                "",
                "",
                "light",
            ),
        ),
        "cautions": (
            "<p>Roll, do not twist or pull. Never force a finger that will not straighten, "
            "and do not try to 'crack' the joints.</p>"
        ),
        "not_suitable_for": (
            GENERAL_NOT_SUITABLE.replace(
                "</ul>",
                "<li>Fingers that lock or catch when they bend (trigger finger) that are "
                "currently painful: see a hand therapist.</li></ul>",
            )
        ),
        "variations": variations(
            (
                "office-workers",
                "<p>Roll each finger between typing sessions; it takes under two minutes "
                "for both hands.</p>",
            ),
            (
                "athletes",
                "<p>After climbing or gripping weights, roll each finger slowly and add a "
                "gentle straightening stretch at the end.</p>",
            ),
            (
                "older-adults",
                "<p>Keep the roll very small over knuckles affected by arthritis, and stop "
                "at any joint that aches.</p>",
            ),
            (
                "stress-relief",
                "<p>Work slowly and in silence; counting the fingers can be a calming focus.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Pulling the finger outwards as you reach the tip",
            "Gripping so tightly that the finger cannot roll",
            "Forgetting the thumb",
        ),
        "faqs": faqs(
            (
                "Can finger rolling help arthritis?",
                "<p>Gentle hand massage has been linked with less pain and better grip in "
                "people with hand pain, including arthritis [cite:field-2011-hand-pain]. "
                "Keep the pressure light and follow any advice from your own clinician.</p>",
            ),
        ),
    },
    audiences=["older-adults"],
)

WRIST_MOBILISATION = technique_page(
    "wrist-mobilisation",
    "Wrist mobilisation",
    (
        "Slow, supported circles of the wrist, first one way and then the other. The "
        "movement is gentle, and many people find it eases the stiffness that builds up "
        "after a day at a desk."
    ),
    HeroImage(
        "Wrist mobilisation illustration",
        "A pale hand on a soft teal background with two curved lines circling the wrist "
        "to suggest slow rotation.",
        "wrist",
        "teal",
    ),
    "Support the forearm so the wrist moves and nothing else does.",
    32,
    {
        "preparation": (
            "<p>Sit side by side or facing each other with the person's elbow resting on a "
            "table. No oil is needed for this step.</p>"
        ),
        "steps": technique_steps(
            step(
                "Support the forearm",
                (
                    "<p>Hold the person's forearm just above the wrist with one hand. With "
                    "the other, clasp their hand as if shaking it.</p>"
                ),
                "A steady hold lets the person relax rather than guard the joint.",
                "",
                "none",
            ),
            step(
                "Circle slowly in one direction",
                (
                    "<p>Move the hand in five slow, wide circles, staying well inside the "
                    "range that feels easy. Let the person tell you where that range ends.</p>"
                ),
                (
                    "Many people find that gentle movement through a comfortable range eases "
                    "stiffness."
                ),
                "About 30 seconds",
                "none",
            ),
            step(
                "Reverse the direction",
                "<p>Make five circles the other way, then rest the hand down.</p>",
                "",
                "About 30 seconds",
                "none",
            ),
        ),
        "cautions": (
            "<p>Never push a wrist past the point where it moves easily. Stop if the "
            "movement causes pain, clicking with pain, or tingling in the fingers.</p>"
        ),
        "not_suitable_for": (
            GENERAL_NOT_SUITABLE.replace(
                "</ul>",
                "<li>A wrist that is unstable or has recently been dislocated or "
                "fractured.</li></ul>",
            )
        ),
        "variations": variations(
            (
                "office-workers",
                "<p>You can circle your own wrist by resting your forearm on the desk and "
                "letting the hand trace slow circles in the air.</p>",
            ),
            (
                "athletes",
                "<p>Before sport, add a few slow bends up and down. After sport, keep the "
                "circles small and slow.</p>",
            ),
            (
                "older-adults",
                "<p>Make the circles smaller and slower, and keep the forearm fully "
                "supported on a cushion.</p>",
            ),
            (
                "stress-relief",
                "<p>Let the person close their eyes while you guide the circles; leave a "
                "pause between each direction.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Leaving the wrist and forearm out of the massage altogether",
            "Rotating the hand quickly or with a jerk",
            "Letting the elbow lift so the whole arm swings",
        ),
        "faqs": faqs(
            (
                "Why include the wrist in a hand massage?",
                "<p>The muscles that bend and straighten the fingers start in the forearm "
                "and pass the wrist. A massage that stops at the hand leaves part of the "
                "system untouched.</p>",
            ),
            (
                "Is there evidence that wrist circles help?",
                "<p>Not for this movement on its own: trials test whole massage routines, "
                "not single steps. In one small trial, adults with hand pain from causes "
                "such as arthritis, carpal tunnel syndrome and repetitive strain had a weekly "
                "hand massage from a therapist and massaged their own hand every day. After "
                "four weeks they reported less pain and had a stronger grip than a "
                "comparison group [cite:field-2011-hand-pain]. Treat wrist circles as a "
                "comfortable part of a routine, not as a treatment for a wrist problem.</p>",
            ),
        ),
    },
    audiences=["office-workers", "older-adults"],
)

FINISHING_STROKES = technique_page(
    "finishing-strokes",
    "Finishing strokes",
    (
        "A gentle shake-out of the hands followed by a light press and stretch of each "
        "finger. It brings the massage to a calm close."
    ),
    HeroImage(
        "Finishing strokes illustration",
        "A pale hand on a lavender background with short arcs either side of the fingers, "
        "suggesting a gentle shake.",
        "finish",
        "lavender",
    ),
    "End as you began: lightly and slowly.",
    30,
    {
        "preparation": (
            "<p>Keep a small towel nearby to wipe away any oil left on the hands at the end.</p>"
        ),
        "steps": technique_steps(
            step(
                "Shake out the hands",
                (
                    "<p>Ask the person to let their hands go floppy. Hold each wrist in turn "
                    "and give a light, loose shake for a few seconds.</p>"
                ),
                "Many people find a loose shake helps them notice that their hands have relaxed.",
                "10 seconds per hand",
                "none",
            ),
            step(
                "Press and stretch each finger",
                (
                    "<p>Press each finger lightly between your palms, then draw it gently "
                    "straight, thumb last.</p>"
                ),
                "A gentle stretch to finish, rather than a strong one.",
                "About 1 minute",
                "light",
            ),
            step(
                "Close with slow strokes",
                (
                    "<p>Finish with three slow " + page_link("effleurage", "gliding strokes") + " "
                    "on each side of the hand, then rest the hand on the towel.</p>"
                ),
                "",
                "30 seconds",
                "light",
            ),
        ),
        "cautions": (
            "<p>A shake should be loose and small. Do not shake a hand or wrist that is "
            "painful or has been injured, and do not pull on the fingers as you stretch "
            "them.</p>"
        ),
        "not_suitable_for": GENERAL_NOT_SUITABLE,
        "variations": variations(
            (
                "office-workers",
                "<p>A shake-out and finger stretch on your own hands makes a quick reset "
                "between meetings.</p>",
            ),
            (
                "athletes",
                "<p>Add a gentle stretch of the forearm, straightening the elbow with "
                "the palm turned up.</p>",
            ),
            (
                "older-adults",
                "<p>Leave out the shake if the wrist is stiff or painful and finish with "
                "the strokes alone.</p>",
            ),
            (
                "stress-relief",
                "<p>Finish by resting your hands over theirs for a few quiet breaths.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Tugging the fingers at the end of the stretch",
            "Stopping abruptly without closing strokes",
            "Forgetting to ask how the massage felt",
        ),
        "faqs": faqs(
            (
                "What should the person do after a hand massage?",
                "<p>Sit quietly for a minute and wipe off any excess oil before picking "
                "anything up. A glass of water is pleasant but not essential.</p>",
            ),
            (
                "Why finish slowly instead of just stopping?",
                "<p>A slow ending keeps the whole massage calm and gives the person a "
                "moment to notice how their hands feel. One review of massage research "
                "suggests that the benefits people report may come from stimulating pressure "
                "receptors in the skin, which raises the activity of the vagus nerve and "
                "lowers the stress hormone cortisol. It also notes that most of the studies "
                "it covers relied on what people reported rather than on objective measures "
                "[cite:field-2016].</p>",
            ),
        ),
    },
    audiences=["stress-relief"],
)

PAGES = [
    EFFLEURAGE,
    PETRISSAGE,
    THUMB_PRESSING,
    FINGER_ROLLING,
    WRIST_MOBILISATION,
    FINISHING_STROKES,
]
