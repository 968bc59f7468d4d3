"""Crisis resources, shown at once after a self-harm answer, and on the help page every page
links to. A clinic sets its country (PAINWISE_CRISIS_COUNTRY, for example "GB"); without one,
people are told plainly to call their local emergency number and can open a list of
countries' lines. Numbers are public emergency and crisis lines; every one is a tap-to-call
link (``tel``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Resource:
    name: Promise | str
    number: str  # as people read it
    when: Promise | str
    text_too: bool = False  # the line also takes text messages

    @property
    def tel(self) -> str:
        """The number for a tel: link (digits only)."""
        return "".join(c for c in self.number if c.isdigit())


@dataclass(frozen=True)
class Country:
    code: str
    name: Promise | str
    lines: tuple[Resource, ...]


_DANGER = _("If you might act on these thoughts, or you are in danger now.")


def _emergency(number: str) -> Resource:
    return Resource(_("Emergency services"), number, _DANGER)


COUNTRIES: tuple[Country, ...] = (
    Country(
        "GB",
        _("United Kingdom"),
        (
            _emergency("999"),
            Resource(
                _("NHS 111 (choose the mental health option)"),
                "111",
                _("Urgent help, any time, day or night."),
            ),
            Resource(_("Samaritans"), "116 123", _("Someone to talk to, free, any time.")),
        ),
    ),
    Country(
        "IE",
        _("Ireland"),
        (
            _emergency("112"),
            Resource(_("Samaritans"), "116 123", _("Someone to talk to, free, any time.")),
        ),
    ),
    Country(
        "US",
        _("United States"),
        (
            _emergency("911"),
            Resource(
                _("988 Suicide and Crisis Lifeline"),
                "988",
                _("Call or text, free, any time."),
                text_too=True,
            ),
        ),
    ),
    Country(
        "CA",
        _("Canada"),
        (
            _emergency("911"),
            Resource(
                _("Suicide Crisis Helpline"), "988", _("Call or text, any time."), text_too=True
            ),
        ),
    ),
    Country(
        "AU",
        _("Australia"),
        (
            _emergency("000"),
            Resource(_("Lifeline"), "13 11 14", _("Someone to talk to, any time.")),
        ),
    ),
    Country(
        "NZ",
        _("New Zealand"),
        (
            _emergency("111"),
            Resource(_("Need to talk?"), "1737", _("Call or text, free, any time."), text_too=True),
        ),
    ),
)
BY_CODE = {country.code: country for country in COUNTRIES}


def country() -> Country | None:
    """The clinic's country, or None when it has not set one (or set one we do not know)."""
    code = (getattr(settings, "PAINWISE_CRISIS_COUNTRY", "") or "").upper()
    return BY_CODE.get(code)


def resources() -> tuple[Resource, ...]:
    """The lines to show first: the clinic's country's, or none (the page then says to call
    the local emergency number and lists every country's lines)."""
    found = country()
    return found.lines if found else ()


def other_countries() -> tuple[Country, ...]:
    here = country()
    return tuple(c for c in COUNTRIES if c is not here)
