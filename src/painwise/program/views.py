"""The patient's daily program: Today, the plan, progress, exercises, flare-ups."""

import math
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts.decorators import patient_required
from painwise.assessment.gate import patient_page
from painwise.assessment.services import latest_reopened
from painwise.clinical.common import at_least
from painwise.clinical.program.pacing import amount_words
from painwise.lib import charts, practices
from painwise.lib.errors import DomainError
from painwise.lib.forms import whole_number
from painwise.lib.pages import form_page, posted
from painwise.program import services, toolkit
from painwise.program.drawings import drawing
from painwise.program.exercises import EXERCISE_BY_SLUG, EXERCISES
from painwise.program.forms import AmountForm, FlarePlanForm, PreferencesForm
from painwise.program.labels import MODULE_NAMES, activity_label, unit_label
from painwise.program.models import ActivityTrack, FlarePlan
from painwise.tracking.services import due_prompts

# Parts of the plan that live on the program's own pages; the training modules register
# themselves in lib.practices when their app is installed.
OWN_MODULES = ("graded_activity", "discuss_with_clinician")

# No program content until the assessment allows it (red flags pause it).
program_page = patient_page(allow_urgent=False)


def _track(request: HttpRequest, pk: int) -> ActivityTrack:
    return get_object_or_404(ActivityTrack, pk=pk, patient=request.user)


def _amount_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{amount_words(value)} {unit_label(unit)}"


@program_page
def today(request: HttpRequest) -> HttpResponse:
    patient = request.user
    plan = services.plan_for(patient)
    day = services.today_for(patient)
    states = services.track_states(patient, day, recent=True)
    activities = [
        {
            "s": st,
            "label": activity_label(st.track.key),
            "unit": unit_label(st.track.unit),
            "quota_text": _amount_text(st.state.quota, st.track.unit),
            "done_text": _amount_text(st.done_today, st.track.unit),
            "done": st.state.quota is not None and at_least(st.done_today, st.state.quota),
            # The quota as shown (one decimal), in whole seconds rounded down: the timer never
            # shows more than the quota on the page.
            "timer_seconds": math.floor(round(st.remaining, 1) * 60)
            if st.remaining is not None and st.track.unit == "minutes"
            else None,
            "tests_needed": st.tests_needed,
            "latest_event": st.state.events[-1][1] if st.state.events else None,
        }
        for st in states
    ]
    exercises = [
        EXERCISE_BY_SLUG[s]
        for s in (plan.data["exercises"] if plan else [])
        if s in EXERCISE_BY_SLUG
    ]
    context = {
        "nav": "today",
        "today": day,
        "plan": plan,
        "activities": activities,
        "exercises": exercises,
        "card": toolkit.card_of_the_day(day.toordinal()),
        "prompts": due_prompts(patient),
        "review_due": plan is not None and day >= plan.review_date,
        "flare_plan": FlarePlan.objects.filter(patient=patient).first(),
        "in_flare": services.in_flare_today(patient, states),
        "reopened": _recently_reopened(patient, day),
        "practice": practices.today_items(patient, plan.data["modules"] if plan else [], day),
        "learn_url": practices.area_url("education"),
        "practice_url": practices.area_url("pain_reprocessing"),
    }
    return render(request, "program/today.html", context)


def _recently_reopened(patient: Any, day: Any) -> Any:
    """A red-flag result reopened in the last four weeks: Today says by whom and when."""
    record = latest_reopened(patient)
    if record is None:
        return None
    when = record.cleared_at or record.seen_confirmed_at
    return record if (day - when.astimezone(patient.tzinfo).date()).days <= 28 else None


@program_page
@require_POST
def tolerance(request: HttpRequest) -> HttpResponse:
    form = AmountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter how much you did, as a number more than 0."))
        return redirect("program:today")
    track = _track(request, form.cleaned_data["track"])
    try:
        services.record_tolerance(track, form.cleaned_data["amount"])
    except DomainError as exc:
        messages.error(request, _("That test was not saved. %(why)s") % {"why": exc})
    else:
        messages.success(request, _("Tolerance test saved."))
    return redirect("program:today")


@program_page
@require_POST
def log(request: HttpRequest) -> HttpResponse:
    if request.POST.get("rest_of_quota"):
        # "Done: I did my quota" logs exactly what was left of today's quota.
        track_id = whole_number(request.POST.get("track", ""))
        if track_id is None:
            raise Http404("No such activity")
        track = _track(request, track_id)
        states = services.track_states(request.user, recent=True)  # as Today showed it
        state = next((st for st in states if st.track.pk == track.pk), None)
        if state is None or not state.remaining:
            return redirect("program:today")
        amount = state.remaining
    else:
        form = AmountForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please enter how much you did, as a number more than 0."))
            return redirect("program:today")
        track = _track(request, form.cleaned_data["track"])
        amount = form.cleaned_data["amount"]
    try:
        services.log_activity(track, amount)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Well done. Logged."))
    return redirect("program:today")


def _plan_context(plan: Any) -> dict[str, Any]:
    modules = [
        {
            **m,
            "name": MODULE_NAMES.get(m["key"], m["key"]),
            "ready": m["key"] in OWN_MODULES or practices.ready(m["key"]),
            "area_url": practices.area_url(m["key"]),
        }
        for m in (plan.data["modules"] if plan else [])
    ]
    return {
        "plan": plan,
        "modules": modules,
        "exercises": [
            EXERCISE_BY_SLUG[s]
            for s in (plan.data["exercises"] if plan else [])
            if s in EXERCISE_BY_SLUG
        ],
    }


