"""Every assessment rule and its boundaries. Tests are named after the rule ids."""

import pytest

from painwise.clinical.assessment import RULES, IntakeError, assess, parse_intake

from .factories import intake

CES_ITEMS = [
    "saddle_numbness",
    "new_bladder_dysfunction",
    "bowel_incontinence_or_rectal_numbness",
    "new_sexual_dysfunction",
    "sciatica_both_legs",
]


def result(**overrides):
    return assess(intake(**overrides))


def rules_fired(res):
    return [r.rule for r in res.reasons]


# --- red flags -------------------------------------------------------------------------------


class TestSuspectedCaudaEquina:
    @pytest.mark.parametrize("item", CES_ITEMS)
    def test_any_item_is_an_emergency(self, item):
        res = result(red_flags={item: True})
        assert res.triage == "emergency"
        assert res.red_flags == ("suspected_cauda_equina",)
        assert res.program_allowed is False
        assert res.pain_type == "specific_suspected"
        assert "suspected_cauda_equina" in rules_fired(res)

    def test_no_item_no_flag(self):
        assert result().red_flags == ()


class TestProgressiveNeurologicalDeficit:
    @pytest.mark.parametrize("item", ["progressive_leg_weakness", "gait_disturbance"])
    def test_either_item_is_an_emergency(self, item):
        res = result(red_flags={item: True})
        assert res.triage == "emergency"
        assert res.red_flags == ("progressive_neurological_deficit",)


class TestSuspectedSpinalInfection:
    @pytest.mark.parametrize(
        "risk", ["iv_drug_use", "immunosuppression", "recent_infection_or_spinal_procedure"]
    )
    def test_fever_with_a_risk_factor_is_an_emergency(self, risk):
        res = result(red_flags={"fever_or_chills": True, risk: True})
        assert res.triage == "emergency"
        assert "suspected_spinal_infection" in res.red_flags
        # possible_infection only fires when the emergency rule did not.
        assert "possible_infection" not in res.red_flags

    def test_fever_alone_is_urgent_possible_infection(self):
        res = result(red_flags={"fever_or_chills": True})
        assert res.triage == "urgent"
        assert res.red_flags == ("possible_infection",)

    def test_a_recent_procedure_without_fever_is_no_flag(self):
        res = result(red_flags={"recent_infection_or_spinal_procedure": True})
        assert res.red_flags == ()
        assert res.triage == "self_management"


class TestSuspectedMetastaticCordCompression:
    @pytest.mark.parametrize(
        "extra",
        [
            {"leg_numbness_or_tingling": True},
            {"red_flags": {"history_of_cancer": True, "progressive_leg_weakness": True}},
            {"red_flags": {"history_of_cancer": True, "gait_disturbance": True}},
            {"red_flags": {"history_of_cancer": True, "saddle_numbness": True}},
            {"red_flags": {"history_of_cancer": True, "sciatica_both_legs": True}},
        ],
    )
    def test_cancer_with_neurology_is_an_emergency(self, extra):
        overrides = {"red_flags": {"history_of_cancer": True}}
        overrides.update(extra)
        res = result(**overrides)
        assert res.triage == "emergency"
        assert "suspected_metastatic_cord_compression" in res.red_flags
        # the urgent flag that also holds is listed too
        assert "possible_malignancy" in res.red_flags

    def test_cancer_alone_is_urgent(self):
        res = result(red_flags={"history_of_cancer": True})
        assert res.triage == "urgent"
        assert res.red_flags == ("possible_malignancy",)
        assert res.program_allowed is False

    def test_leg_numbness_without_cancer_is_only_radicular(self):
        res = result(leg_numbness_or_tingling=True)
        assert res.red_flags == ()
        assert res.triage == "review"


class TestPossibleMalignancy:
    def test_unexplained_weight_loss(self):
        assert result(red_flags={"unexplained_weight_loss": True}).red_flags == (
            "possible_malignancy",
        )

    @pytest.mark.parametrize(("age", "fires"), [(60, False), (61, True)])
    def test_first_episode_after_60(self, age, fires):
        res = result(age=age, first_episode=True)
        assert ("possible_malignancy" in res.red_flags) is fires
        assert res.triage == ("urgent" if fires else "self_management")

    def test_age_over_60_without_a_first_episode_is_no_flag(self):
        assert result(age=75, first_episode=False).red_flags == ()


