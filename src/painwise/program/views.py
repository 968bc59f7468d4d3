"""The patient's daily program: Today, the plan, progress, exercises, flare-ups."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts.decorators import patient_required
from painwise.assessment.views import patient_gate
from painwise.program import services, toolkit
from painwise.program.drawings import drawing
from painwise.program.exercises import EXERCISE_BY_SLUG, EXERCISES
from painwise.program.forms import AmountForm, FlarePlanForm, PreferencesForm
from painwise.program.models import ActivityTrack, FlarePlan
from painwise.tracking.services import due_prompts
from painwise.web import charts

MODULE_NAMES = {
    "education": gettext_lazy("Understanding pain"),
    "graded_activity": gettext_lazy("Graded activity and exercise"),
    "pain_reprocessing": gettext_lazy("Pain reprocessing"),
    "graded_exposure": gettext_lazy("Graded exposure"),
    "cbt": gettext_lazy("Thinking skills (CBT)"),
    "sleep": gettext_lazy("Sleep"),
    "mindfulness": gettext_lazy("Mindfulness and breathing"),
    "discuss_with_clinician": gettext_lazy("Talk with your clinician"),
}


# Modules whose content exists in this version; the others are chosen and explained, and their
# lessons arrive with later issues.
READY_MODULES = ("graded_activity", "discuss_with_clinician")


def gate(request: HttpRequest) -> HttpResponse | None:
    """No program content until the assessment allows it."""
    return patient_gate(request, allow_urgent=False)


def _track(request: HttpRequest, pk: int) -> ActivityTrack:
    return get_object_or_404(ActivityTrack, pk=pk, patient=request.user)


def _amount_text(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:.0f} {services.unit_label(unit)}"


@patient_required
def today(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    patient = request.user
    plan = services.ensure_plan(patient)
    day = services.today_for(patient)
    states = services.track_states(patient, day)
    activities = [
        {
            "s": st,
            "label": services.activity_label(st.track.key),
            "unit": services.unit_label(st.track.unit),
            "quota_text": _amount_text(st.state.quota, st.track.unit),
            "done_text": _amount_text(st.done_today, st.track.unit),
            "done": st.state.quota is not None and st.done_today >= st.state.quota - 1e-9,
            "timer_seconds": round(st.remaining * 60)
            if st.remaining is not None and st.track.unit == "minutes"
            else None,
            "tests_needed": max(0, 3 - len(st.tests)),
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
        "has_flare_plan": FlarePlan.objects.filter(patient=patient).exists(),
    }
    return render(request, "program/today.html", context)


@patient_required
@require_POST
def tolerance(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    form = AmountForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter how much you did, as a number more than 0."))
        return redirect("program:today")
    track = _track(request, form.cleaned_data["track"])
    try:
        services.record_tolerance(track, form.cleaned_data["amount"])
    except services.ProgramError as exc:
        messages.error(request, _("That test was not saved: it %(why)s.") % {"why": exc})
    else:
        messages.success(request, _("Tolerance test saved."))
    return redirect("program:today")


@patient_required
@require_POST
def log(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    if request.POST.get("rest_of_quota"):
        # "Done: I did my quota" logs exactly what was left of today's quota.
        raw = request.POST.get("track", "")
        if not raw.isdigit():
            raise Http404("No such activity")
        track = _track(request, int(raw))
        state = next(
            (st for st in services.track_states(request.user) if st.track.pk == track.pk), None
        )
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
    except services.ProgramError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Well done. Logged."))
    return redirect("program:today")


def _plan_context(plan: Any) -> dict[str, Any]:
    modules = [
        {**m, "name": MODULE_NAMES.get(m["key"], m["key"])}
        for m in (plan.data["modules"] if plan else [])
    ]
    return {
        "plan": plan,
        "modules": modules,
        "ready_modules": READY_MODULES,
        "exercises": [
            EXERCISE_BY_SLUG[s]
            for s in (plan.data["exercises"] if plan else [])
            if s in EXERCISE_BY_SLUG
        ],
    }


@patient_required
def plan_view(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    plan = services.ensure_plan(request.user)
    context = {
        "nav": "plan",
        **_plan_context(plan),
        "history": request.user.plans.order_by("-created_at")[:10],
    }
    return render(request, "program/plan.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    plan = services.ensure_plan(request.user)
    if plan is None:
        return redirect("program:today")
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={"daily_minutes": plan.data["daily_minutes"], "exercises": plan.data["exercises"]},
    )
    if request.method == "POST" and form.is_valid():
        services.build_for(
            request.user, actor=request.user, source="patient", preferences=form.cleaned_data
        )
        messages.success(request, _("Your plan is updated."))
        return redirect("program:plan")
    return render(request, "program/preferences.html", {"nav": "plan", "form": form})


@patient_required
def progress(request: HttpRequest) -> HttpResponse:
    if (stop := gate(request)) is not None:
        return stop
    cards = []
    for st in services.track_states(request.user):
        if not st.state.history:
            cards.append(
                {"s": st, "label": services.activity_label(st.track.key), "chart": "", "events": []}
            )
            continue
        weeks: dict[int, list[Any]] = {}
        start = st.state.history[0].date
        for h in st.state.history:
            weeks.setdefault((h.date - start).days // 7, []).append(h)
        labels = [date_format(days[0].date, "j M") for days in weeks.values()]
        quota = [round(sum(h.quota for h in days) / len(days), 1) for days in weeks.values()]
        done = [round(sum(h.done for h in days) / len(days), 1) for days in weeks.values()]
        label = services.activity_label(st.track.key)
        unit = services.unit_label(st.track.unit)
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
                    description=_("Average daily quota and amount done each week, in %(u)s.")
                    % {"u": unit},
                    chart_id=f"progress-{st.track.pk}",
                ),
                "table": list(zip(labels, quota, done, strict=True)),
                "events": [(d, r) for d, r in st.state.events][-8:],
            }
        )
    return render(request, "program/progress.html", {"nav": "plan", "cards": cards})


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


@patient_required
@require_http_methods(["GET", "POST"])
def flare(request: HttpRequest) -> HttpResponse:
    """One tap from Today: declare a flare, and see the flare plan written in calm times."""
    if (stop := gate(request)) is not None:
        return stop
    if request.method == "POST":
        services.declare_flare(request.user)
        messages.info(
            request, _("Flare-up noted. Your activity quota is lowered for now: less, not nothing.")
        )
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
    form = FlarePlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_flare_plan(request.user, form.cleaned_data)
        messages.success(
            request, _("Your flare-up plan is saved. It is one tap away when you need it.")
        )
        return redirect("program:flare")
    return render(request, "program/flare_plan.html", {"nav": "plan", "form": form})
