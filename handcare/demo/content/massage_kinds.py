"""Three kinds of hand massage that the sleep article links to, as TechniquePages."""

from .build import HeroImage, faqs, mistakes, page_link, step, technique_steps, variations
from .techniques import GENERAL_NOT_SUITABLE, technique_page

FIRM_PRESSURE_CAUTIONS = (
    "<p>Firm pressure is not for everyone. Build up over several minutes, check in often, "
    "and stay below the point of pain: discomfort that makes someone hold their breath "
    "is too much. Expect no bruising; if it happens, the pressure was too firm. People "
    "taking blood-thinning medicine, and anyone with fragile skin, should stick to "
    "light techniques.</p>"
)

FIRM_PRESSURE_NOT_SUITABLE = GENERAL_NOT_SUITABLE.replace(
    "</ul>",
    "<li>Inflammatory arthritis during a flare, or any joint that is hot and swollen.</li>"
    "<li>Numbness or weakness in the hand that has not been assessed.</li>"
    "</ul>",
)

DEEP_HAND_MASSAGE = technique_page(
    "deep-hand-massage",
    "Deep hand massage",
    (
        "A slower, firmer massage that works into the muscles of the palm and the webs "
        "between the fingers. Some people who use their hands hard all day prefer it to "
        "a light massage."
    ),
    HeroImage(
        "Deep hand massage illustration",
        "A pale hand on a warm clay-coloured background, with pairs of small circles in "
        "the palm suggesting slow, firm kneading.",
        "kneading",
        "clay",
    ),
    "Deeper work comes after the tissue has been warmed, never before.",
    50,
    {
        "preparation": (
            "<p>Warm the hand for at least two minutes with "
            + page_link("effleurage", "gliding strokes")
            + " and "
            + page_link("petrissage", "light kneading")
            + ". Use a little more oil than usual so that firm strokes do not drag.</p>"
        ),
        "steps": technique_steps(
            step(
                "Slow strokes into the palm",
                (
                    "<p>With the heel of your hand, press slowly from the wrist towards the "
                    "base of the fingers, taking about five seconds for each stroke.</p>"
                ),
                "Spreads pressure over a wide area before you work on smaller spots.",
                "1 to 2 minutes",
                "moderate",
            ),
            step(
                "Work the webs between the fingers",
                (
                    "<p>Pinch the web of skin between two fingers gently between your thumb "
                    "and index finger and make small circles, moving from the knuckle "
                    "outwards. Repeat for each web.</p>"
                ),
                "The small muscles between the finger bones are often overlooked.",
                "1 minute",
                "moderate",
            ),
            step(
                "Firm, slow circles on tight spots",
                (
                    "<p>Where the person points out a tight area, hold a firm circle there "
                    "for ten to fifteen seconds, then move on.</p>"
                ),
                (
                    "Some people find that sustained pressure on a tight spot leaves it "
                    "feeling looser; this has not been studied for hand massage specifically."
                ),
                "1 to 2 minutes",
                "firm",
            ),
        ),
        "cautions": FIRM_PRESSURE_CAUTIONS,
        "not_suitable_for": FIRM_PRESSURE_NOT_SUITABLE,
        "variations": variations(
            (
                "office-workers",
                "<p>Concentrate on the pad below the thumb and the web between thumb and "
                "index finger, which work hardest with a mouse.</p>",
            ),
            (
                "older-adults",
                "<p>Deep pressure is rarely needed. Use the gentler "
                + page_link("petrissage", "kneading")
                + " technique instead.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Going deep before the hand is warm",
            "Mistaking 'more pressure' for 'more benefit'",
        ),
        "faqs": faqs(
            (
                "Should a deep hand massage hurt?",
                "<p>No. It can feel intense in a tight spot, but it should never be sharp "
                "or make the person tense up. Ease off if it does.</p>",
            ),
            (
                "Is deeper pressure better for sore hands?",
                "<p>Not that anyone has shown. We know of no trial that compares deep "
                "and light hand massage. In one small trial, adults with hand pain who had a "
                "weekly hand massage and massaged their own hand daily reported less pain and "
                "had a stronger grip after four weeks [cite:field-2011-hand-pain], but that "
                "trial compared massage with usual care, not firm pressure with gentle. If "
                "firm pressure feels good, use it; if it does not, a lighter massage is a "
                "perfectly good choice.</p>",
            ),
        ),
    },
    audiences=["office-workers"],
)

DEEP_TISSUE_THUMB = technique_page(
    "deep-tissue-thumb-massage",
    "Deep-tissue thumb massage",
    (
        "Focused work with the thumbs on the thenar muscles at the base of the thumb and "
        "on the forearm. It suits people whose sport, job or hobby depends on a strong grip."
    ),
    HeroImage(
        "Deep-tissue thumb massage illustration",
        "A pale hand on a soft rose background with rings centred on the palm, "
        "suggesting focused thumb pressure.",
        "press",
        "rose",
    ),
    "The thenar muscles at the base of the thumb do much of the work of gripping.",
    48,
    {
        "preparation": (
            "<p>Warm the hand and forearm first with "
            + page_link("effleurage", "effleurage")
            + ". Rest the forearm on a firm cushion so that you can lean your weight in "
            "rather than squeezing with your thumb.</p>"
        ),
        "steps": technique_steps(
            step(
                "Strip along the base of the thumb",
                (
                    "<p>Place your thumb at the wrist end of the fleshy pad below the "
                    "person's thumb. Glide slowly and firmly towards the thumb joint, then "
                    "lift off and return. Repeat five or six times, shifting slightly each "
                    "time to cover the whole pad.</p>"
                ),
                "Works the thenar muscles, which tire with climbing, rowing and racket sports.",
                "1 to 2 minutes",
                "firm",
            ),
            step(
                "Release the forearm",
                (
                    "<p>With the palm facing up, press your thumb into the fleshy part of "
                    "the forearm just below the elbow and glide slowly towards the wrist. "
                    "Repeat along three lines.</p>"
                ),
                "The muscles that close the hand sit here, so tight forearms often mean a tight grip.",
                "1 to 2 minutes",
                "firm",
            ),
            step(
                "Finish lightly",
                ("<p>Close with a minute of light strokes over the hand and forearm.</p>"),
                "",
                "1 minute",
                "light",
            ),
        ),
        "cautions": FIRM_PRESSURE_CAUTIONS
        + (
            "<p>Keep off the inside of the wrist, where nerves and blood vessels lie close "
            "to the surface.</p>"
        ),
        "not_suitable_for": FIRM_PRESSURE_NOT_SUITABLE,
        "variations": variations(
            (
                "athletes",
                "<p>Use this after training rather than before; firm work straight before "
                "a hard session can leave the grip feeling weaker for a while.</p>",
            ),
            (
                "office-workers",
                "<p>Use moderate rather than firm pressure, and spend more time on the "
                "forearm than on the thumb.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Squeezing with the thumb instead of leaning body weight through it",
            "Working over the inside of the wrist",
            "Treating a fresh strain with deep pressure",
        ),
        "faqs": faqs(
            (
                "Will it make my grip stronger?",
                "<p>Possibly a little, if your grip is limited by pain or tightness. In a "
                "small trial, people with hand pain who had regular hand massage gained grip "
                "strength [cite:field-2011-hand-pain]. For a stronger grip in a healthy hand, "
                "grip-strengthening exercises are the more direct route.</p>",
            ),
            (
                "Can I do this on myself?",
                "<p>Yes. Rest your forearm on a table and use the thumb of the other hand, "
                "or a massage ball, for the forearm.</p>",
            ),
        ),
    },
    audiences=["athletes"],
)

ACUPRESSURE = technique_page(
    "acupressure-hand-massage",
    "Asian-style acupressure hand massage",
    (
        "A hand massage built on acupressure, the East Asian practice of pressing points "
        "believed to influence the flow of energy in the body. Here is how it is done and "
        "what is, and is not, known about it."
    ),
    HeroImage(
        "Acupressure hand massage illustration",
        "A pale hand on a clay-coloured background with small rings on the web of the "
        "thumb, the centre of the palm and the heel of the hand.",
        "acupressure",
        "clay",
    ),
    "Acupressure uses held pressure on points named in traditional East Asian medicine.",
    46,
    {
        "preparation": (
            "<p>Acupressure is often done without oil, so that the thumb does not slide off "
            "the point. Sit comfortably with the person's hand resting palm up on a "
            "cushion.</p>"
        ),
        "steps": technique_steps(
            step(
                "Press the web between thumb and index finger",
                (
                    "<p>Find the fleshy web between the thumb and index finger. Press with "
                    "your thumb on top and index finger underneath, hold for five to ten "
                    "seconds, and release. Repeat three times.</p>"
                ),
                (
                    "In traditional Chinese medicine this point is known as LI4 (Hegu) and "
                    "is believed to relieve headaches. This has not been confirmed by "
                    "good-quality trials."
                ),
                "1 minute",
                "firm",
            ),
            step(
                "Hold the centre of the palm",
                (
                    "<p>Press the hollow at the centre of the palm with your thumb, hold for "
                    "a slow count of five and release.</p>"
                ),
                ("Traditionally said to calm the mind; many people simply find it pleasant."),
                "1 minute",
                "moderate",
            ),
            step(
                "Work along the heel of the hand",
                (
                    "<p>Press a series of points along the crease where the palm meets the "
                    "wrist, from the little-finger side to the thumb side, without pressing "
                    "on the centre of the wrist.</p>"
                ),
                "",
                "1 minute",
                "moderate",
            ),
        ),
        "cautions": (
            "<p>Traditional practitioners advise against pressing the web between thumb and "
            "index finger during pregnancy. There is little evidence either way, so it is "
            "sensible to leave that point out if you are, or might be, pregnant. Press with "
            "the pad of the thumb, not the nail, and stop if anything feels sharp.</p>"
        ),
        "not_suitable_for": GENERAL_NOT_SUITABLE.replace(
            "</ul>", "<li>Pregnancy: leave out the point between thumb and index finger.</li></ul>"
        ),
        "variations": variations(
            (
                "stress-relief",
                "<p>Hold each point for a full slow breath in and out, with the room quiet "
                "and the lights low.</p>",
            ),
            (
                "older-adults",
                "<p>Use moderate pressure throughout and shorter holds of three to five "
                "seconds.</p>",
            ),
        ),
        "common_mistakes": mistakes(
            "Expecting a point to treat a medical condition",
            "Pressing with the nail",
        ),
        "faqs": faqs(
            (
                "Is acupressure the same as reflexology?",
                "<p>They are different traditions. Acupressure comes from Chinese medicine "
                "and its idea of energy channels; reflexology maps zones of the hands and "
                "feet to parts of the body. Neither idea has been confirmed by research, and "
                "a systematic review of reflexology trials found no convincing evidence that "
                "it treats any medical condition [cite:ernst-2009]. See "
                + page_link("hand-reflexology", "our reflexology article")
                + " for more.</p>",
            ),
        ),
    },
    audiences=["stress-relief"],
)

PAGES = [DEEP_HAND_MASSAGE, DEEP_TISSUE_THUMB, ACUPRESSURE]