class TestPossibleInfection:
    @pytest.mark.parametrize("item", ["fever_or_chills", "iv_drug_use", "immunosuppression"])
    def test_each_item_alone_is_urgent(self, item):
        res = result(red_flags={item: True})
        assert res.red_flags == ("possible_infection",)
        assert res.triage == "urgent"

    def test_immunosuppression_and_iv_use_without_fever_stay_urgent(self):
        res = result(red_flags={"iv_drug_use": True, "immunosuppression": True})
        assert res.red_flags == ("possible_infection",)


class TestPossibleFracture:
    @pytest.mark.parametrize("item", ["significant_trauma", "osteoporosis_or_long_term_steroids"])
    def test_each_item_is_urgent(self, item):
        res = result(red_flags={item: True})
        assert res.red_flags == ("possible_fracture",)
        assert res.triage == "urgent"
        assert res.pain_type == "specific_suspected"


class TestNonMechanicalPain:
    def test_constant_night_pain_is_urgent(self):
        res = result(red_flags={"constant_night_pain": True})
        assert res.red_flags == ("non_mechanical_pain",)
        assert res.triage == "urgent"


def test_red_flags_are_sorted_and_list_every_flag_that_fired():
    res = result(
        red_flags={
            "constant_night_pain": True,
            "significant_trauma": True,
            "saddle_numbness": True,
            "unexplained_weight_loss": True,
        }
    )
    assert res.red_flags == (
        "non_mechanical_pain",
        "possible_fracture",
        "possible_malignancy",
        "suspected_cauda_equina",
    )
    assert res.triage == "emergency"


# --- triage, pain type, chronicity -----------------------------------------------------------


class TestTriage:
    def test_triage_self_management(self):
        res = result()
        assert res.triage == "self_management"
        assert res.program_allowed is True
        assert "triage_self_management" in rules_fired(res)

    @pytest.mark.parametrize("field", ["leg_pain_below_knee", "leg_numbness_or_tingling"])
    def test_triage_review_for_radicular_symptoms(self, field):
        res = result(**{field: True})
        assert res.triage == "review"
        assert res.pain_type == "radicular"
        assert res.program_allowed is True
        assert {"triage_review", "radicular", "pain_type_radicular"} <= set(rules_fired(res))

    def test_triage_review_for_an_inflammatory_recommendation(self):
        res = result(inflammatory=inflammatory(3, onset=30))
        assert res.inflammatory.recommendation == "consider_hla_b27_test"
        assert res.triage == "review"
        assert res.pain_type == "nonspecific"

    def test_urgent_wins_over_review(self):
        res = result(leg_pain_below_knee=True, red_flags={"significant_trauma": True})
        assert res.triage == "urgent"
        assert res.pain_type == "specific_suspected"


class TestPainType:
    def test_refer_rheumatology_makes_pain_type_specific_without_red_flags(self):
        res = result(inflammatory=inflammatory(4, onset=30), leg_pain_below_knee=True)
        assert res.red_flags == ()
        assert res.triage == "review"
        assert res.pain_type == "specific_suspected"

    def test_nonspecific(self):
        assert result().pain_type == "nonspecific"
        assert "pain_type_nonspecific" in rules_fired(result())


class TestChronic:
    @pytest.mark.parametrize(
        ("weeks", "chronic"), [(0, False), (12, False), (12.5, True), (13, True)]
    )
    def test_chronic_means_more_than_12_weeks(self, weeks, chronic):
        assert result(pain_duration_weeks=weeks).chronic is chronic


# --- NICE NG65 -------------------------------------------------------------------------------

# The nine NICE NG65 features, written out here (not imported) so the test checks the code.
FEATURES = """onset_before_35 wakes_second_half_of_night buttock_pain better_with_movement
    better_within_48h_of_nsaids relative_with_spondyloarthritis arthritis enthesitis
    psoriasis""".split()


def inflammatory(count, onset):
    data = {name: i < count for i, name in enumerate(FEATURES)}
    data["back_pain_onset_age"] = onset
    return data


class TestInflammatory:
    @pytest.mark.parametrize(
        ("count", "expected"),
        [
            (0, "none"),
            (2, "none"),
            (3, "consider_hla_b27_test"),
            (4, "refer_rheumatology"),
            (9, "refer_rheumatology"),
        ],
    )
    def test_counts(self, count, expected):
        res = result(inflammatory=inflammatory(count, onset=30))
        assert res.inflammatory.count == count
        assert res.inflammatory.recommendation == expected

    @pytest.mark.parametrize(
        ("onset", "expected"), [(44, "refer_rheumatology"), (45, "none"), (None, "none")]
    )
    def test_onset_must_be_known_and_before_45(self, onset, expected):
        assert result(inflammatory=inflammatory(5, onset)).inflammatory.recommendation == expected

    @pytest.mark.parametrize(("weeks", "expected"), [(12, "none"), (13, "refer_rheumatology")])
    def test_pain_must_have_lasted_over_12_weeks(self, weeks, expected):
        res = result(pain_duration_weeks=weeks, inflammatory=inflammatory(5, 30))
        assert res.inflammatory.recommendation == expected

    def test_the_count_is_reported_even_without_a_recommendation(self):
        assert result(inflammatory=inflammatory(6, None)).inflammatory.count == 6