@program_page
def plan_view(request: HttpRequest) -> HttpResponse:
    plan = services.plan_for(request.user)
    context = {
        "nav": "plan",
        **_plan_context(plan),
        "history": request.user.plans.order_by("-created_at")[:10],
    }
    return render(request, "program/plan.html", context)


@program_page
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    plan = services.plan_for(request.user)
    if plan is None:
        return redirect("program:today")
    form = PreferencesForm(
        posted(request),
        initial={"daily_minutes": plan.data["daily_minutes"], "exercises": plan.data["exercises"]},
    )
    done = _("Your plan is updated.")
    return form_page(
        request, form, "program/preferences.html", {"nav": "plan"}, done, "program:plan"
    )


def collapse_events(events: Any) -> list[dict[str, Any]]:
    """The weekly story, without the same sentence week after week: the same rule with the same
    words in consecutive weeks is one line ("3 weeks, 2 Nov to 16 Nov: ...")."""
    out: list[dict[str, Any]] = []
    for day, reason in events:
        last = out[-1] if out else None
        if last and last["reason"].rule == reason.rule and last["reason"].params == reason.params:
            last["last"], last["weeks"] = day, last["weeks"] + 1
        else:
            out.append({"first": day, "last": day, "weeks": 1, "reason": reason})
    return out


@program_page
def progress(request: HttpRequest) -> HttpResponse:
    cards = []
    for st in services.track_states(request.user):
        if not st.state.history:
            cards.append(
                {"s": st, "label": activity_label(st.track.key), "chart": "", "events": []}
            )
            continue
        weeks: dict[int, list[Any]] = {}
        start = st.state.history[0].date
        for h in st.state.history:
            weeks.setdefault((h.date - start).days // 7, []).append(h)
        shown = list(weeks.values())[-charts.RECENT_WEEKS :]
        labels = [date_format(days[0].date, "j M") for days in shown]
        quota = [round(sum(h.quota for h in days) / len(days), 1) for days in shown]
        done = [round(sum(h.done for h in days) / len(days), 1) for days in shown]
        label = activity_label(st.track.key)
        unit = unit_label(st.track.unit)
        cards.append(
            {
                "s": st,
                "label": label,
                "unit": unit,
                "chart": charts.line_chart(
                    [
                        charts.Series(_("Quota (a day)"), quota),
                        charts.Series(_("Done (a day)"), done),
                    ],
                    labels=labels,
                    y_max=max([st.track.goal, *quota, *done]) * 1.1,
                    title=_("%(a)s: quota and done, per week") % {"a": label},
                    x_title=_("Week starting"),
                    y_title=_("%(u)s a day (weekly mean)") % {"u": unit.capitalize()},
                    description=_("Average daily quota and amount done each week, in %(u)s.")
                    % {"u": unit},
                    chart_id=f"progress-{st.track.pk}",
                ),
                "table": list(zip(labels, quota, done, strict=True)),
                "events": collapse_events(st.state.events)[-8:],
            }
        )
    context = {"nav": "plan", "cards": cards, "recent_weeks": charts.RECENT_WEEKS}
    return render(request, "program/progress.html", context)


@patient_required
def exercise_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "program/exercises.html",
        {"nav": "plan", "exercises": [(e, drawing(e, size=160)) for e in EXERCISES]},
    )


@patient_required
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = EXERCISE_BY_SLUG.get(slug)
    if exercise is None:
        raise Http404("No such exercise")
    return render(
        request,
        "program/exercise.html",
        {"nav": "plan", "e": exercise, "drawing": drawing(exercise, size=320)},
    )


def _flare_message(states: list[Any]) -> str:
    """What a declared flare changed today, as it is: a lower quota, a quota already at its
    gentle level, or (in the baseline week) no quota at all."""
    quotas = [st for st in states if st.state.quota is not None]
    if not quotas:
        return _("Flare-up noted. Go gently today: less, not nothing.")
    parts = "; ".join(
        f"{activity_label(st.track.key)} {_amount_text(st.state.quota, st.track.unit)}"
        for st in quotas
    )
    history = [st.state.history for st in quotas]
    if any(len(h) > 1 and h[-1].quota < h[-2].quota for h in history):
        return _("Flare-up noted. Your quota is lower from today: %(q)s. Less, not nothing.") % {
            "q": parts
        }
    return _("Flare-up noted. Your quota stays at its gentle level: %(q)s.") % {"q": parts}


@program_page
@require_http_methods(["GET", "POST"])
def flare(request: HttpRequest) -> HttpResponse:
    """One tap from Today: declare a flare, and see the flare plan written in calm times."""
    if request.method == "POST":
        services.declare_flare(request.user)
        messages.info(request, _flare_message(services.track_states(request.user)))
        return redirect("program:flare")
    fp = FlarePlan.objects.filter(patient=request.user).first()
    staples = [
        EXERCISE_BY_SLUG[s] for s in (fp.staple_exercises if fp else []) if s in EXERCISE_BY_SLUG
    ]
    return render(request, "program/flare.html", {"nav": "today", "fp": fp, "staples": staples})


@patient_required
@require_http_methods(["GET", "POST"])
def flare_plan(request: HttpRequest) -> HttpResponse:
    fp = FlarePlan.objects.filter(patient=request.user).first()
    initial = (
        {
            k: getattr(fp, k)
            for k in ("what_helps", "what_to_reduce", "who_to_call", "staple_exercises")
        }
        if fp
        else {}
    )
    form = FlarePlanForm(posted(request), initial=initial)
    done = _("Your flare-up plan is saved. It is one tap away when you need it.")
    return form_page(
        request, form, "program/flare_plan.html", {"nav": "plan"}, done, "program:flare"
    )
