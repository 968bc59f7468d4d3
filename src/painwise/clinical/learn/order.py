"""The order of the lessons for one person, decided by their plan.

Every lesson has a place in the usual order. A lesson marked for a need the plan found (fear of
moving, low mood, poor sleep, stress, a nerve involved) comes forward, right after the opening
lesson, with the reason; the rest keep their usual order.
"""

from collections.abc import Iterable, Sequence

from painwise.clinical.common import Reason, RuleBook
from painwise.clinical.common import gettext_noop as _
from painwise.clinical.learn.lessons import Lesson

RULES = RuleBook(
    """
lesson_order
    source: clinical-facts 5 (Ashar 2022: education about the brain's role and its reversibility comes first); 13 (ACP 2017)
    summary: Lessons follow their usual order; the opening lesson is always first.

lesson_early_fear
    source: clinical-facts 5 (reappraisal of fear); 7 (graded exposure for high pain-related fear)
    summary: A plan with pain reprocessing or graded exposure (fear of moving) brings the lessons marked for fear forward.

lesson_early_nerve
    source: clinical-facts 2.2 (radicular pain, ACP/APS 2007)
    summary: A plan with a discuss-with-your-clinician step (leg pain from a nerve) brings the lessons marked for nerves forward.

lesson_early_sleep
    source: clinical-facts 12 (sleep and pain: Finan 2013)
    summary: A plan with the sleep module brings the lessons marked for sleep forward.

lesson_early_mood
    source: clinical-facts 13 (ACP 2017: CBT); 3 (psychologically informed care)
    summary: A plan with CBT (low mood or catastrophizing) brings the lessons marked for mood forward.

lesson_early_stress
    source: clinical-facts 10 (stress and neuroplastic pain); 13 (MBSR, Cherkin 2016)
    summary: A plan with mindfulness (stress-linked pain) brings the lessons marked for stress forward.
"""
)
ORDER = RULES.id("lesson_order")
# The needs in the order they come forward, the plan modules that show each, and why.
EARLY = {
    "fear": (
        RULES.id("lesson_early_fear"),
        ("pain_reprocessing", "graded_exposure"),
        _("it speaks to worry about moving"),
    ),
    "nerve": (
        RULES.id("lesson_early_nerve"),
        ("discuss_with_clinician",),
        _("it speaks to pain going down the leg"),
    ),
    "sleep": (RULES.id("lesson_early_sleep"), ("sleep",), _("it speaks to sleep")),
    "mood": (RULES.id("lesson_early_mood"), ("cbt",), _("it speaks to low mood")),
    "stress": (RULES.id("lesson_early_stress"), ("mindfulness",), _("it speaks to stress")),
}


def needs_from_plan(module_keys: Iterable[str]) -> list[str]:
    """The needs a plan shows, in the order their lessons come forward."""
    keys = set(module_keys)
    return [need for need, (_rule, modules, _why) in EARLY.items() if keys & set(modules)]


def lesson_order(
    lessons: Sequence[Lesson], needs: Sequence[str]
) -> list[tuple[Lesson, Reason | None]]:
    """The lessons in this person's order; a lesson brought forward carries its reason."""
    usual = sorted(lessons, key=lambda lesson: lesson.order)
    if not usual:
        return []
    opening, rest = usual[0], usual[1:]
    early: list[tuple[Lesson, Reason | None]] = []
    for need in needs:
        rule, _modules, why = EARLY[need]
        for lesson in rest:
            if need in lesson.early_for and all(lesson is not e for e, _r in early):
                early.append(
                    (
                        lesson,
                        Reason(rule, _("Suggested early for you, because {why}."), {"why": why}),
                    )
                )
    brought = {lesson.id for lesson, _r in early}
    return [(opening, None), *early, *[(x, None) for x in rest if x.id not in brought]]


def next_lesson(ordered: Sequence[Lesson], finished: Iterable[str]) -> Lesson | None:
    """The first lesson in this person's order not yet finished."""
    done = set(finished)
    return next((lesson for lesson in ordered if lesson.id not in done), None)
