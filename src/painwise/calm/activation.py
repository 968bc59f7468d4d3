"""Behavioural activation and problem solving: services and forms."""

import datetime as dt
import statistics
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.access import set_shared
from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.calm.models import Area, PlannedActivity, ProblemSheet, ValuedActivity
from painwise.lib import clock
from painwise.lib.errors import ConflictError, DomainError
from painwise.lib.forms import SHORT_TEXT, text_field
from painwise.tracking.forms import scale_field
from painwise.tracking.models import CheckIn

audit.register(
    {
        "calm.activity_added": gettext_lazy("Valued activity added"),
        "calm.activity_planned": gettext_lazy("Activity planned"),
        "calm.activity_done": gettext_lazy("Planned activity marked"),
        "calm.problem_saved": gettext_lazy("Problem-solving sheet saved"),
        "calm.problem_shared": gettext_lazy("Problem-solving sheet shared or unshared"),
    }
)
MIN_DAYS_EACH = 3  # days with and without an activity before a comparison is shown


def today(patient: User) -> dt.date:
    return clock.local_today(patient.time_zone)


def add_activity(patient: User, area: str, name: str) -> ValuedActivity:
    activity = ValuedActivity.objects.create(patient=patient, area=area, name=name.strip())
    audit.record("calm.activity_added", actor=patient, patient=patient, obj=activity)
    return activity


def plan(patient: User, activity_id: int, day: dt.date) -> PlannedActivity:
    activity = ValuedActivity.objects.get(pk=activity_id, patient=patient)
    start = today(patient)
    if not start <= day <= start + dt.timedelta(days=6):
        raise DomainError(_("Choose a day in the coming week."), "day")
    planned = PlannedActivity.objects.create(activity=activity, day=day)
    audit.record("calm.activity_planned", actor=patient, patient=patient, obj=planned)
    return planned


@transaction.atomic
def mark(
    patient: User, planned_id: int, done: bool, before: int | None, after: int | None
) -> PlannedActivity:
    planned = PlannedActivity.objects.select_for_update().get(
        pk=planned_id, activity__patient=patient
    )
    if planned.day > today(patient):
        raise ConflictError(_("You can mark it on the day or afterwards."))
    if done and (before is None or after is None):
        raise DomainError(_("Please rate your mood before and after."), "mood_after")
    planned.done = done
    planned.mood_before, planned.mood_after = (before, after) if done else (None, None)
    planned.save(update_fields=["done", "mood_before", "mood_after"])
    audit.record("calm.activity_done", actor=patient, patient=patient, obj=planned)
    return planned


def week(patient: User) -> dict[str, Any]:
    """The coming week's plan, and what the last 4 weeks show about doing and mood."""
    start = today(patient)
    rows = list(
        PlannedActivity.objects.filter(
            activity__patient=patient,
            day__range=(start - dt.timedelta(days=27), start + dt.timedelta(days=6)),
        ).select_related("activity")
    )
    done = [r for r in rows if r.done and r.day <= start]
    change = (
        statistics.mean(r.mood_after - r.mood_before for r in done)  # type: ignore[operator]
        if done
        else None
    )
    # The check-in mood on days with a done activity and on days without, when both are known
    # for at least MIN_DAYS_EACH days: what went together in this person's data, not a cause.
    done_days = {r.day for r in done}
    moods = dict(
        CheckIn.objects.filter(
            patient=patient,
            local_date__range=(start - dt.timedelta(days=27), start),
            mood__isnull=False,
        )
        .order_by("local_date", "created_at")
        .values_list("local_date", "mood")
    )
    with_days = [m for d, m in moods.items() if d in done_days]
    without = [m for d, m in moods.items() if d not in done_days]
    compare = None
    if len(with_days) >= MIN_DAYS_EACH and len(without) >= MIN_DAYS_EACH:
        compare = (round(statistics.mean(with_days), 1), round(statistics.mean(without), 1))
    return {
        "coming": [r for r in rows if r.day >= start],
        "to_mark": [r for r in rows if r.done is None and r.day <= start],
        "done_count": len(done),
        "planned_past": len([r for r in rows if r.day <= start]),
        "mood_change": None if change is None else round(change, 1),
        "mood_fall": None if change is None else round(-change, 1),
        "compare": compare,
    }


