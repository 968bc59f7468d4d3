"""Lessons are content files: TOML front matter between ``+++`` lines, then the text in Markdown.

    +++
    id = "alarm-system"
    title = "Pain is an alarm"
    minutes = 4
    order = 2
    early_for = ["fear"]              # needs that bring the lesson forward (see order.py)
    summary = "One sentence for the list."
    picture = "alarm-system.svg"
    picture_alt = "What the picture shows, for a screen reader."
    references = ["moseley-butler-2017"]

    [[questions]]
    prompt = "..."
    choices = [
      { text = "...", correct = true, explain = "..." },
      { text = "...", correct = false, explain = "..." },
    ]
    +++
    The lesson, in Markdown.

``parse_lesson`` checks one file and raises LessonError naming the file and the problem; the web
app loads every file at start-up, so a broken lesson stops the start, not a page later.
TOML is read by the standard library (tomllib): no dependency for the front matter.
"""

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

QUESTIONS_PER_LESSON = 2
MIN_MINUTES, MAX_MINUTES = 3, 5
NEEDS = ("fear", "mood", "sleep", "stress", "nerve")
_REQUIRED = ("id", "title", "minutes", "order", "summary", "picture", "picture_alt")
_TEXT_LIMITS = {"title": 80, "summary": 200, "picture_alt": 400}


class LessonError(ValueError):
    """A lesson file that cannot be used, with the file's name and what is wrong."""


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool
    explain: str


@dataclass(frozen=True, slots=True)
class Question:
    prompt: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    title: str
    minutes: int
    order: int
    early_for: tuple[str, ...]
    summary: str
    picture: str
    picture_alt: str
    references: tuple[str, ...]
    questions: tuple[Question, ...]
    body: str  # Markdown

    @property
    def words(self) -> int:
        return len(self.body.split())


def split_front_matter(text: str, name: str) -> tuple[str, str]:
    """The front matter and the body of a lesson file."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "+++":
        raise LessonError(f"{name}: the file must start with a +++ line")
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "+++")
    except StopIteration:
        raise LessonError(f"{name}: the front matter has no closing +++ line") from None
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :]).strip()


def parse_lesson(text: str, name: str, references: Mapping[str, str]) -> Lesson:
    """One lesson file, checked: every field present and of its type, the minutes in range,
    each reference known, two questions with one right answer and an explanation each."""
    head, body = split_front_matter(text, name)
    try:
        meta = tomllib.loads(head)
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(f"{name}: the front matter is not valid TOML ({exc})") from None
    missing = [key for key in _REQUIRED if key not in meta]
    if missing:
        raise LessonError(f"{name}: missing {', '.join(missing)}")
    _check_types(meta, name)
    if not MIN_MINUTES <= meta["minutes"] <= MAX_MINUTES:
        raise LessonError(f"{name}: minutes must be {MIN_MINUTES} to {MAX_MINUTES}")
    unknown = [r for r in meta.get("references", []) if r not in references]
    if unknown:
        raise LessonError(f"{name}: unknown references {', '.join(unknown)}")
    if not meta.get("references"):
        raise LessonError(f"{name}: a lesson needs at least one reference")
    bad_needs = [n for n in meta.get("early_for", []) if n not in NEEDS]
    if bad_needs:
        raise LessonError(f"{name}: early_for has unknown needs {', '.join(bad_needs)}")
    if not body:
        raise LessonError(f"{name}: the lesson has no text")
    return Lesson(
        id=meta["id"],
        title=meta["title"],
        minutes=meta["minutes"],
        order=meta["order"],
        early_for=tuple(meta.get("early_for", [])),
        summary=meta["summary"],
        picture=meta["picture"],
        picture_alt=meta["picture_alt"],
        references=tuple(meta["references"]),
        questions=_questions(meta.get("questions", []), name),
        body=body,
    )


def _check_types(meta: Mapping[str, object], name: str) -> None:
    for key in ("id", "title", "summary", "picture", "picture_alt"):
        if not isinstance(meta[key], str) or not str(meta[key]).strip():
            raise LessonError(f"{name}: {key} must be some text")
    for key, limit in _TEXT_LIMITS.items():
        if len(str(meta[key])) > limit:
            raise LessonError(f"{name}: {key} is longer than {limit} characters")
    for key in ("minutes", "order"):
        if not isinstance(meta[key], int) or isinstance(meta[key], bool):
            raise LessonError(f"{name}: {key} must be a whole number")
    for key in ("references", "early_for"):
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LessonError(f"{name}: {key} must be a list of names")


def _questions(raw: object, name: str) -> tuple[Question, ...]:
    if not isinstance(raw, list) or len(raw) != QUESTIONS_PER_LESSON:
        raise LessonError(f"{name}: a lesson has exactly {QUESTIONS_PER_LESSON} questions")
    questions = []
    for n, item in enumerate(raw, start=1):
        where = f"{name}: question {n}"
        if not isinstance(item, dict) or not str(item.get("prompt", "")).strip():
            raise LessonError(f"{where} has no prompt")
        choices = item.get("choices")
        if not isinstance(choices, list) or not 2 <= len(choices) <= 4:
            raise LessonError(f"{where} needs 2 to 4 choices")
        parsed = []
        for choice in choices:
            if not isinstance(choice, dict) or not all(
                str(choice.get(k, "")).strip() for k in ("text", "explain")
            ):
                raise LessonError(f"{where}: every choice needs text and an explanation")
            parsed.append(Choice(choice["text"], choice.get("correct") is True, choice["explain"]))
        if sum(c.correct for c in parsed) != 1:
            raise LessonError(f"{where} needs exactly one right answer")
        questions.append(Question(item["prompt"], tuple(parsed)))
    return tuple(questions)


def check_library(lessons: Iterable[Lesson]) -> None:
    """A set of lessons that can be shown together: unique ids and unique places in order."""
    seen: dict[str, str] = {}
    orders: dict[int, str] = {}
    for lesson in lessons:
        if lesson.id in seen:
            raise LessonError(f"two lessons have the id {lesson.id}")
        if lesson.order in orders:
            raise LessonError(f"{lesson.id} and {orders[lesson.order]} share order {lesson.order}")
        seen[lesson.id] = lesson.id
        orders[lesson.order] = lesson.id


def score(lesson: Lesson, answers: Iterable[int]) -> list[bool]:
    """Which of the answers (one choice index per question) are right."""
    return [
        0 <= a < len(q.choices) and q.choices[a].correct
        for q, a in zip(lesson.questions, answers, strict=True)
    ]
