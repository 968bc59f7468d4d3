"""Pieces every part of the clinical core shares: rules with stable ids, and reasons."""

from dataclasses import dataclass, field
from typing import Any


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it here (the core has no i18n).

    Django's makemessages finds these calls by name; the web layer translates the message
    template and then fills in its parameters.
    """
    return message


@dataclass(frozen=True, slots=True)
class Rule:
    """A clinical rule: a stable id, a version bumped whenever its logic changes, its source."""

    id: str
    version: int
    source: str
    summary: str


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a decision came out as it did, in one plain-language sentence."""

    rule: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "text": self.text}


class RuleBook:
    """The registry of a module's rules, so that every id a reason uses is documented."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule_id: str, *, version: int = 1, source: str, summary: str) -> str:
        if rule_id in self._rules:
            raise ValueError(f"duplicate rule id {rule_id}")
        self._rules[rule_id] = Rule(rule_id, version, source, summary)
        return rule_id

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)


def json_integer(value: object) -> object:
    """JSON has one number type, and JSON Schema counts 5.0 as the integer 5: accept it as 5.
    Booleans, strings and 5.5 stay errors (the strict schemas reject them)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