class ActivityForm(forms.Form):
    area = forms.ChoiceField(label=gettext_lazy("Part of life"), choices=Area.choices)
    name = forms.CharField(
        label=gettext_lazy("Something that matters to you"),
        max_length=120,
        help_text=gettext_lazy("For example: call my sister, water the plants, play cards."),
    )

    def save(self, patient: Any) -> Any:
        return add_activity(patient, self.cleaned_data["area"], self.cleaned_data["name"])


class PlanForm(forms.Form):
    activity = forms.TypedChoiceField(label=gettext_lazy("What"), coerce=int)
    day = forms.DateField(label=gettext_lazy("Which day"), widget=forms.Select)

    def __init__(self, *args: Any, patient: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [
            (a.pk, a.name) for a in ValuedActivity.objects.filter(patient=patient)
        ]
        start = today(patient)
        days = [start + dt.timedelta(days=n) for n in range(7)]
        self.fields["day"].widget.choices = [(d.isoformat(), d.strftime("%A %-d %B")) for d in days]

    def save(self, patient: Any) -> Any:
        return plan(patient, self.cleaned_data["activity"], self.cleaned_data["day"])


class MarkForm(forms.Form):
    mood_before = scale_field(
        gettext_lazy("Mood before"), gettext_lazy("0 = very low, 10 = very good")
    )
    mood_after = scale_field(
        gettext_lazy("Mood after"), gettext_lazy("0 = very low, 10 = very good")
    )


OPTIONS = 3


class ProblemForm(forms.Form):
    problem = text_field(gettext_lazy("What is the problem, in a sentence or two?"), required=True)
    option_1 = text_field(gettext_lazy("Option 1"), rows=1, required=True, max_length=SHORT_TEXT)
    pros_1 = text_field(gettext_lazy("For it"), rows=2, max_length=SHORT_TEXT)
    cons_1 = text_field(gettext_lazy("Against it"), rows=2, max_length=SHORT_TEXT)
    option_2 = text_field(gettext_lazy("Option 2"), rows=1, required=True, max_length=SHORT_TEXT)
    pros_2 = text_field(gettext_lazy("For it"), rows=2, max_length=SHORT_TEXT)
    cons_2 = text_field(gettext_lazy("Against it"), rows=2, max_length=SHORT_TEXT)
    option_3 = text_field(gettext_lazy("Option 3 (if you have one)"), rows=1, max_length=SHORT_TEXT)
    pros_3 = text_field(gettext_lazy("For it"), rows=2, max_length=SHORT_TEXT)
    cons_3 = text_field(gettext_lazy("Against it"), rows=2, max_length=SHORT_TEXT)
    chosen = forms.TypedChoiceField(
        label=gettext_lazy("Which option will you try?"),
        choices=[
            (0, gettext_lazy("Option 1")),
            (1, gettext_lazy("Option 2")),
            (2, gettext_lazy("Option 3")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    first_step = text_field(gettext_lazy("The first small step, and when"), required=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("chosen") == 2 and not data.get("option_3"):
            self.add_error("chosen", _("Option 3 is empty: choose one you wrote."))
        return data

    def save(self, patient: Any) -> Any:
        d = self.cleaned_data
        options = [
            {"text": d[f"option_{n}"], "pros": d[f"pros_{n}"], "cons": d[f"cons_{n}"]}
            for n in range(1, OPTIONS + 1)
            if d[f"option_{n}"]
        ]
        sheet = ProblemSheet.objects.create(
            patient=patient,
            local_date=today(patient),
            problem=d["problem"],
            options=options,
            chosen=d["chosen"],
            first_step=d["first_step"],
        )
        audit.record("calm.problem_saved", actor=patient, patient=patient, obj=sheet)
        return sheet


class ReviewForm(forms.Form):
    review = text_field(gettext_lazy("How did it go? What next?"), required=True)


def share_problem(patient: User, sheet_id: int, shared: bool) -> ProblemSheet:
    rows = ProblemSheet.objects.filter(patient=patient)
    return set_shared(patient, rows, sheet_id, shared, "calm.problem_shared")
