"""Pieces every part of the clinical core shares: rules with stable ids, reasons, tolerances."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

# Clinical thresholds are compared on floating-point means ("a drop of 2 points or more"): a
# mean that is 2 on paper can be 1.9999999999999996 in binary. Every threshold comparison goes
# through the two helpers below, with this one tolerance.
TOLERANCE = 1e-9


def at_least(value: float, threshold: float) -> bool:
    """``value >= threshold``, counting a value a rounding error below as reaching it."""
    return value >= threshold - TOLERANCE


def at_most(value: float, threshold: float) -> bool:
    """``value <= threshold``, counting a value a rounding error above as within it."""
    return value <= threshold + TOLERANCE


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it here (the core has no i18n).

    Django's makemessages finds these calls by name; the web layer translates the message
    template, and each parameter that is itself a marked message, when it shows the reason.
    """
    return message


@dataclass(frozen=True, slots=True)
class Rule:
    """A clinical rule: a stable id, a version bumped whenever its logic changes, its source."""

    id: str
    version: int
    source: str
    summary: str


# A parameter of a reason: a number, a marked message (translated when shown), a list of
# marked messages (translated one by one, then joined), or a phrase with parameters of its own
# ({"template": "{n} years", "params": {"n": "2"}}, translated then filled).
Param = str | int | float | Sequence[str] | dict[str, Any]
LIST_SEPARATOR = "; "


def _same(text: str) -> str:
    return text


def fill(template: str, params: dict[str, Any], translate: Callable[[str], str] = _same) -> str:
    """``template`` with its parameters filled in; ``translate`` (if given) is applied to the
    template and to every text parameter first."""
    tr = translate

    def one(value: Any) -> Any:
        if isinstance(value, dict) and "template" in value:
            return fill(value["template"], value.get("params", {}), tr)
        if isinstance(value, str):
            return tr(value)
        if isinstance(value, list | tuple):
            return LIST_SEPARATOR.join(tr(str(v)) for v in value)
        return value

    text = tr(template)
    return text.format(**{k: one(v) for k, v in params.items()}) if params else text


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a decision came out as it did, in one plain-language sentence.

    The sentence is kept as its template and parameters, so that it can be shown in the
    reader's language long after it was stored (``to_record`` keeps the template).
    """

    rule: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return fill(self.template, self.params)

    def to_dict(self) -> dict[str, Any]:
        """The public form (API, CLI): the rule, the English sentence and its parameters."""
        return {"rule": self.rule, "text": self.text, "params": _plain(self.params)}

    def to_record(self) -> dict[str, Any]:
        """The stored form: the public form plus the template the sentence came from."""
        return {**self.to_dict(), "template": self.template}


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def public_reason(stored: dict[str, Any]) -> dict[str, Any]:
    """A stored reason in its public form (without the internal template)."""
    return {"rule": stored["rule"], "text": stored["text"], "params": stored.get("params", {})}


def public(data: Any) -> Any:
    """Stored JSON data as the API and CLI show it: every stored reason in its public form."""
    if isinstance(data, dict):
        if "rule" in data and "template" in data:
            return public_reason(data)
        return {key: public(value) for key, value in data.items()}
    if isinstance(data, list):
        return [public(item) for item in data]
    return data


class RuleBook:
    """The registry of a module's rules, so that every id a reason uses is documented.

    A book is written as a table, one block per rule (blank lines between blocks)::

        pain_free_or_nearly v2
            source: clinical-facts 5: Ashar et al. 2022 (0 or 1 out of 10)
            summary: 7-day mean average pain <= 1.

    The version is 1 when left out. Code names a rule with ``book.id("pain_free_or_nearly")``,
    which fails at import for an id the book does not hold.
    """

    def __init__(self, table: str = "") -> None:
        self._rules: dict[str, Rule] = {}
        self.read(table)

    def read(self, table: str) -> None:
        """Add every rule of a table (see the class)."""
        for block in table.strip().split("\n\n") if table.strip() else []:
            self._add_block(block)

    def _add_block(self, block: str) -> None:
        head, *lines = block.strip().splitlines()
        rule_id, _space, version = head.strip().partition(" v")
        fields: dict[str, str] = {}
        key = ""
        for line in lines:
            name, colon, value = line.strip().partition(": ")
            if colon and name in ("source", "summary"):
                key, fields[name] = name, value
            else:  # a continued line
                fields[key] += " " + line.strip()
        self.add(rule_id, version=int(version or 1), **fields)

    def id(self, rule_id: str) -> str:
        """``rule_id``, checked to be in the book."""
        return self[rule_id].id

    def add(self, rule_id: str, *, version: int = 1, source: str, summary: str) -> str:
        if rule_id in self._rules:
            raise ValueError(f"duplicate rule id {rule_id}")
        self._rules[rule_id] = Rule(rule_id, version, source, summary)
        return rule_id

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)


def json_integer(value: object) -> object:
    """JSON has one number type, and JSON Schema counts 5.0 as the integer 5: accept it as 5.
    Booleans, strings and 5.5 stay errors (the strict schemas reject them)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
