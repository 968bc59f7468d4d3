"""Every lesson in the repository loads, has its check and its sources, reads at about 8th
grade or easier, and takes the minutes it says; a broken lesson stops the start."""

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import textstat
from django.core.exceptions import ImproperlyConfigured

from painwise.learn import content

MAX_GRADE = 8.0  # Flesch-Kincaid grade: "about 8th grade or easier"
WORDS_PER_MINUTE = (100, 180)
LIBRARY = content.load(
    content.CONTENT / "en", content.read_references(content.CONTENT / "references.toml")
)


def plain(markdown: str) -> str:
    """The lesson's words as a reader meets them: no Markdown marks, table rows as sentences."""
    text = re.sub(r"^\|[-| ]+\|$", "", markdown, flags=re.M)
    text = re.sub(r"[*#|]", " ", text)
    return text


def test_there_are_at_least_14_lessons_each_with_a_place():
    assert len(LIBRARY.lessons) >= 14
    assert [lesson.order for lesson in LIBRARY.lessons] == sorted(x.order for x in LIBRARY.lessons)


@pytest.mark.parametrize("lesson", LIBRARY.lessons, ids=lambda lesson: lesson.id)
class TestEveryLesson:
    def test_reads_at_about_8th_grade_or_easier(self, lesson):
        grade = textstat.flesch_kincaid_grade(plain(lesson.body))
        assert grade <= MAX_GRADE, f"{lesson.id} reads at grade {grade:.1f}"

    def test_takes_the_minutes_it_says(self, lesson):
        per_minute = lesson.words / lesson.minutes
        assert WORDS_PER_MINUTE[0] <= per_minute <= WORDS_PER_MINUTE[1], (lesson.id, per_minute)

    def test_has_two_questions_sources_and_an_accessible_picture(self, lesson):
        assert len(lesson.questions) == 2
        assert all(sum(c.correct for c in q.choices) == 1 for q in lesson.questions)
        assert lesson.references and all(LIBRARY.references[r] for r in lesson.references)
        svg = ET.parse(content.PICTURES / lesson.picture).getroot()  # noqa: S314 - our own file
        assert svg.tag.endswith("svg") and svg.find("{http://www.w3.org/2000/svg}title") is not None
        assert len(lesson.picture_alt) >= 30

    def test_renders_without_raw_html(self, lesson):
        html = LIBRARY.html[lesson.id]
        assert "<p>" in html and "<script" not in html


def test_every_picture_and_reference_is_used():
    pictures = {p.name for p in content.PICTURES.glob("*.svg")}
    assert pictures == {lesson.picture for lesson in LIBRARY.lessons}
    used = {r for lesson in LIBRARY.lessons for r in lesson.references}
    assert used == set(LIBRARY.references)


def test_the_lesson_that_teaches_hurt_is_not_harm_is_marked_for_fear():
    fear = [lesson.id for lesson in LIBRARY.lessons if "fear" in lesson.early_for]
    sleep = [lesson.id for lesson in LIBRARY.lessons if "sleep" in lesson.early_for]
    assert "hurt-is-not-harm" in fear and "sleep-food-and-recovery" in sleep


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda folder: (folder / "02-the-alarm-system.md").write_text("no front matter"),
            "02-the-alarm-system.md",
        ),
        (
            lambda folder: (folder / "03-hurt-is-not-harm.md").write_text(
                (folder / "03-hurt-is-not-harm.md")
                .read_text()
                .replace('"woolf-2010", ', '"nobody-2099", ')
            ),
            "unknown references nobody-2099",
        ),
        (
            lambda folder: (folder / "04-what-scans-show.md").write_text(
                (folder / "04-what-scans-show.md")
                .read_text()
                .replace("scans-by-age.svg", "missing.svg")
            ),
            "the picture missing.svg does not exist",
        ),
    ],
)
def test_a_broken_lesson_stops_the_start_with_its_name(tmp_path, damage, message):
    folder = tmp_path / "en"
    shutil.copytree(content.CONTENT / "en", folder)
    damage(folder)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        content.load(folder, content.read_references(content.CONTENT / "references.toml"))
