"""Patient pages: the daily check-in, weekly and monthly forms, the review, reminders."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from painwise.accounts.decorators import patient_required
from painwise.assessment.views import patient_gate
from painwise.clinical.tracking.signals import weekly_series
from painwise.tracking import services
from painwise.tracking.forms import (
    BeliefsForm,
    CheckInEditForm,
    CheckInForm,
    GoalsForm,
    ReminderForm,
    WeeklyForm,
)
from painwise.tracking.models import CheckIn, ReminderDelivery, ReminderSettings
from painwise.web import charts


def tracking_gate(request: HttpRequest) -> HttpResponse | None:
    """Check-ins go on while an urgent result waits for a doctor."""
    return patient_gate(request, allow_urgent=True)


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@patient_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    patient = request.user
    today = services.local_today(patient)
    initial = {"date": today, "flare": "no", **services.checkin_defaults(patient)}
    form = CheckInForm(_post(request), initial=initial)
    form.fields["date"].widget.attrs.update(
        {
            "max": today.isoformat(),
            "min": (today - dt.timedelta(days=services.MAX_DAYS_BACK)).isoformat(),
        }
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_checkin(patient, form.cleaned())
        except services.TrackingError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            if saved.red_flag_record is not None:
                return redirect("assessment:result", pk=saved.red_flag_record.pk)
            messages.success(request, _("Check-in saved. Thank you."))
            if saved.checkin.flare:
                return redirect("program:flare")
            return redirect("program:today")
    return render(
        request, "tracking/checkin.html", {"nav": "checkin", "form": form, "today": today}
    )


@patient_required
def entries(request: HttpRequest) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    patient = request.user
    today = services.local_today(patient)
    recent = list(
        CheckIn.objects.filter(patient=patient, local_date__gte=today - dt.timedelta(days=13))
        .order_by("-local_date", "-created_at")
        .prefetch_related("edits")
    )
    rows = [{"entry": c, "editable": services.can_edit(c, patient)} for c in recent]
    return render(request, "tracking/entries.html", {"nav": "checkin", "rows": rows})


@patient_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    patient = request.user
    entry = get_object_or_404(CheckIn, pk=pk, patient=patient)
    if not services.can_edit(entry, patient):
        messages.error(request, _("Only today's check-ins can be changed."))
        return redirect("tracking:entries")
    initial = entry.snapshot()
    initial["flare"] = "yes" if entry.flare else "no"
    form = CheckInEditForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_checkin(entry.pk, patient, form.cleaned())
        except services.TrackingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Your change is saved. The earlier answers are kept in the history.")
            )
            return redirect("tracking:entries")
    return render(request, "tracking/edit.html", {"nav": "checkin", "form": form, "entry": entry})


@patient_required
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    current = services.active_goals(request.user)
    initial = {f"name_{i + 1}": g.name for i, g in enumerate(current)}
    form = GoalsForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_goals(
                request.user,
                [data.get(f"name_{i}", "") for i in range(1, 6)],
                [data.get(f"rating_{i}") for i in range(1, 6)],
            )
        except services.TrackingError as exc:
            form.add_error(exc.field or None, str(exc))
        else:
            messages.success(
                request, _("Your activities are saved. You will rate them once a week.")
            )
            return redirect("program:today")
    return render(
        request, "tracking/goals.html", {"nav": "review", "form": form, "current": current}
    )


@patient_required
@require_http_methods(["GET", "POST"])
def weekly(request: HttpRequest) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    goal_list = services.active_goals(request.user)
    form = WeeklyForm(_post(request), goals=goal_list)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_weekly(
            request.user,
            peg=(data["peg_pain"], data["peg_enjoyment"], data["peg_activity"]),
            ratings=form.ratings(),
        )
        messages.success(request, _("Weekly check saved."))
        return redirect("tracking:review")
    return render(
        request, "tracking/weekly.html", {"nav": "review", "form": form, "goals": goal_list}
    )


@patient_required
@require_http_methods(["GET", "POST"])
def beliefs(request: HttpRequest) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    form = BeliefsForm(_post(request))
    if request.method == "POST" and form.is_valid():
        services.save_beliefs(request.user, form.cleaned_data)
        messages.success(request, _("Thank you. We will ask again in a month."))
        return redirect("tracking:review")
    return render(request, "tracking/beliefs.html", {"nav": "review", "form": form})


def review_context(data: services.ReviewData) -> dict[str, Any]:
    """Everything the review template needs, for the patient's own page and the clinician's."""
    rv = data.review
    if rv.baseline_start is None:
        return {"review": rv, "data": data, "cards": []}
    start, today = rv.baseline_start, data.today

    def weekly_points(name: str) -> list[Any]:
        return [
            None if p.mean is None else round(p.mean, 2)
            for p in weekly_series(data.days, name, start, today)
        ]

    weeks = weekly_series(data.days, "pain_average", start, today)
    labels = [date_format(w.start, "j M") for w in weeks]
    signals = {s.key: s for s in rv.signals}
    pain = signals["symptoms"].measures["pain"]
    cards = [
        {
            "key": "symptoms",
            "title": _("Symptoms"),
            "question": _("How is my pain?"),
            "signal": signals["symptoms"],
            "series": [
                charts.Series(_("Pain"), weekly_points("pain_average")),
                charts.Series(_("Stiffness"), weekly_points("stiffness")),
                charts.Series(_("Sleep quality"), weekly_points("sleep_quality")),
            ],
            "labels": labels,
            "baseline": pain.baseline,
            "baseline_label": _("first week's pain"),
        },
        {
            "key": "function",
            "title": _("Function"),
            "question": _("What can I do?"),
            "signal": signals["function"],
            "series": [
                charts.Series(_("My activities (0-10)"), [w.psfs_mean for w in data.weekly]),
                charts.Series(
                    _("Pain in the way of life"), [w.peg_interference for w in data.weekly]
                ),
            ],
            "labels": [date_format(w.date, "j M") for w in data.weekly],
            "baseline": None,
            "baseline_label": "",
        },
        {
            "key": "confidence",
            "title": _("Confidence"),
            "question": _("How willing am I to move?"),
            "signal": signals["confidence"],
            "series": [
                charts.Series(_("Confidence"), weekly_points("confidence")),
                charts.Series(_("Fear of moving"), weekly_points("fear")),
            ],
            "labels": labels,
            "baseline": None,
            "baseline_label": "",
        },
    ]
    for card in cards:
        has_data = any(v is not None for s in card["series"] for v in s.points)
        card["has_data"] = has_data
        card["chart"] = (
            charts.line_chart(
                card["series"],
                labels=card["labels"],
                y_max=10,
                title=f"{card['title']}: {card['question']}",
                description=str(card["signal"].sentence.text),
                baseline=card["baseline"],
                baseline_label=card["baseline_label"],
                chart_id=f"chart-{card['key']}",
            )
            if has_data
            else ""
        )
        card["table"] = [
            (label, [s.points[i] if i < len(s.points) else None for s in card["series"]])
            for i, label in enumerate(card["labels"])
        ]
    return {"review": rv, "data": data, "cards": cards}


@patient_required
def review(request: HttpRequest) -> HttpResponse:
    if (stop := tracking_gate(request)) is not None:
        return stop
    data = services.review_for(request.user)
    context = review_context(data)
    context.update({"nav": "review", "prompts": services.due_prompts(request.user)})
    return render(request, "tracking/review.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    patient = request.user
    current, _created = ReminderSettings.objects.get_or_create(patient=patient)
    form = ReminderForm(_post(request), initial={"enabled": current.enabled, "time": current.time})
    if request.method == "POST" and form.is_valid():
        services.update_reminders(
            patient, enabled=form.cleaned_data["enabled"], time=form.cleaned_data["time"]
        )
        messages.success(request, _("Reminder settings saved."))
        return redirect("tracking:reminders")
    last = ReminderDelivery.objects.filter(patient=patient).order_by("-local_date").first()
    return render(
        request, "tracking/reminders.html", {"nav": "settings", "form": form, "last": last}
    )
