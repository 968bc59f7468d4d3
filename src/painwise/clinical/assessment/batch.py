"""Assess a whole JSON document: one intake (an object) or many (an array).

Problems name the field and, for an array, the index (for example
``[3].red_flags.saddle_numbness: must be true or false``). Reading files and printing belong
to the command line (`painwise assess`), not here.
"""

from typing import Any

from pydantic import TypeAdapter, ValidationError

from painwise.clinical.assessment.engine import assess
from painwise.clinical.assessment.intake import Intake, problems_from

_MANY = TypeAdapter(list[Intake])


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
