"""Every rule book matches its page in docs/rules: each rule id and each named setting is
written up there, and every rule names a source."""

import dataclasses
from pathlib import Path

import pytest

from painwise.clinical import sleep
from painwise.clinical.assessment import RULES as ASSESSMENT
from painwise.clinical.gmi import results as gmi
from painwise.clinical.learn import order, practice
from painwise.clinical.neuro import artifacts, bands, protocols, scoring
from painwise.clinical.neuro.settings import NeuroSettings
from painwise.clinical.program import pacing, plan
from painwise.clinical.tracking import rules as tracking

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"
BOOKS = [
    ("assessment.md", [ASSESSMENT], []),
    ("tracking.md", [tracking.RULES], [tracking.TrackingSettings]),
    ("program.md", [plan.RULES, pacing.RULES], [pacing.PacingSettings]),
    ("learn.md", [order.RULES, practice.RULES], [practice.PracticeSettings]),
    ("gmi.md", [gmi.RULES], [gmi.GmiSettings]),
    ("sleep.md", [sleep.RULES], [sleep.SleepSettings]),
    (
        "neurofeedback.md",
        [bands.RULES, artifacts.RULES, protocols.RULES, scoring.RULES],
        [NeuroSettings],
    ),
]


@pytest.mark.parametrize(("page", "books", "settings"), BOOKS)
def test_every_rule_and_setting_is_written_up(page, books, settings):
    text = (DOCS / page).read_text()
    missing = [rule.id for book in books for rule in book if f"`{rule.id}`" not in text]
    missing += [
        f.name for cls in settings for f in dataclasses.fields(cls) if f"`{f.name}`" not in text
    ]
    assert missing == [], f"{page} lacks {missing}"


@pytest.mark.parametrize(("page", "books", "settings"), BOOKS)
def test_every_rule_names_a_source(page, books, settings):
    assert all(rule.source and rule.summary for book in books for rule in book)


def test_a_rule_table_is_read_with_versions_and_continued_lines():
    from painwise.clinical.common import RuleBook

    book = RuleBook(
        """
first_rule v3
    source: clinical-facts 4: Ostelo et al. 2008
    summary: Pain dropped by 2 points
        or more.

second_rule
    source: a source
    summary: a summary.
"""
    )
    first = book["first_rule"]
    assert (first.version, first.source) == (3, "clinical-facts 4: Ostelo et al. 2008")
    assert first.summary == "Pain dropped by 2 points or more."
    assert book["second_rule"].version == 1 and len(book) == 2
    assert book.id("second_rule") == "second_rule"
    with pytest.raises(KeyError):
        book.id("third_rule")
