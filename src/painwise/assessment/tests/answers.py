"""Answers for walking the web intake in tests, page by page."""

from django.urls import reverse

NO_NERVES = {
    f: "no"
    for f in [
        "red_flags__saddle_numbness",
        "red_flags__new_bladder_dysfunction",
        "red_flags__bowel_incontinence_or_rectal_numbness",
        "red_flags__new_sexual_dysfunction",
        "red_flags__sciatica_both_legs",
        "red_flags__progressive_leg_weakness",
        "red_flags__gait_disturbance",
        "leg_pain_below_knee",
        "leg_numbness_or_tingling",
        "red_flags__history_of_cancer",
    ]
}
NO_OTHER = {
    f: "no"
    for f in [
        "red_flags__fever_or_chills",
        "red_flags__iv_drug_use",
        "red_flags__immunosuppression",
        "red_flags__recent_infection_or_spinal_procedure",
        "red_flags__unexplained_weight_loss",
        "red_flags__constant_night_pain",
        "red_flags__significant_trauma",
        "red_flags__osteoporosis_or_long_term_steroids",
    ]
}
ABOUT = {"age": "44", "duration_amount": "20", "duration_unit": "weeks", "first_episode": "no"}
PAIN = {
    "pain_regions": ["lower_back", "neck"],
    "pain_distribution": "multifocal",
    "pain_now": "3",
    "pain_average_week": "4",
    "pain_worst_week": "6",
}
STARTBACK = {
    **{
        f"startback__{f}": "agree"
        for f in [
            "leg_pain",
            "unsafe_to_be_active",
            "worrying_thoughts",
            "feels_terrible_never_better",
        ]
    },
    **{
        f"startback__{f}": "disagree"
        for f in [
            "shoulder_or_neck_pain",
            "walked_only_short_distances",
            "dressed_more_slowly",
            "not_enjoyed_things",
        ]
    },
    "startback__bothersomeness": "3",
}
MOOD = {f"phq9__{i}": "1" for i in range(8)} | {"phq9__8": "0"}
WORRY = {f"gad7__{i}": "0" for i in range(7)}


# The pages in order, each with plain answers (FIRST_PAGES: up to the questionnaires).
FIRST_PAGES = [
    ("about", ABOUT),
    ("warning-nerves", NO_NERVES),
    ("warning-legs", NO_NERVES),
    ("warning-other", NO_OTHER),
    ("pain", PAIN),
    ("pain-level", PAIN),
]
LATER_PAGES = [
    ("inflammatory", {}),
    ("startback", STARTBACK),
    ("sensitivity", {}),
    ("pattern", {}),
    ("mood", MOOD),
    ("worry", WORRY),
]
ALL_PAGES = FIRST_PAGES + LATER_PAGES


def pages_between(first, last):
    """The pages from ``first`` to ``last`` (slugs), both included."""
    slugs = [slug for slug, _data in ALL_PAGES]
    return ALL_PAGES[slugs.index(first) : slugs.index(last) + 1]


def step(client, slug, data):
    return client.post(reverse("assessment:step", args=[slug]), data)


def answer_pages(client, pages):
    for slug, data in pages:
        step(client, slug, data)
