"""`painwise assess FILE.json`: evaluate one intake (object) or many (array), print JSON.

Exit 0 with the results, or 2 with one line per problem naming the field and, for an array,
the index (for example ``[3].red_flags.saddle_numbness: must be true or false``).
"""

import json
from typing import IO, Any

from pydantic import TypeAdapter, ValidationError

from painwise.clinical.assessment.engine import assess
from painwise.clinical.assessment.intake import Intake, problems_from

EXIT_OK = 0
EXIT_INVALID = 2
MAX_PROBLEMS_SHOWN = 50

_MANY = TypeAdapter(list[Intake])


def _read(path: str, stdin: IO[str]) -> str:
    if path == "-":
        return stdin.read()
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def evaluate_document(document: Any) -> tuple[Any, list[str]]:
    """Assess a parsed JSON document. Returns (output, problems); output is None on problems."""
    if isinstance(document, dict):
        try:
            intake = Intake.model_validate(document)
        except ValidationError as exc:
            return None, [f"{p.field}: {p.message}" for p in problems_from(exc)]
        return assess(intake).to_dict(), []
    if isinstance(document, list):
        try:
            intakes = _MANY.validate_python(document)
        except ValidationError as exc:
            return None, [f"{p.field}: {p.message}" for p in problems_from(exc)]
        return [assess(intake).to_dict() for intake in intakes], []
    return None, ["(input): must be a JSON object (one intake) or an array of intakes"]


def run_cli(path: str, stdin: IO[str], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        text = _read(path, stdin)
    except OSError as exc:
        print(f"painwise assess: cannot read {path}: {exc.strerror}", file=stderr)
        return EXIT_INVALID
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"painwise assess: {path} is not valid JSON: {exc}", file=stderr)
        return EXIT_INVALID
    output, problems = evaluate_document(document)
    if problems:
        print(f"painwise assess: invalid intake ({len(problems)} problem(s)):", file=stderr)
        for line in problems[:MAX_PROBLEMS_SHOWN]:
            print(f"  {line}", file=stderr)
        if len(problems) > MAX_PROBLEMS_SHOWN:
            print(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more", file=stderr)
        return EXIT_INVALID
    # One write: json.dump() to a stream writes thousands of small pieces, which is slow.
    stdout.write(json.dumps(output, indent=2 if isinstance(output, dict) else None) + "\n")
    return EXIT_OK