# --- STarT Back ------------------------------------------------------------------------------

PHYSICAL = [
    "leg_pain",
    "shoulder_or_neck_pain",
    "walked_only_short_distances",
    "dressed_more_slowly",
]
PSYCHOSOCIAL = [
    "unsafe_to_be_active",
    "worrying_thoughts",
    "feels_terrible_never_better",
    "not_enjoyed_things",
]


def startback(physical=0, psychosocial=0, bothersomeness=0):
    data = {name: i < physical for i, name in enumerate(PHYSICAL)}
    data.update({name: i < psychosocial for i, name in enumerate(PSYCHOSOCIAL)})
    data["bothersomeness"] = bothersomeness
    return data


class TestStartBack:
    @pytest.mark.parametrize(
        ("physical", "psycho", "bother", "total", "sub", "risk"),
        [
            (0, 0, 0, 0, 0, "low"),
            (3, 0, 0, 3, 0, "low"),
            (4, 0, 0, 4, 0, "medium"),
            (0, 3, 0, 3, 3, "low"),
            (1, 3, 0, 4, 3, "medium"),
            (0, 4, 0, 4, 4, "high"),
            (0, 3, 3, 4, 4, "high"),
            (4, 3, 2, 7, 3, "medium"),
            (4, 4, 4, 9, 5, "high"),
        ],
    )
    def test_scores_and_risk(self, physical, psycho, bother, total, sub, risk):
        res = result(startback=startback(physical, psycho, bother))
        assert (res.startback.total, res.startback.psychosocial, res.startback.risk) == (
            total,
            sub,
            risk,
        )
        assert f"startback_{risk}" in rules_fired(res)

    @pytest.mark.parametrize(("bother", "positive"), [(0, 0), (2, 0), (3, 1), (4, 1)])
    def test_bothersomeness_is_positive_at_3_and_4(self, bother, positive):
        res = result(startback=startback(bothersomeness=bother))
        assert res.startback.total == positive
        assert res.startback.psychosocial == positive

    def test_physical_items_do_not_count_towards_the_subscale(self):
        res = result(startback=startback(physical=4))
        assert res.startback.psychosocial == 0


# --- IASP nociplastic --------------------------------------------------------------------------


def noci(exam=None, weeks=26, distribution="regional", history=False, comorbidity=False):
    overrides = {
        "pain_duration_weeks": weeks,
        "pain_distribution": distribution,
        "sensitivity": {"pressure": history, "fatigue": comorbidity},
    }
    if exam is not None:
        overrides["clinical_exam"] = exam
    return result(**overrides).nociplastic


EXAM_YES = {"hypersensitivity_signs": True, "nociceptive_or_neuropathic_fully_explains": False}


class TestNociplastic:
    def test_without_exam_c1_and_c2_give_exam_needed_and_c3_c4_are_never_listed(self):
        res = noci(history=True, comorbidity=True)
        assert res.grade == "exam_needed"
        assert res.criteria_met == ("C1", "C2", "C5", "C6")

    @pytest.mark.parametrize(("weeks", "distribution"), [(12, "regional"), (26, "discrete")])
    def test_without_exam_missing_c1_or_c2_is_not_met(self, weeks, distribution):
        assert noci(weeks=weeks, distribution=distribution).grade == "not_met"

    @pytest.mark.parametrize("distribution", ["regional", "multifocal", "widespread"])
    def test_c2_holds_for_every_non_discrete_distribution(self, distribution):
        assert "C2" in noci(distribution=distribution).criteria_met

    def test_probable_needs_all_six(self):
        res = noci(EXAM_YES, history=True, comorbidity=True)
        assert res.grade == "probable"
        assert res.criteria_met == ("C1", "C2", "C3", "C4", "C5", "C6")

    @pytest.mark.parametrize(
        ("history", "comorbidity"), [(True, False), (False, True), (False, False)]
    )
    def test_possible_when_c1_to_c4_hold_but_not_c5_and_c6(self, history, comorbidity):
        assert noci(EXAM_YES, history=history, comorbidity=comorbidity).grade == "possible"

    def test_fully_explained_pain_is_not_met_even_with_everything_else(self):
        exam = {"hypersensitivity_signs": True, "nociceptive_or_neuropathic_fully_explains": True}
        res = noci(exam, history=True, comorbidity=True)
        assert res.grade == "not_met"
        assert res.criteria_met == ("C1", "C2", "C4", "C5", "C6")

    def test_no_signs_on_exam_is_not_met(self):
        exam = {"hypersensitivity_signs": False, "nociceptive_or_neuropathic_fully_explains": False}
        assert noci(exam, history=True, comorbidity=True).grade == "not_met"

    def test_an_empty_exam_counts_as_examined_with_every_boolean_false(self):
        res = noci({}, history=True, comorbidity=True)
        assert res.grade == "not_met"
        assert "C3" in res.criteria_met and "C4" not in res.criteria_met

    def test_with_exam_short_duration_is_not_met(self):
        assert noci(EXAM_YES, weeks=12, history=True, comorbidity=True).grade == "not_met"


