from pathlib import Path

from painwise.clinical.assessment import RULES

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules" / "assessment.md"


def test_every_assessment_rule_is_written_up():
    text = DOC.read_text()
    missing = [rule.id for rule in RULES if f"`{rule.id}`" not in text]
    assert missing == []


def test_every_rule_names_a_source():
    assert all(rule.source and rule.summary for rule in RULES)
