"""Left and right training (graded motor imagery): the start page with past results, the trainer
(pictures one at a time; times measured in the browser), a session's results, and explicit
motor imagery."""

import math
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from painwise.assessment.gate import patient_page
from painwise.clinical.gmi.results import SIDES, accuracy_ok, time_ok
from painwise.gmi import services
from painwise.gmi.forms import ImageryAfterForm, ImageryStartForm, StartForm
from painwise.gmi.imagery import SCRIPTS
from painwise.gmi.models import GmiSession, ImagerySession
from painwise.lib import charts, practices
from painwise.lib.pages import finish_page, json_reply, posted, start_page

gmi_page = patient_page()
FORM_METHODS = require_http_methods(["GET", "POST"])
PART_NAMES = {
    "trunk": gettext_lazy("Backs"),
    "neck": gettext_lazy("Necks"),
    "hand": gettext_lazy("Hands"),
    "foot": gettext_lazy("Feet"),
}


def _per_side(history: list[services.Result], value: Any) -> list[charts.Series]:
    """A line for each side: ``value`` of that side's numbers in each session."""
    names = {"left": _("Left"), "right": _("Right")}
    return [
        charts.Series(names[side], [value(r.summary.by_side[side]) for r in history])
        for side in SIDES
    ]


def _charts(history: list[services.Result]) -> tuple[str, str]:
    if not history:
        return "", ""
    labels = [date_format(r.session.local_date, "j M") for r in history]
    norm = round(services.SETTINGS.accuracy_norm * 100)
    accuracy = charts.line_chart(
        _per_side(history, lambda stat: _percent(stat.accuracy)),
        labels=labels,
        y_max=100,
        title=_("Right answers per session (%)"),
        description=_(
            "The share of right answers for pictures turned or bent to the left and to the "
            "right. The practice target is %(norm)s%%."
        )
        % {"norm": norm},
        x_title=_("Session date"),
        y_title=_("Right answers (%)"),
        baseline=norm,
        baseline_label=_("target"),
        chart_id="chart-gmi-accuracy",
    )
    slowest = max(math.ceil(_seconds(r.summary.overall.median_ms) or 0) for r in history)
    times = charts.line_chart(
        _per_side(history, lambda stat: _seconds(stat.median_ms)),
        labels=labels,
        y_max=float(max(4, slowest)),  # whole seconds: 4 covers nearly everyone
        title=_("Typical answer time per session (seconds)"),
        description=_("The middle answer time for each side. Lower is quicker."),
        x_title=_("Session date"),
        y_title=_("Seconds"),
        chart_id="chart-gmi-time",
    )
    return accuracy, times


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100)


def _seconds(ms: float | None) -> float | None:
    return None if ms is None else round(ms / 1000, 2)


@gmi_page
@FORM_METHODS
def home(request: HttpRequest) -> HttpResponse:
    patient = request.user
    history = services.history(patient)
    accuracy_chart, time_chart = _charts(history)
    context = {
        "nav": "practice",
        "history": history[-8:][::-1],
        "accuracy_chart": accuracy_chart,
        "time_chart": time_chart,
        "level": services.current_level(patient),
        "open_session": GmiSession.objects.filter(patient=patient, finished_at__isnull=True)
        .order_by("-started_at")
        .first(),
        "scripts": sorted(SCRIPTS.values(), key=lambda s: s.grade),
        # The third stage for backs is real movement in small steps: the fear ladder.
        "ladder_url": (reverse(area) if (area := practices.area_url("graded_exposure")) else None),
    }
    form = StartForm(posted(request))
    return start_page(request, form, "gmi/home.html", context, "gmi:trainer")


@gmi_page
def trainer(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(GmiSession, pk=pk, patient=request.user)
    if session.finished_at is not None:
        return redirect("gmi:results", pk=session.pk)
    answered = set(session.trials.values_list("index", flat=True))
    shown = [
        (i, pic.svg(_("Picture %(n)s of %(total)s") % {"n": i + 1, "total": session.size}))
        for i, pic in enumerate(services.pictures(session))
        if i not in answered
    ]
    context = {
        "nav": "practice",
        "session": session,
        "pictures": shown,
        "done": len(answered),
        "limit_ms": services.time_limit_ms(session),
    }
    return render(request, "gmi/trainer.html", context)


@gmi_page
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """One answer, as JSON: {"index": 3, "answer": "left", "ms": 1234.5}. The reply says whether
    it was right and whether the session is finished; a refused answer gets 409 or 422 and a
    message, and changes nothing."""

    def store(data: dict[str, Any]) -> dict[str, Any]:
        done = services.answer(
            request.user, pk, data.get("index"), data.get("answer"), data.get("ms")
        )
        return {
            "correct": done.trial.correct,
            "side": done.trial.side,
            "finished": done.finished,
            "results": reverse("gmi:results", args=[pk]) if done.finished else None,
        }

    return json_reply(request, store, _("The answer could not be read."))


@gmi_page
@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.end_session(request.user, pk)
    except GmiSession.DoesNotExist as exc:
        raise Http404("Not found") from exc
    return redirect("gmi:results", pk=pk)


@gmi_page
def results(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(GmiSession, pk=pk, patient=request.user)
    if session.finished_at is None:
        return redirect("gmi:trainer", pk=session.pk)
    found = services.result(session)
    rows = []
    for side in SIDES:
        stat = found.summary.by_side[side]
        rows.append((_("Left") if side == "left" else _("Right"), stat, accuracy_ok(stat)))
    parts = []
    for part, stat in found.summary.by_part.items():
        parts.append(
            (
                PART_NAMES.get(part, part),
                stat,
                accuracy_ok(stat),
                time_ok(stat, part),
                services.SETTINGS.response_norm_ms[part] / 1000,
            )
        )
    context = {
        "nav": "practice",
        "session": session,
        "summary": found.summary,
        "sides": rows,
        "parts": parts,
        "norm": round(services.SETTINGS.accuracy_norm * 100),
        "next_level": services.level_after(session),
    }
    return render(request, "gmi/results.html", context)


@gmi_page
@FORM_METHODS
def imagery(request: HttpRequest) -> HttpResponse:
    form = ImageryStartForm(posted(request))
    return start_page(
        request, form, "gmi/imagery_start.html", {"nav": "practice"}, "gmi:imagery_session"
    )


@gmi_page
@FORM_METHODS
def imagery_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(ImagerySession, pk=pk, patient=request.user)
    form = ImageryAfterForm(posted(request), session_id=session.pk)
    context = {"nav": "practice", "script": SCRIPTS[session.movement]}
    done = _("Saved. Well done: imagining a movement calmly is practice for doing it.")
    return finish_page(
        request, session, form, "gmi/imagery_session.html", context, done, "gmi:home"
    )