# --- neuroplastic signs ------------------------------------------------------------------------


class TestNeuroplasticSigns:
    def test_true_answers_plus_derived_signs_sorted(self):
        res = result(
            neuroplastic_signs={"worse_with_stress": True, "began_during_stress": True},
            pain_regions=["lower_back", "neck", "head", "thigh_left"],
        )
        assert res.neuroplastic_signs.present == (
            "began_during_stress",
            "multiple_sites",
            "persists_beyond_healing",
            "worse_with_stress",
        )
        assert res.neuroplastic_signs.count == 4

    @pytest.mark.parametrize(("regions", "multiple"), [(3, False), (4, True)])
    def test_multiple_sites_from_four_regions(self, regions, multiple):
        names = ["lower_back", "neck", "head", "chest", "abdomen"][:regions]
        res = result(pain_regions=names, pain_duration_weeks=4)
        assert ("multiple_sites" in res.neuroplastic_signs.present) is multiple

    def test_a_region_tapped_twice_counts_once(self):
        res = result(pain_regions=["neck", "neck", "head", "lower_back"])
        assert "multiple_sites" not in res.neuroplastic_signs.present

    def test_persists_beyond_healing_follows_chronicity(self):
        assert result(pain_duration_weeks=12).neuroplastic_signs.count == 0
        assert result(pain_duration_weeks=13).neuroplastic_signs.present == (
            "persists_beyond_healing",
        )


# --- mood ---------------------------------------------------------------------------------------


def phq9(total, item9=0):
    items, rest = [0] * 9, total - item9
    items[8] = item9
    for i in range(8):
        items[i] = min(3, rest)
        rest -= items[i]
    assert rest == 0
    return items


def gad7(total):
    items, rest = [0] * 7, total
    for i in range(7):
        items[i] = min(3, rest)
        rest -= items[i]
    return items


class TestMood:
    PHQ9 = {0: "minimal", 4: "minimal", 5: "mild", 9: "mild", 10: "moderate", 14: "moderate"}
    PHQ9 |= {15: "moderately_severe", 19: "moderately_severe", 20: "severe", 24: "severe"}
    GAD7 = {0: "minimal", 4: "minimal", 5: "mild", 9: "mild", 10: "moderate", 14: "moderate"}
    GAD7 |= {15: "severe", 21: "severe"}

    @pytest.mark.parametrize(("total", "band"), PHQ9.items())
    def test_phq9_bands(self, total, band):
        res = result(phq9=phq9(total))
        assert (res.mood.phq9_total, res.mood.phq9_band) == (total, band)

    def test_phq9_top_score(self):
        assert result(phq9=[3] * 9).mood.phq9_band == "severe"

    @pytest.mark.parametrize(("total", "band"), GAD7.items())
    def test_gad7_bands(self, total, band):
        res = result(gad7=gad7(total))
        assert (res.mood.gad7_total, res.mood.gad7_band) == (total, band)

    @pytest.mark.parametrize(("item9", "alert"), [(0, False), (1, True), (3, True)])
    def test_phq9_item9_safety_alert(self, item9, alert):
        res = result(phq9=phq9(item9, item9=item9))
        assert res.mood.safety_alert is alert
        assert ("phq9_item9_safety_alert" in rules_fired(res)) is alert

    def test_safety_alert_fires_whatever_the_total_and_does_not_change_triage(self):
        res = result(phq9=[0, 0, 0, 0, 0, 0, 0, 0, 1])
        assert res.mood.phq9_band == "minimal"
        assert res.mood.safety_alert is True
        assert res.triage == "self_management"

    def test_no_questionnaires_no_scores(self):
        mood = result().mood
        assert (mood.phq9_total, mood.phq9_band, mood.gad7_total, mood.gad7_band) == (None,) * 4
        assert mood.safety_alert is False


