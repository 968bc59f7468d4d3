"""Every user-facing string goes through Django's translation machinery; a new language needs
only its catalogue."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "painwise"


def test_templates_load_i18n_wherever_they_show_text():
    missing = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text()
        if ("translate" in text or "blocktranslate" in text) and "{% load i18n" not in text:
            missing.append(str(path.relative_to(SRC)))
    assert missing == []


def test_no_bare_words_between_template_tags():
    """Text nodes in templates are inside {% translate %} or {% blocktranslate %}: a crude but
    useful check that finds English typed straight into the HTML."""
    offenders = []
    for path in SRC.rglob("templates/**/*.html"):
        text = path.read_text()
        text = re.sub(r"{% blocktranslate.*?{% endblocktranslate %}", "", text, flags=re.S)
        text = re.sub(r"{% block body_class %}.*?{% endblock %}", "", text)  # a CSS class
        text = re.sub(
            r"{%.*?%}|{{.*?}}|{#.*?#}|<script.*?</script>|<style.*?</style>", "", text, flags=re.S
        )
        text = re.sub(r"<[^>]+>", " ", text)
        words = [
            w
            for w in re.findall(r"[A-Za-z]{3,}", text)
            if w not in {"Painwise", "nbsp", "PHQ", "GAD", "JSON", "NRS"}
        ]
        if words:
            offenders.append((str(path.relative_to(SRC)), words[:5]))
    # The 500 page has no request context but still translates; emails are plain text.
    assert offenders == []


def test_a_language_is_offered_once_its_catalogue_exists(tmp_path):
    from painwise.web.env import discover_languages

    assert discover_languages(tmp_path) == [("en", "English")]
    locale = tmp_path / "de" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "django.mo").write_bytes(b"")
    assert discover_languages(tmp_path) == [("en", "English"), ("de", "de")]


def write_mo(path: Path, messages: dict[str, str]) -> None:
    """Write a GNU gettext catalogue (.mo) holding ``messages`` (msgid -> translation)."""
    import struct

    entries = {"": "Content-Type: text/plain; charset=UTF-8\n", **messages}
    ids = sorted(entries)
    keys = [k.encode() for k in ids]
    values = [entries[k].encode() for k in ids]
    start = 7 * 4 + 16 * len(ids)
    offsets, blob = [], b""
    for data in keys + values:
        offsets.append((len(data), start + len(blob)))
        blob += data + b"\0"
    n = len(ids)
    header = struct.pack("Iiiiiii", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    table = b"".join(struct.pack("ii", length, offset) for length, offset in offsets)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + table + blob)


def test_a_stored_reason_is_shown_in_the_readers_language(tmp_path, settings, db, patient):
    """Results are stored once, in no language: the rule id, the sentence's template and its
    parameters. A reader sees the sentence in their own language, here a small test catalogue."""
    from django.utils import translation

    from painwise.assessment.services import record_assessment
    from painwise.clinical.assessment.engine import CRITERION_NAMES
    from painwise.lib.reasons import reason_text
    from tests.clinical.factories import intake

    chronic = "Your pain has lasted {duration}, more than 12 weeks, so it counts as long-lasting (chronic)."
    not_met = "Not every sign of a sensitive nervous system is there yet: {missing}."
    write_mo(
        tmp_path / "de" / "LC_MESSAGES" / "django.mo",
        {
            chronic: "Ihre Schmerzen bestehen seit {duration}: das gilt als chronisch.",
            "{n} weeks": "{n} Wochen",
            not_met: "Die Kriterien sind nicht erfüllt: {missing}.",
            CRITERION_NAMES["C2"]: "Schmerz über eine Stelle hinaus fehlt",
        },
    )
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch")]
    record = record_assessment(
        patient,
        intake(pain_duration_weeks=20, pain_distribution="discrete"),
        source="intake",
        actor=patient,
    )
    stored = {r["rule"]: r for r in record.result["reasons"]}
    assert stored["chronic"]["params"]["weeks"] == "20"
    assert stored["chronic"]["text"].startswith("Your pain has lasted 20 weeks,")
    with translation.override("de"):
        assert reason_text(stored["chronic"]) == (
            "Ihre Schmerzen bestehen seit 20 Wochen: das gilt als chronisch."
        )
        assert reason_text(stored["nociplastic_not_met"]) == (
            "Die Kriterien sind nicht erfüllt: Schmerz über eine Stelle hinaus fehlt."
        )
    with translation.override("en"):
        assert reason_text(stored["chronic"]) == stored["chronic"]["text"]


def test_a_pacing_reason_and_the_clause_inside_it_are_both_translated(tmp_path, settings):
    """A hold says why in a clause of its own ("you kept to it 50% of the time"): the clause
    is kept as its template and parameters too, not as English text."""
    import datetime as dt

    from django.utils import translation

    from painwise.clinical.program.pacing import DayLog, run
    from painwise.lib.reasons import reason_text

    start = dt.date(2026, 3, 2)
    days = [DayLog(start + dt.timedelta(days=i), 8.0, 4.0, False) for i in range(7)]
    week_later = start + dt.timedelta(days=7)
    state = run(baseline=20, goal=60, quota_start=start, days=days, today=week_later)
    reason = state.events[-1][1]
    assert reason.rule == "pacing_hold"
    assert reason.text == (
        "Your quota stays at 16 this week because you kept to it 50% of the time; "
        "steady beats fast."
    )
    write_mo(
        tmp_path / "de" / "LC_MESSAGES" / "django.mo",
        {
            reason.template: "Ihr Pensum bleibt bei {q}, weil {why}.",
            "you kept to it {a}% of the time": "Sie es zu {a}% eingehalten haben",
        },
    )
    settings.LOCALE_PATHS = [tmp_path]
    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch")]
    with translation.override("de"):
        expected = "Ihr Pensum bleibt bei 16, weil Sie es zu 50% eingehalten haben."
        assert reason_text(reason) == expected
        assert reason_text(reason.to_record()) == expected
