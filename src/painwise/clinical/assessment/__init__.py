"""Assessment and triage: red flags, classification, risk, nociplastic grading, mood."""

from painwise.clinical.assessment.engine import Assessment, assess
from painwise.clinical.assessment.intake import FieldProblem, Intake, IntakeError, parse_intake
from painwise.clinical.assessment.rules import RULES, Triage

__all__ = [
    "RULES",
    "Assessment",
    "FieldProblem",
    "Intake",
    "IntakeError",
    "Triage",
    "assess",
    "parse_intake",
]