# --- output ------------------------------------------------------------------------------------


def test_the_output_has_exactly_the_documented_shape():
    out = result().to_dict()
    assert set(out) == {
        "triage",
        "red_flags",
        "pain_type",
        "chronic",
        "startback",
        "inflammatory",
        "nociplastic",
        "neuroplastic_signs",
        "mood",
        "program_allowed",
        "reasons",
    }
    assert set(out["startback"]) == {"total", "psychosocial", "risk"}
    assert set(out["inflammatory"]) == {"count", "recommendation"}
    assert set(out["nociplastic"]) == {"grade", "criteria_met"}
    assert set(out["neuroplastic_signs"]) == {"count", "present"}
    assert set(out["mood"]) == {
        "phq9_total",
        "phq9_band",
        "gad7_total",
        "gad7_band",
        "safety_alert",
    }
    assert all(set(r) == {"rule", "text", "params"} for r in out["reasons"])


def test_every_reason_names_a_registered_rule_in_one_sentence():
    res = result(
        red_flags={"saddle_numbness": True, "history_of_cancer": True},
        phq9=[1] * 9,
        gad7=[1] * 7,
        leg_pain_below_knee=True,
    )
    for reason in res.reasons:
        assert reason.rule in RULES
        assert reason.text.endswith(".")
        assert reason.text.count(". ") == 0, reason.text


# --- validation --------------------------------------------------------------------------------


def problems(data):
    with pytest.raises(IntakeError) as exc:
        parse_intake(data)
    return {p.field: p.message for p in exc.value.problems}


class TestValidation:
    def test_under_18_is_rejected_as_not_for_children(self):
        assert "Painwise is for adults" in problems(intake(age=17))["age"]

    @pytest.mark.parametrize("age", [18, 120])
    def test_age_bounds_are_inclusive(self, age):
        assert parse_intake(intake(age=age)).age == age

    def test_age_over_120_is_rejected(self):
        assert "age" in problems(intake(age=121))

    def test_unknown_keys_are_errors_at_every_level(self):
        found = problems(intake(colour="blue", red_flags={"headache": True}))
        assert found == {
            "colour": "is not a known field",
            "red_flags.headache": "is not a known field",
        }

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"pain_now": 11}, "pain_now"),
            ({"pain_now": -1}, "pain_now"),
            ({"pain_now": 5.5}, "pain_now"),
            ({"pain_now": "5"}, "pain_now"),
            ({"pain_now": True}, "pain_now"),
            ({"pain_duration_weeks": -0.5}, "pain_duration_weeks"),
            ({"pain_duration_weeks": "ten"}, "pain_duration_weeks"),
            ({"first_episode": 1}, "first_episode"),
            ({"first_episode": "yes"}, "first_episode"),
            ({"pain_regions": ["lower_back", "tail"]}, "pain_regions[1]"),
            ({"pain_distribution": "everywhere"}, "pain_distribution"),
            ({"startback": {"bothersomeness": 5}}, "startback.bothersomeness"),
            ({"phq9": [1] * 8}, "phq9"),
            ({"phq9": [1] * 8 + [4]}, "phq9[8]"),
            ({"gad7": [0] * 8}, "gad7"),
            ({"inflammatory": {"back_pain_onset_age": "30"}}, "inflammatory.back_pain_onset_age"),
            (
                {"clinical_exam": {"hypersensitivity_signs": "true"}},
                "clinical_exam.hypersensitivity_signs",
            ),
        ],
    )
    def test_bad_values_name_their_field(self, overrides, field):
        assert field in problems(intake(**overrides))

    @pytest.mark.parametrize(
        "field",
        [
            "age",
            "pain_duration_weeks",
            "pain_distribution",
            "pain_now",
            "pain_average_week",
            "pain_worst_week",
        ],
    )
    def test_required_fields(self, field):
        data = intake()
        del data[field]
        assert problems(data)[field] == "is required"

    def test_booleans_default_to_false(self):
        minimal = {k: v for k, v in intake().items() if not isinstance(v, bool)}
        res = assess(minimal)
        assert res.red_flags == ()
        assert res.startback.total == 0

    def test_a_non_object_is_rejected(self):
        with pytest.raises(IntakeError):
            parse_intake([1, 2])


def test_a_whole_number_written_as_5_point_0_is_the_integer_5():
    # JSON has one number type and JSON Schema counts 5.0 as an integer.
    assert parse_intake(intake(pain_now=5.0, age=45.0)).pain_now == 5
