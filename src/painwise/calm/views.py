"""The sleep diary (with weekly means and a plot) and the breathing pacer."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts.access import clinicians_of
from painwise.assessment.gate import patient_page
from painwise.calm import activation, services, thoughts
from painwise.calm.forms import NightForm
from painwise.calm.models import (
    Pattern,
    PlannedActivity,
    ProblemSheet,
    ThoughtRecord,
    Trap,
    ValuedActivity,
)
from painwise.calm.scripts import LENGTHS, SCRIPTS
from painwise.lib import charts
from painwise.lib.errors import DomainError
from painwise.lib.pages import act, form_page, json_reply, posted, save_form, start_page

calm_page = patient_page()


def _chart(weeks: list[dict[str, Any]]) -> str:
    if not any(w["nights"] for w in weeks):
        return ""
    good = round(services.SETTINGS.good_efficiency * 100)
    return charts.line_chart(
        [
            charts.Series(
                _("Sleep efficiency"),
                [None if w["efficiency"] is None else round(w["efficiency"] * 100) for w in weeks],
            )
        ],
        labels=[date_format(w["start"], "j M") for w in weeks],
        y_max=100,
        title=_("Sleep efficiency, week by week (%)"),
        description=_(
            "The share of time in bed spent asleep, as a mean for each week. %(good)s%% or more "
            "is the usual mark of good sleep."
        )
        % {"good": good},
        x_title=_("Week of"),
        y_title=_("Asleep in bed (%)"),
        baseline=good,
        baseline_label=_("good"),
        chart_id="chart-sleep",
    )


@calm_page
@require_http_methods(["GET", "POST"])
def sleep(request: HttpRequest) -> HttpResponse:
    patient = request.user
    today = services.today(patient)
    entries = services.nights(patient)
    weeks = services.weekly(entries, today - dt.timedelta(days=1))
    last = entries[-1] if entries else None
    context = {
        "nav": "practice",
        "entries": entries[-14:][::-1],
        "last": last,
        "last_percent": round(last.efficiency * 100) if last else None,
        "last_hours": f"{last.asleep_minutes / 60:.1f}" if last else None,
        "chart": _chart(weeks),
        "weeks": [w for w in weeks if w["nights"]][::-1],
        "good": round(services.SETTINGS.good_efficiency * 100),
    }
    initial = {"night_of": today - dt.timedelta(days=1), "wake_ups": 0, "minutes_awake": 0}
    form = NightForm(posted(request), initial=initial)
    done = _("Saved. Thank you for keeping your diary.")
    return form_page(request, form, "calm/sleep.html", context, done, "calm:sleep")


@calm_page
def breathe(request: HttpRequest) -> HttpResponse:
    context = {"nav": "practice", "patterns": Pattern.choices}
    return render(request, "calm/breathe.html", context)


@calm_page
@require_POST
def breathe_log(request: HttpRequest) -> HttpResponse:
    """Sent by the pacer when the person stops: {"seconds": 183.4, "pattern": "slow"}."""

    def log(data: dict[str, Any]) -> dict[str, Any]:
        session = services.log_breathing(request.user, data.get("seconds"), data.get("pattern"))
        return {"minutes": round(session.seconds / 60), "message": _logged(session.seconds)}

    return json_reply(request, log, _("The time could not be read."))


@calm_page
def mindful(request: HttpRequest) -> HttpResponse:
    context = {"nav": "practice", "scripts": list(SCRIPTS.values()), "lengths": LENGTHS}
    return render(request, "calm/mindful.html", context)


@calm_page
def mindful_session(request: HttpRequest, key: str, minutes: int) -> HttpResponse:
    script = SCRIPTS.get(key)
    if script is None or minutes not in LENGTHS:
        raise Http404("No such session")
    steps = list(zip(script.steps, script.seconds(minutes), strict=True))
    context = {"nav": "practice", "script": script, "minutes": minutes, "steps": steps}
    return render(request, "calm/mindful_session.html", context)


@calm_page
@require_POST
def mindful_log(request: HttpRequest) -> HttpResponse:
    """Sent by the session page when it ends: {"script", "minutes", "seconds"}."""

    def log(data: dict[str, Any]) -> dict[str, Any]:
        user = request.user
        session = services.log_mindful(
            user, data.get("script"), data.get("minutes"), data.get("seconds")
        )
        return {"message": _logged(session.seconds)}

    return json_reply(request, log, _("The time could not be read."))


def _logged(seconds: int) -> str:
    if seconds < 60:
        return ngettext(
            "Well done. %(n)s second logged.", "Well done. %(n)s seconds logged.", seconds
        ) % {"n": seconds}
    minutes = round(seconds / 60)
    return ngettext(
        "Well done. %(n)s minute logged.", "Well done. %(n)s minutes logged.", minutes
    ) % {"n": minutes}


# --- thought records ----------------------------------------------------------------------------


@calm_page
@require_http_methods(["GET", "POST"])
def thought_list(request: HttpRequest) -> HttpResponse:
    patient = request.user
    if request.method == "POST":
        record = thoughts.start(patient)
        return redirect("calm:thought_step", pk=record.pk, number=1)
    records = list(ThoughtRecord.objects.filter(patient=patient)[:50])
    context = {
        "nav": "practice",
        "drafts": [(r, thoughts.first_open_step(r)) for r in records if r.finished_at is None],
        "finished": [r for r in records if r.finished_at is not None],
    }
    return render(request, "calm/thoughts.html", context)


def _own_record(request: HttpRequest, pk: int) -> ThoughtRecord:
    record = get_object_or_404(ThoughtRecord, pk=pk, patient=request.user)
    return record


@calm_page
@require_http_methods(["GET", "POST"])
def thought_step(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    record = _own_record(request, pk)
    if not 1 <= number <= len(thoughts.STEPS):
        raise Http404("No such step")
    if record.finished_at is not None:
        return redirect("calm:thought", pk=record.pk)
    step = thoughts.STEPS[number - 1]
    initial = {name: getattr(record, name) for name in step.fields}
    form = step.form(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            thoughts.save_step(request.user, record.pk, number, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if number == len(thoughts.STEPS):
                return redirect("calm:thought", pk=record.pk)
            return redirect("calm:thought_step", pk=record.pk, number=number + 1)
    context = {
        "nav": "practice",
        "record": record,
        "step": step,
        "number": number,
        "total": len(thoughts.STEPS),
        "form": form,
        "trap_help": thoughts.TRAP_HELP,
        "back": reverse("calm:thought_step", args=[record.pk, number - 1]) if number > 1 else None,
    }
    return render(request, "calm/thought_step.html", context)


@calm_page
def thought(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_record(request, pk)
    if record.finished_at is None:
        return redirect("calm:thought_step", pk=record.pk, number=thoughts.first_open_step(record))
    context = {
        "nav": "practice",
        "record": record,
        "traps": [Trap(t).label for t in record.traps if t in Trap.values],
        "has_care_team": clinicians_of(request.user).exists(),
    }
    return render(request, "calm/thought.html", context)


@calm_page
@require_POST
def thought_share(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_record(request, pk)
    shared = request.POST.get("shared") == "1"
    if shared and not clinicians_of(request.user).exists():
        raise Http404("No care team")
    thoughts.share(request.user, record.pk, shared)
    return redirect("calm:thought", pk=record.pk)


# --- behavioural activation and problem solving -----------------------------------------------


@calm_page
@require_http_methods(["GET", "POST"])
def activities(request: HttpRequest) -> HttpResponse:
    patient = request.user
    add = activation.ActivityForm(posted(request) if "name" in request.POST else None)
    plan = activation.PlanForm(posted(request) if "day" in request.POST else None, patient=patient)
    for form, done in ((add, _("Added.")), (plan, _("Planned."))):
        if form.is_bound and (saved := save_form(request, form, done, "calm:activities")):
            return saved
    context = {
        "nav": "practice",
        "add": add,
        "plan": plan,
        "valued": list(ValuedActivity.objects.filter(patient=patient)),
        "week": (week := activation.week(patient)),
        "marks": [(p, activation.MarkForm(prefix=f"m{p.pk}")) for p in week["to_mark"]],
    }
    return render(request, "calm/activities.html", context)


@calm_page
@require_POST
def mark_activity(request: HttpRequest, pk: int) -> HttpResponse:
    planned = get_object_or_404(PlannedActivity, pk=pk, activity__patient=request.user)
    form = activation.MarkForm(request.POST, prefix=f"m{planned.pk}")
    done = request.POST.get("done") == "1"
    if not form.is_valid():
        messages.error(request, _("Please choose numbers from 0 to 10."))
        return redirect("calm:activities")
    act(
        request,
        lambda: activation.mark(
            request.user,
            planned.pk,
            done,
            form.cleaned_data["mood_before"],
            form.cleaned_data["mood_after"],
        ),
        _("Well done.") if done else _("Noted. Maybe another day."),
    )
    return redirect("calm:activities")


@calm_page
@require_http_methods(["GET", "POST"])
def problems(request: HttpRequest) -> HttpResponse:
    context = {
        "nav": "practice",
        "sheets": list(ProblemSheet.objects.filter(patient=request.user)[:30]),
    }
    form = activation.ProblemForm(posted(request))
    return start_page(request, form, "calm/problems.html", context, "calm:problem")


@calm_page
@require_http_methods(["GET", "POST"])
def problem(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = get_object_or_404(ProblemSheet, pk=pk, patient=request.user)
    form = activation.ReviewForm(posted(request), initial={"review": sheet.review})
    if request.method == "POST" and form.is_valid():
        sheet.review = form.cleaned_data["review"]
        sheet.save(update_fields=["review"])
        messages.success(request, _("Saved."))
        return redirect("calm:problem", pk=sheet.pk)
    context = {
        "nav": "practice",
        "sheet": sheet,
        "form": form,
        "has_care_team": clinicians_of(request.user).exists(),
    }
    return render(request, "calm/problem.html", context)


@calm_page
@require_POST
def problem_share(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = get_object_or_404(ProblemSheet, pk=pk, patient=request.user)
    shared = request.POST.get("shared") == "1"
    act(request, lambda: activation.share_problem(request.user, sheet.pk, shared), _("Saved."))
    return redirect("calm:problem", pk=sheet.pk)
