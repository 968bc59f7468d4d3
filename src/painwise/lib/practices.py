"""The daily practices each training module offers, found by the plan's module keys.

The program app shows the plan and the Today page, but the modules live in their own apps
(learn, gmi, calm, neurofeedback) above nothing and beside each other. So a module registers
what it offers here, in its ``AppConfig.ready``, and the program and tracking apps ask this
registry; neither imports a module app, and a module can be added without touching them.

    register(Module(
        key="education", area_url="learn:lessons",
        today=lambda patient, minutes, day: [...],     # the day's items, each done or not
        week=lambda patient, start, end: [...],        # sentences for the weekly review
    ))
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class TodayItem:
    """One practice offered today: what it is, where it is, how long, and whether it is done."""

    title: str
    url: str
    minutes: int
    done: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Module:
    key: str  # the plan's module key
    area_url: str  # the URL name of the module's own page
    today: Callable[[Any, int, dt.date], Sequence[TodayItem]]
    # Sentences for the weekly review (modules that share an app may give one for all).
    week: Callable[[Any, dt.date, dt.date], Sequence[str]] | None = None
    # The clinician's view of the module for one patient: a template and its context. Only
    # what a clinician may see (counts, ratings, what the patient shared).
    clinician: tuple[str, Callable[[Any], dict[str, Any]]] | None = None
    # What the module tells the plan about the person (fields of the core's plan Signals).
    signals: Callable[[Any], dict[str, Any]] | None = None
    # Daily values for the personal patterns, by local date (``patient`` may be an id):
    # for example {"sleep_efficiency": 82.0, "practice_minutes": 10.0}.
    daily: (
        Callable[[Any, dt.date | None, dt.date | None], dict[dt.date, dict[str, float]]] | None
    ) = None


@dataclass(frozen=True, slots=True)
class Panel:
    template: str
    data: dict[str, Any]


_MODULES: dict[str, Module] = {}


def register(module: Module) -> Module:
    _MODULES[module.key] = module
    return module


def ready(key: str) -> bool:
    """Whether a module has its own pages yet (the plan page says so when not)."""
    return key in _MODULES


def modules() -> list[Module]:
    """Every registered module, in the order they registered."""
    return list(_MODULES.values())


def area_url(key: str) -> str | None:
    module = _MODULES.get(key)
    return module.area_url if module else None


def today_items(patient: Any, modules: Sequence[dict[str, Any]], day: dt.date) -> list[TodayItem]:
    """The day's practice for the plan's modules (``{"key", "minutes"}``), in plan order."""
    items: list[TodayItem] = []
    for planned in modules:
        module = _MODULES.get(planned["key"])
        if module is not None:
            items.extend(module.today(patient, planned["minutes"], day))
    return items


def week_summary(patient: Any, start: dt.date, end: dt.date) -> list[str]:
    """What was practised from ``start`` to ``end`` (both included), one sentence a module."""
    return [
        line
        for module in _MODULES.values()
        if module.week is not None
        for line in module.week(patient, start, end)
    ]


def plan_signals(patient: Any) -> dict[str, Any]:
    """What the modules add to the plan's signals for one person (see Module.signals)."""
    found: dict[str, Any] = {}
    for module in _MODULES.values():
        if module.signals is not None:
            found.update(module.signals(patient))
    return found


def daily_values(
    patient: Any, start: dt.date | None = None, end: dt.date | None = None
) -> dict[dt.date, dict[str, float]]:
    """Every module's daily values for the personal patterns; minutes from several modules on
    one day are added up."""
    out: dict[dt.date, dict[str, float]] = {}
    for module in _MODULES.values():
        if module.daily is None:
            continue
        for day, values in module.daily(patient, start, end).items():
            merged = out.setdefault(day, {})
            for name, value in values.items():
                merged[name] = merged.get(name, 0.0) + value if name.endswith("_minutes") else value
    return out


def clinician_panels(patient: Any) -> list[Panel]:
    """Each module's clinician panel for one patient, in the order the modules registered."""
    return [
        Panel(template, build(patient))
        for module in _MODULES.values()
        if module.clinician is not None
        for template, build in [module.clinician]
    ]
