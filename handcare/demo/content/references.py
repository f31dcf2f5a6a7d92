"""The published sources the demo articles cite. Real works only; no placeholders.

field-2016 and embong-2015 survey the literature without a systematic search: narrative reviews.
"""

import datetime

# When an editor last checked that each DOI resolves.
ACCESSED = datetime.date(2026, 10, 1)

REFERENCES = [
    {
        "key": "field-2016",
        "kind": "narrative",
        "authors": "Field, T",
        "title": "Massage therapy research review",
        "publisher": "Complementary Therapies in Clinical Practice",
        "year": 2016,
        "volume": "24",
        "pages": "19-31",
        "doi": "10.1016/j.ctcp.2016.04.005",
    },
    {
        "key": "field-2011-hand-pain",
        "kind": "study",
        "authors": "Field, T; Diego, M; Delgado, J; Garcia, D; Funk, CG",
        "title": "Hand pain is reduced by massage therapy",
        "publisher": "Complementary Therapies in Clinical Practice",
        "year": 2011,
        "volume": "17",
        "issue": "4",
        "pages": "226-229",
        "doi": "10.1016/j.ctcp.2011.02.006",
    },
    {
        "key": "ernst-2009",
        "kind": "review",
        "authors": "Ernst, E",
        "title": (
            "Is reflexology an effective intervention? A systematic review of randomised "
            "controlled trials"
        ),
        "publisher": "Medical Journal of Australia",
        "year": 2009,
        "volume": "191",
        "issue": "5",
        "pages": "263-266",
        "doi": "10.5694/j.1326-5377.2009.tb02780.x",
    },
    {
        "key": "embong-2015",
        "kind": "narrative",
        "authors": "Embong, NH; Soh, YC; Ming, LC; Wong, TW",
        "title": "Revisiting reflexology: Concept, evidence, current practice, and practitioner training",
        "publisher": "Journal of Traditional and Complementary Medicine",
        "year": 2015,
        "volume": "5",
        "issue": "4",
        "pages": "197-206",
        "doi": "10.1016/j.jtcme.2015.08.008",
    },
    {
        "key": "oliveira-2012",
        "kind": "study",
        "authors": "Oliveira, DS; Hachul, H; Goto, V; Tufik, S; Bittencourt, LR",
        "title": (
            "Effect of therapeutic massage on insomnia and climacteric symptoms in "
            "postmenopausal women"
        ),
        "publisher": "Climacteric",
        "year": 2012,
        "volume": "15",
        "issue": "1",
        "pages": "21-29",
        "doi": "10.3109/13697137.2011.587557",
    },
    {
        "key": "lillehei-2014",
        "kind": "review",
        "authors": "Lillehei, AS; Halcon, LL",
        "title": "A systematic review of the effect of inhaled essential oils on sleep",
        "publisher": "Journal of Alternative and Complementary Medicine",
        "year": 2014,
        "volume": "20",
        "issue": "6",
        "pages": "441-451",
        "doi": "10.1089/acm.2013.0311",
    },
    {
        "key": "kolcaba-2006",
        "kind": "study",
        "authors": "Kolcaba, K; Schirm, V; Steiner, R",
        "title": "Effects of hand massage on comfort of nursing home residents",
        "publisher": "Geriatric Nursing",
        "year": 2006,
        "volume": "27",
        "issue": "2",
        "pages": "85-91",
        "doi": "10.1016/j.gerinurse.2006.02.006",
    },
]

for _reference in REFERENCES:
    _reference.setdefault("url", f"https://doi.org/{_reference['doi']}")
    _reference.setdefault("accessed", ACCESSED)
