"""Neurofeedback pages: the choices and past sessions (with the trend and the day's pain), the
session page (live while it runs, its results after), and the small status answer the live
page polls until its stream is up. The stream itself never passes through this server."""

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from painwise.assessment.gate import patient_page
from painwise.lib import charts
from painwise.lib.errors import DomainError
from painwise.lib.pages import save_form
from painwise.neurofeedback import launch, services
from painwise.neurofeedback.forms import PROTOCOL_NAMES, ChoicesForm
from painwise.neurofeedback.models import NfSession, Status
from painwise.tracking.services import pain_by_day

nf_page = patient_page()
CHART_POINTS = 120  # a session's score line is drawn from at most this many points


def _command(request: HttpRequest) -> str:
    """The command that starts the acquisition on the person's computer (remote servers)."""
    server = request.build_absolute_uri("/")
    return f"painwise neurofeedback run --server {server} --token YOUR-KEY"


def _own(request: HttpRequest, pk: int) -> NfSession:
    try:
        return services.own_session(request.user, pk)
    except NfSession.DoesNotExist:
        raise Http404("Not found") from None


def _percent(value: float | None) -> float | None:
    return None if value is None else round(value * 100)


def _trend(history: list[NfSession], pain: dict[Any, float]) -> str:
    if len(history) < 1:
        return ""
    labels = [date_format(s.local_date, "j M") for s in history]
    series = [
        charts.Series(
            _("Time in the reward zone (%)"),
            [_percent((s.summary or {}).get("time_in_reward")) for s in history],
        ),
        charts.Series(
            _("Pain that day (0-10, times 10)"),
            [None if pain.get(s.local_date) is None else pain[s.local_date] * 10 for s in history],
        ),
    ]
    return charts.line_chart(
        series,
        labels=labels,
        y_max=100,
        title=_("Your sessions and your pain"),
        description=_(
            "For each session: the share of the training time your signal was in the reward "
            "zone, and your pain check-in that day (0 to 10, shown times 10 to share the scale). "
            "They are shown together, not as cause and effect."
        ),
        x_title=_("Session date"),
        y_title=_("Percent"),
        chart_id="chart-nf-trend",
    )


@require_http_methods(["GET", "POST"])
@nf_page
def home(request: HttpRequest) -> HttpResponse:
    profile = services.profile(request.user)
    form = ChoicesForm(request.POST if request.method == "POST" else None, profile=profile)
    saved = save_form(request, form, _("Your choices are saved."), "neurofeedback:home")
    if saved is not None:
        return saved
    history = services.history(request.user)
    pain = pain_by_day(request.user, [s.local_date for s in history])
    rows = [
        {
            "session": s,
            "minutes": round(((s.summary or {}).get("seconds") or 0) / 60, 1),
            "reward": _percent((s.summary or {}).get("time_in_reward")),
            "pain": pain.get(s.local_date),
        }
        for s in history
    ]
    return render(
        request,
        "neurofeedback/home.html",
        {
            "form": form,
            "profile": profile,
            "rows": list(reversed(rows)),
            "trend": _trend(history, pain),
            "remote": settings.PAINWISE_NF_ACQUIRE != "local",
            "command": _command(request),
        },
    )


@require_POST
@nf_page
def start(request: HttpRequest) -> HttpResponse:
    if not services.profile(request.user).opted_in:
        return redirect("neurofeedback:home")
    try:
        session = services.start(request.user)
    except DomainError as exc:
        from django.contrib import messages

        messages.error(request, str(exc))
        return redirect("neurofeedback:home")
    if settings.PAINWISE_NF_ACQUIRE == "local":
        launch.start_local(session, request.build_absolute_uri("/"))
    return redirect("neurofeedback:session", pk=session.pk)


def _score_chart(record: dict[str, Any]) -> str:
    times, scores = record.get("t", []), record.get("score", [])
    if not times:
        return ""
    step = max(1, len(times) // CHART_POINTS)
    picked = range(0, len(times), step)
    labels = [f"{int(times[i] // 60)}:{int(times[i] % 60):02d}" for i in picked]
    return charts.line_chart(
        [
            charts.Series(
                _("Score"),
                [None if scores[i] is None else round(scores[i] * 100) for i in picked],
            )
        ],
        labels=labels,
        y_max=100,
        title=_("Your score during training (0-100)"),
        description=_(
            "How far your brain signal was from your calm starting level, moment by moment: "
            "50 is your usual level, higher is more of what this training rewards."
        ),
        x_title=_("Minutes into the session"),
        y_title=_("Score"),
        baseline=50,
        baseline_label=_("your usual level"),
        chart_id="chart-nf-session",
        width=640,
    )


@require_GET
@nf_page
def session(request: HttpRequest, pk: int) -> HttpResponse:
    found = _own(request, pk)
    context: dict[str, Any] = {
        "session": found,
        "protocol_name": PROTOCOL_NAMES.get(found.protocol, found.protocol),
    }
    if found.live:
        context["remote"] = settings.PAINWISE_NF_ACQUIRE != "local"
        context["command"] = _command(request)
        return render(request, "neurofeedback/live.html", context)
    summary = found.summary or {}
    record = services.record(found) if found.status == Status.FINISHED else {}
    context.update(
        {
            "summary": summary,
            "reward": _percent(summary.get("time_in_reward")),
            "minutes": round((summary.get("seconds") or 0) / 60, 1),
            "artifact_share": _percent(
                sum((summary.get("artifacts") or {}).values()) / summary["windows"]
                if summary.get("windows")
                else None
            ),
            "chart": _score_chart(record),
        }
    )
    return render(request, "neurofeedback/results.html", context)


@require_GET
@nf_page
def status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the live page needs until its stream is up: one small query, no waiting."""
    found = _own(request, pk)
    live = found.live and bool(found.stream_url)
    return JsonResponse(
        {
            "status": found.status,
            "message": found.message,
            "stream": f"{found.stream_url}/events?key={found.stream_key}" if live else "",
            "control": f"{found.stream_url}/control?key={found.stream_key}" if live else "",
        },
        headers={"Cache-Control": "no-store"},
    )
