"""Lessons as content, their order for a person, and the practice summaries, at their edges."""

from dataclasses import replace

import pytest

from painwise.clinical.learn.lessons import (
    Lesson,
    LessonError,
    check_library,
    parse_lesson,
    score,
)
from painwise.clinical.learn.order import lesson_order, needs_from_plan, next_lesson
from painwise.clinical.learn.practice import (
    PracticeSettings,
    next_step,
    prediction_gap,
    somatic_summary,
    step_state,
)

REFS = {"ref-a": "A source", "ref-b": "Another"}
GOOD = """+++
id = "alarm"
title = "Pain is an alarm"
minutes = 4
order = 2
early_for = ["fear"]
summary = "One line."
picture = "alarm.svg"
picture_alt = "An alarm."
references = ["ref-a"]

[[questions]]
prompt = "Q1?"
choices = [
  { text = "Yes", correct = true, explain = "Because." },
  { text = "No", correct = false, explain = "Because not." },
]

[[questions]]
prompt = "Q2?"
choices = [
  { text = "A", correct = false, explain = "No." },
  { text = "B", correct = true, explain = "Yes." },
  { text = "C", correct = false, explain = "No." },
]
+++
Some **text**.
"""


def lesson(id_, order, early=()):
    parsed = parse_lesson(GOOD, "x.md", REFS)
    return replace(parsed, id=id_, order=order, early_for=tuple(early))


class TestParse:
    def test_a_good_lesson_parses_with_its_questions(self):
        parsed = parse_lesson(GOOD, "alarm.md", REFS)
        assert parsed.id == "alarm" and parsed.minutes == 4 and parsed.early_for == ("fear",)
        assert [len(q.choices) for q in parsed.questions] == [2, 3]
        assert parsed.body == "Some **text**."
        assert score(parsed, [0, 1]) == [True, True] and score(parsed, [1, 0]) == [False, False]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (('title = "Pain is an alarm"\n', ""), "missing title"),
            (('references = ["ref-a"]', 'references = ["nowhere"]'), "unknown references nowhere"),
            (('references = ["ref-a"]', "references = []"), "at least one reference"),
            (("minutes = 4", "minutes = 6"), "minutes must be 3 to 5"),
            (("minutes = 4", "minutes = 2"), "minutes must be 3 to 5"),
            (("minutes = 4", 'minutes = "4"'), "minutes must be a whole number"),
            (('early_for = ["fear"]', 'early_for = ["hunger"]'), "unknown needs hunger"),
            (
                ('correct = false, explain = "Because not."', 'correct = true, explain = "x"'),
                "exactly one right answer",
            ),
            (('explain = "Because."', 'explain = ""'), "needs text and an explanation"),
            (("Some **text**.\n", ""), "has no text"),
            (("+++\nSome", "Some"), "no closing \\+\\+\\+"),
            (('id = "alarm"', "id = alarm"), "not valid TOML"),
        ],
    )
    def test_a_broken_lesson_names_the_file_and_the_problem(self, change, message):
        old, new = change
        assert old in GOOD
        with pytest.raises(LessonError, match=message) as caught:
            parse_lesson(GOOD.replace(old, new, 1), "broken.md", REFS)
        assert str(caught.value).startswith("broken.md")

    def test_a_third_question_is_refused(self):
        third = GOOD.replace("+++\nSome", '[[questions]]\nprompt = "Q3?"\nchoices = []\n+++\nSome')
        with pytest.raises(LessonError, match="exactly 2 questions"):
            parse_lesson(third, "three.md", REFS)

    def test_a_file_without_front_matter_is_refused(self):
        with pytest.raises(LessonError, match="must start with a \\+\\+\\+ line"):
            parse_lesson("# Just text", "plain.md", REFS)

    def test_the_library_needs_unique_ids_and_places(self):
        check_library([lesson("a", 1), lesson("b", 2)])
        with pytest.raises(LessonError, match="two lessons have the id a"):
            check_library([lesson("a", 1), lesson("a", 2)])
        with pytest.raises(LessonError, match="share order 1"):
            check_library([lesson("a", 1), lesson("b", 1)])


