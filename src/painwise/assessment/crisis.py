"""Crisis resources, shown at once after a self-harm answer. Chosen per clinic by country.

A clinic sets PAINWISE_CRISIS_COUNTRY (for example "GB"); the "default" list applies anywhere.
Numbers are public emergency and crisis lines.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Resource:
    name: Promise | str
    contact: str
    when: Promise | str


RESOURCES: dict[str, list[Resource]] = {
    "default": [
        Resource(
            _("Emergency services"),
            _("your local emergency number"),
            _("If you might act on these thoughts, or you are in danger now."),
        ),
        Resource(
            _("Your doctor or care team"),
            _("call them today"),
            _("To talk about how you feel and get support soon."),
        ),
    ],
    "GB": [
        Resource(
            _("Emergency services"),
            "999",
            _("If you might act on these thoughts, or you are in danger now."),
        ),
        Resource(
            _("NHS 111 (choose the mental health option)"),
            "111",
            _("Urgent help, any time, day or night."),
        ),
        Resource(
            _("Samaritans"), "116 123", _("Someone to talk to, free, any time, day or night.")
        ),
    ],
    "US": [
        Resource(
            _("Emergency services"),
            "911",
            _("If you might act on these thoughts, or you are in danger now."),
        ),
        Resource(
            _("988 Suicide and Crisis Lifeline"),
            "988",
            _("Call or text, free, any time, day or night."),
        ),
    ],
    "CA": [
        Resource(
            _("Emergency services"),
            "911",
            _("If you might act on these thoughts, or you are in danger now."),
        ),
        Resource(_("Suicide Crisis Helpline"), "988", _("Call or text, any time, day or night.")),
    ],
    "AU": [
        Resource(
            _("Emergency services"),
            "000",
            _("If you might act on these thoughts, or you are in danger now."),
        ),
        Resource(_("Lifeline"), "13 11 14", _("Someone to talk to, any time, day or night.")),
    ],
    "IE": [
        Resource(
            _("Emergency services"),
            "112",
            _("If you might act on these thoughts, or you are in danger now."),
        ),
        Resource(
            _("Samaritans"), "116 123", _("Someone to talk to, free, any time, day or night.")
        ),
    ],
}


def resources() -> list[Resource]:
    country = getattr(settings, "PAINWISE_CRISIS_COUNTRY", "default") or "default"
    return RESOURCES.get(country.upper(), RESOURCES["default"])
