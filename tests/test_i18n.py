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
            r"{%.*?%}|{{.*?}}|<script.*?</script>|<style.*?</style>", "", text, flags=re.S
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
