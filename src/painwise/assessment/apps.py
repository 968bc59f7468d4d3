from typing import Any

from django.apps import AppConfig
from django.core import checks


def check_official_wording(**_kwargs: Any) -> list[checks.CheckMessage]:
    """A missing or malformed official-wording file is found by `painwise check` and at
    start-up, in one line, instead of failing every intake page."""
    from painwise.assessment.questions import official_wording

    try:
        official_wording()
    except (OSError, ValueError) as exc:
        return [
            checks.Error(
                f"PAINWISE_OFFICIAL_WORDING_FILE cannot be used: {exc}".splitlines()[0],
                id="painwise.E102",
            )
        ]
    return []


class AssessmentConfig(AppConfig):
    name = "painwise.assessment"
    label = "assessment"

    def ready(self) -> None:
        checks.register(check_official_wording)
