"""The lesson library: the content files of one language, checked and rendered once.

Lessons live in ``content/<language>/*.md`` (see painwise.clinical.learn.lessons for the
format), their sources in ``content/references.toml`` and their pictures in
``static/learn/pictures``. Everything is read and checked when the app starts; a problem is an
ImproperlyConfigured error naming the file, so a broken lesson never reaches a person.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from markdown_it import MarkdownIt

from painwise.clinical.learn.lessons import Lesson, LessonError, check_library, parse_lesson

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
PICTURES = HERE / "static" / "learn" / "pictures"
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Library:
    lessons: tuple[Lesson, ...]  # in their usual order
    html: dict[str, str]  # lesson id -> the lesson's text as HTML
    references: dict[str, str]  # reference key -> the citation

    def get(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)


def read_references(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ImproperlyConfigured(f"lesson references {path}: {exc}") from None
    return {key: str(entry.get("cite", "")) for key, entry in data.items()}


def load(folder: Path, references: dict[str, str], pictures: Path = PICTURES) -> Library:
    """Every lesson in ``folder``, checked; raises ImproperlyConfigured on the first problem."""
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    lessons = []
    try:
        for path in sorted(folder.glob("*.md")):
            lesson = parse_lesson(path.read_text(encoding="utf-8"), path.name, references)
            if not (pictures / lesson.picture).is_file():
                raise LessonError(f"{path.name}: the picture {lesson.picture} does not exist")
            lessons.append(lesson)
        check_library(lessons)
    except LessonError as exc:
        raise ImproperlyConfigured(f"lesson content: {exc}") from None
    if not lessons:
        raise ImproperlyConfigured(f"lesson content: no lessons in {folder}")
    ordered = tuple(sorted(lessons, key=lambda lesson: lesson.order))
    return Library(
        ordered, {lesson.id: renderer.render(lesson.body) for lesson in ordered}, references
    )


@cache
def _library(language: str) -> Library:
    folder = CONTENT / language
    if not folder.is_dir():
        folder = CONTENT / DEFAULT_LANGUAGE
    return load(folder, read_references(CONTENT / "references.toml"))


def library() -> Library:
    """The lessons in the reader's language (English when there is no translation yet)."""
    language = (translation.get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return _library(language)