class TestOrder:
    LESSONS = [
        lesson("opening", 1, ["fear"]),
        lesson("alarm", 2),
        lesson("hurt-not-harm", 3, ["fear"]),
        lesson("scans", 4, ["fear", "nerve"]),
        lesson("volume", 6, ["sleep", "stress"]),
        lesson("sleep", 13, ["sleep"]),
        lesson("medicines", 14, ["nerve"]),
    ]

    def ids(self, needs):
        return [x.id for x, _r in lesson_order(self.LESSONS, needs)]

    def test_without_needs_the_usual_order(self):
        assert self.ids([]) == [
            "opening",
            "alarm",
            "hurt-not-harm",
            "scans",
            "volume",
            "sleep",
            "medicines",
        ]

    def test_fear_brings_its_lessons_right_after_the_opening_one(self):
        assert self.ids(["fear"])[:3] == ["opening", "hurt-not-harm", "scans"]

    def test_poor_sleep_brings_the_sleep_lessons_forward(self):
        assert self.ids(["sleep"])[:3] == ["opening", "volume", "sleep"]

    def test_needs_come_in_their_own_order_and_a_lesson_comes_once(self):
        order = self.ids(["fear", "nerve", "sleep"])
        assert order[:6] == ["opening", "hurt-not-harm", "scans", "medicines", "volume", "sleep"]
        assert sorted(order) == sorted(x.id for x in self.LESSONS)

    def test_a_lesson_brought_forward_says_why(self):
        ordered = lesson_order(self.LESSONS, ["fear"])
        assert ordered[0][1] is None
        reason = ordered[1][1]
        assert reason.rule == "lesson_early_fear" and "worry about moving" in reason.text

    def test_the_plan_decides_the_needs(self):
        assert needs_from_plan(["education", "graded_activity"]) == []
        assert needs_from_plan(["graded_exposure", "sleep", "cbt"]) == ["fear", "sleep", "mood"]
        assert needs_from_plan(["mindfulness", "discuss_with_clinician"]) == ["nerve", "stress"]

    def test_the_next_lesson_is_the_first_unfinished_in_the_persons_order(self):
        ordered = [x for x, _r in lesson_order(self.LESSONS, ["sleep"])]
        assert next_lesson(ordered, []).id == "opening"
        assert next_lesson(ordered, ["opening"]).id == "volume"
        assert next_lesson(ordered, [x.id for x in self.LESSONS]) is None


class TestSomaticSummary:
    def test_no_sessions_no_sentence(self):
        assert somatic_summary([]) is None

    def test_one_session(self):
        assert (
            somatic_summary([(6, 4)]).text
            == "In your first session your pain was lower afterwards."
        )
        assert "not lower" in somatic_summary([(6, 6)]).text

    def test_the_same_pain_is_not_counted_as_lower(self):
        reason = somatic_summary([(5, 4), (5, 5), (5, 3)])
        assert reason.text == "In 2 of your last 3 sessions your pain was lower afterwards."

    def test_higher_sessions_are_said_too(self):
        reason = somatic_summary([(5, 4), (5, 6), (5, 3), (4, 4)])
        assert reason.text == (
            "In 2 of your last 4 sessions your pain was lower afterwards, and in 1 it was higher."
        )

    def test_only_the_last_sessions_of_the_window_count(self):
        pairs = [(9, 1)] + [(5, 4)] * 9 + [(5, 5)] * 3  # 13 sessions; window 12
        reason = somatic_summary(pairs)
        assert reason.params == {"lower": 9, "n": 12, "higher": 0}
        assert somatic_summary(pairs, PracticeSettings(somatic_window=13)).params["lower"] == 10


class TestLadder:
    def test_a_step_is_climbed_below_the_fear_setting(self):
        settings = PracticeSettings(exposure_fear_to_move_on=30)
        assert step_state([], settings) == "not_tried"
        assert step_state([29], settings) == "climbed"
        assert step_state([30], settings) == "practising"
        assert step_state([10, 45], settings) == "practising"  # the last try counts

    def test_the_next_step_is_the_lowest_not_climbed(self):
        assert next_step([(1, "climbed"), (2, "practising"), (3, "not_tried")]) == 2
        assert next_step([(1, "climbed"), (2, "not_tried")]) == 2
        assert next_step([(1, "climbed")]) is None
        assert next_step([]) is None

    @pytest.mark.parametrize(
        ("predicted", "actual", "words"),
        [
            (8, 3, "5 points less than you feared"),
            (4, 4, "as you thought"),
            (2, 5, "smaller version"),
        ],
    )
    def test_the_gap_between_guess_and_outcome(self, predicted, actual, words):
        reason = prediction_gap(predicted, actual)
        assert reason.rule == "exposure_prediction" and words in reason.text
        assert reason.params["gap"] == abs(predicted - actual)


def test_lesson_words_count_the_text():
    assert isinstance(parse_lesson(GOOD, "x.md", REFS), Lesson)
    assert parse_lesson(GOOD, "x.md", REFS).words == 2
