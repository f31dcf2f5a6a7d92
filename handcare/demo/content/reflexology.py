"""Hand reflexology: the traditional point map and an article that states the evidence plainly."""

from .build import HeroImage, heading, page_link, paragraph

POINTS = [
    {
        "name": "Thumb pad",
        "hand_zone": "The soft pad at the tip of the thumb, on the palm side",
        "body_area": "Brain and sinuses",
        "how_to_press": (
            "Support the thumb from behind with your fingers. Press the pad with your own "
            "thumb and make small, slow circles with firm but comfortable pressure for "
            "about 30 seconds."
        ),
        "evidence": "traditional",
        "evidence_note": (
            "Reflexology charts link the thumb pad with the head and sinuses, and some "
            "practitioners say pressing it clears the head. No trial has tested that link on "
            "its own, and reviews of reflexology trials have found no convincing effect on "
            "any medical condition [cite:ernst-2009]."
        ),
    },
    {
        "name": "Centre of the palm",
        "hand_zone": "The hollow in the middle of the palm",
        "body_area": "Digestive system",
        "how_to_press": (
            "Press the hollow with the pad of your thumb or the flat of a knuckle and make "
            "small circles for 30 to 60 seconds, easing off if it feels sharp."
        ),
        "evidence": "traditional",
        "evidence_note": (
            "Traditionally said to correspond to the stomach and digestion. There is no "
            "reliable evidence that pressing the palm affects digestion [cite:ernst-2009]."
        ),
    },
    {
        "name": "Base of the fingers",
        "hand_zone": "The padded ridge where each finger joins the palm",
        "body_area": "Head and neck",
        "how_to_press": (
            "Work along the ridge from the index finger to the little finger, pressing "
            "each spot with small thumb circles for about ten seconds."
        ),
        "evidence": "traditional",
        "evidence_note": (
            "Practitioners associate this ridge with the head and neck and often use it for "
            "tension headaches. The link is a traditional belief; reviews have not found "
            "reflexology to be an effective treatment for any medical condition "
            "[cite:ernst-2009]."
        ),
    },
    {
        "name": "Outer edge of the hand",
        "hand_zone": "The edge of the hand on the thumb side, from the wrist to the thumb joint",
        "body_area": "Spine",
        "how_to_press": (
            "Walk your thumb in small steps along the edge from the wrist to the base of the "
            "thumb, pressing gently at each step, three times over."
        ),
        "evidence": "traditional",
        "evidence_note": (
            "Reflexology maps trace the spine along this edge of the hand, and some people "
            "use it for back pain. That correspondence has not been demonstrated, and "
            "systematic reviews have found no specific effect of reflexology on any "
            "condition [cite:embong-2015]."
        ),
    },
]

POINT_ORDER = [point["name"] for point in POINTS]

MAP_IMAGE = HeroImage(
    "Hand reflexology zones illustration",
    "A pale open hand on a sand-coloured background with coloured circles on the thumb "
    "pad, the centre of the palm, the base of each finger and the outer edge of the hand.",
    "zones",
    "sand",
)

PAGE = {
    "model": "reflexology",
    "section": "reflexology",
    "slug": "hand-reflexology",
    "title": "Hand reflexology: the traditional map and what the evidence shows",
    "summary": (
        "Reflexology holds that points on the hand correspond to other parts of the body. "
        "Here is the traditional map, how the points are pressed, and what trials have "
        "found."
    ),
    "hero": MAP_IMAGE,
    "hero_caption": "The four zones of the traditional hand map. The colours are for illustration only.",
    "author": "Eleanor Hartley",
    "reviewer": "Rachel Whitcombe",
    "reviewed_days_ago": 340,
    "audiences": ["stress-relief"],
    "points": POINT_ORDER,
    "fields": {
        # The top of the page teaches how to press; the map itself is shown once, with the points.
        "diagram": "thumb-walking",
        "body": [
            paragraph(
                "<p>Reflexology is a practice in which pressure is applied to points on the "
                "hands or feet. Practitioners believe that each point corresponds to an "
                "organ or another part of the body, and that pressing it can influence that "
                "area. Many people find a reflexology session relaxing. Whether it does "
                "anything more has been studied, and the results are set out below.</p>"
            ),
            heading("Where the idea comes from"),
            paragraph(
                "<p>Modern reflexology grew out of 'zone therapy', described in the early "
                "twentieth century, which divided the body into zones said to run from the "
                "head to the hands and feet. Practitioners work from maps of the hands and "
                "feet that assign each area to an organ or body part; a 2015 review sets "
                "out these maps and the thinking behind them [cite:embong-2015].</p>"
            ),
            heading("Using reflexology safely"),
            paragraph(
                "<p>Pressing the hands firmly but comfortably is low-risk for most people. "
                "The main risk is relying on it instead of getting a symptom checked. Do not "
                "use reflexology in place of medical care, and be wary of any practitioner "
                "who says they can detect or treat illness through the hands. If you enjoy "
                "the pressure, "
                + page_link("thumb-pressing", "thumb pressing")
                + " uses the same movement as part of an ordinary hand massage.</p>"
            ),
        ],
        "method": (
            "<p>Use the pad of your thumb or the flat of a bent knuckle. Press firmly but "
            "comfortably and move in small, slow circles, holding each point for between "
            "ten seconds and a minute. Keep your nails short, support the hand from behind, "
            "and ease off at once if anything feels sharp or causes tingling.</p>"
        ),
        "evidence_summary": (
            "<p>A systematic review of randomised controlled trials concluded that the best "
            "available evidence does not show reflexology to be an effective treatment for "
            "any medical condition [cite:ernst-2009]. A later review of reflexology's "
            "concepts and practice came to the same view of the systematic reviews: none "
            "had shown a specific effect for any condition. It noted that reflexology is "
            "popular and that reports of benefit are largely anecdotal, and it stressed the "
            "need for properly trained practitioners [cite:embong-2015].</p>"
            "<p>In short: reflexology may be a pleasant way to relax, but the idea that "
            "points on the hand are linked to particular organs is a traditional belief. "
            "The evidence for every point on our map is therefore rated "
            "<b>traditional belief</b>.</p>"
        ),
    },
}
