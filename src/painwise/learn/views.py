"""The Learn area (lessons) and the Practice area (somatic tracking, the evidence journal, the
fear ladder). Pages that work without JavaScript; a little of it reads lessons aloud, steps
through a session and records that a lesson was opened."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts.access import clinicians_of
from painwise.assessment.gate import patient_page
from painwise.clinical.learn.lessons import Lesson
from painwise.learn import services
from painwise.learn.content import library
from painwise.learn.forms import (
    CheckForm,
    GoalForm,
    JournalForm,
    SomaticAfterForm,
    SomaticBeforeForm,
    StepForm,
    TrialAfterForm,
    TrialBeforeForm,
)
from painwise.learn.models import ExposureStep, ExposureTrial, JournalEntry, SomaticSession
from painwise.lib import charts, practices
from painwise.lib.pages import act, finish_page, form_page, posted, start_page
from painwise.lib.reasons import reason_text
from painwise.program.labels import module_blurb, module_name
from painwise.tracking import services as tracking
from painwise.tracking.models import BeliefsCheck

learn_page = patient_page()
FORM_METHODS = require_http_methods(["GET", "POST"])


# --- lessons ----------------------------------------------------------------------------------


@learn_page
def lessons(request: HttpRequest) -> HttpResponse:
    rows = services.lesson_rows(request.user)
    upcoming = next((row for row in rows if not row.finished), None)
    done = sum(row.finished for row in rows)
    context = {"nav": "learn", "rows": rows, "upcoming": upcoming, "done": done}
    return render(request, "learn/lessons.html", context)


def _lesson(lesson_id: str) -> Lesson:
    found = services.get_lesson(lesson_id)
    if found is None:
        raise Http404("No such lesson")
    return found


@learn_page
@FORM_METHODS
def lesson(request: HttpRequest, lesson_id: str) -> HttpResponse:
    found = _lesson(lesson_id)
    form = CheckForm(posted(request), lesson=found)
    back = reverse("learn:lesson", args=[found.id]) + "#check"
    progress = services.lesson_progress(request.user, found)
    answers = progress.answers if progress and progress.finished_at else []
    results = [
        (q, q.choices[a], next(c for c in q.choices if c.correct))
        for q, a in zip(found.questions, answers, strict=False)
    ]
    rows = services.lesson_rows(request.user)
    ids = [row.lesson.id for row in rows]
    after = rows[ids.index(found.id) + 1].lesson if found.id in ids[:-1] else None
    context = {
        "nav": "learn",
        "lesson": found,
        "html": library().html[found.id],
        "references": [library().references[key] for key in found.references],
        "progress": progress,
        "results": results,
        "next_lesson": after,
    }
    return form_page(
        request, form, "learn/lesson.html", context, _("Lesson finished. Well done."), back
    )


@learn_page
@require_POST
def opened(request: HttpRequest, lesson_id: str) -> HttpResponse:
    """Sent by the lesson page's script when the lesson is shown (a page view never writes)."""
    found = _lesson(lesson_id)
    services.open_lesson(request.user, found)
    return HttpResponse(status=204)


# --- the practice hub and somatic tracking ------------------------------------------------------


@learn_page
def practice(request: HttpRequest) -> HttpResponse:
    patient = request.user
    sessions = services.somatic_history(patient)
    beliefs = tracking.recent_beliefs(patient, 24)  # the latest two years, oldest first
    rungs = services.ladder(patient)
    context = {
        "nav": "practice",
        "sessions": sessions[-12:],
        "sentence": services.somatic_sentence(sessions),
        "somatic_chart": _somatic_chart(sessions),
        "attribution_chart": _attribution_chart(beliefs),
        "beliefs": beliefs,
        "open_session": SomaticSession.objects.filter(patient=patient, finished_at__isnull=True)
        .order_by("-started_at")
        .first(),
        "journal_count": JournalEntry.objects.filter(patient=patient).count(),
        "rungs": rungs,
        "suggested": services.suggested_step(rungs),
        "upcoming": services.next_lesson_for(patient),
        "has_care_team": clinicians_of(patient).exists(),
        # Practice from other modules (left and right training, ...), found in the registry.
        "more": [
            (module_name(m.key), module_blurb(m.key), reverse(m.area_url))
            for m in practices.modules()
            if m.key not in ("education", "pain_reprocessing", "graded_exposure")
        ],
    }
    return render(request, "learn/practice.html", context)


def _somatic_chart(sessions: list[SomaticSession]) -> str:
    if not sessions:
        return ""
    recent = sessions[-12:]
    sentence = services.somatic_sentence(sessions)
    return charts.line_chart(
        [
            charts.Series(_("Pain before"), [s.pain_before for s in recent]),
            charts.Series(_("Pain after"), [s.pain_after for s in recent]),
        ],
        labels=[date_format(s.local_date, "j M") for s in recent],
        y_max=10,
        title=_("Pain before and after each session"),
        description=reason_text(sentence) if sentence else "",
        x_title=_("Session date"),
        y_title=_("Pain (0-10)"),
        chart_id="chart-somatic",
    )


def _attribution_chart(beliefs: list[BeliefsCheck]) -> str:
    if not beliefs:
        return ""
    return charts.line_chart(
        [charts.Series(_("From brain and nerves"), [b.attribution_brain for b in beliefs])],
        labels=[date_format(b.local_date, "j M") for b in beliefs],
        y_max=100,
        title=_("Where I think my pain comes from"),
        description=_(
            "0 = all from damage in my body, 100 = all from my brain and nervous system."
        ),
        x_title=_("Month"),
        y_title=_("Brain and nerves (0-100)"),
        chart_id="chart-attribution",
    )


@learn_page
@FORM_METHODS
def somatic(request: HttpRequest) -> HttpResponse:
    form = SomaticBeforeForm(posted(request))
    return start_page(
        request, form, "learn/somatic_start.html", {"nav": "practice"}, "learn:somatic_session"
    )


@learn_page
@FORM_METHODS
def somatic_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(SomaticSession, pk=pk, patient=request.user)
    form = SomaticAfterForm(posted(request), session_id=session.pk)
    then = reverse("learn:practice") + "#somatic"
    done = _("Session saved. Thank you for practising.")
    context = {"nav": "practice"}
    return finish_page(request, session, form, "learn/somatic_session.html", context, done, then)


# --- the evidence journal -------------------------------------------------------------------------


@learn_page
@FORM_METHODS
def journal(request: HttpRequest) -> HttpResponse:
    patient = request.user
    care_team = clinicians_of(patient).exists()
    context = {
        "nav": "practice",
        "entries": services.journal(patient),
        "offered": services.offered_patterns(patient),
        "has_care_team": care_team,
    }
    done = _("Added to your journal.")
    form = JournalForm(posted(request), care_team=care_team)
    return form_page(request, form, "learn/journal.html", context, done, "learn:journal")


@learn_page
@require_POST
def accept_pattern(request: HttpRequest) -> HttpResponse:
    key = request.POST.get("key", "")
    act(
        request,
        lambda: services.accept_pattern(request.user, key),
        _("Added to your journal."),
    )
    return redirect("learn:journal")


@learn_page
@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(JournalEntry, pk=pk, patient=request.user)
    shared = request.POST.get("shared") == "1"
    if shared and not clinicians_of(request.user).exists():
        messages.error(
            request, _("No clinician is linked to your account, so there is no one to share with.")
        )
        return redirect("learn:journal")
    services.share_entry(request.user, entry.pk, shared)
    messages.success(
        request,
        _("Your clinician can now see this entry.")
        if shared
        else _("This entry is private again."),
    )
    return redirect("learn:journal")


# --- the fear ladder --------------------------------------------------------------------------------


@learn_page
@FORM_METHODS
def ladder(request: HttpRequest) -> HttpResponse:
    rungs = services.ladder(request.user)
    context = {"nav": "practice", "rungs": rungs, "suggested": services.suggested_step(rungs)}
    done = _("Step added to your ladder.")
    form = StepForm(posted(request))
    return form_page(request, form, "learn/ladder.html", context, done, "learn:ladder")


@learn_page
@require_POST
def remove_step(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(ExposureStep, pk=pk, patient=request.user, archived_at__isnull=True)
    services.remove_step(request.user, step.pk)
    messages.success(request, _("Step removed. Its experiments are kept."))
    return redirect("learn:ladder")


@learn_page
@FORM_METHODS
def try_step(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(ExposureStep, pk=pk, patient=request.user, archived_at__isnull=True)
    opened = step.trials.filter(finished_at__isnull=True).order_by("-started_at").first()
    if opened is not None and request.method == "GET":
        return redirect("learn:trial", pk=opened.pk)
    form = TrialBeforeForm(posted(request), step_id=step.pk)
    return start_page(
        request, form, "learn/trial_start.html", {"nav": "practice", "step": step}, "learn:trial"
    )


@learn_page
@FORM_METHODS
def trial(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ExposureTrial, pk=pk, step__patient=request.user)
    form = TrialAfterForm(posted(request), trial_id=found.pk)
    rung = next((r for r in services.ladder(request.user) if r.step.pk == found.step_id), None)
    context = {
        "nav": "practice",
        "trial": found,
        "step": found.step,
        "rung": rung,
        "result": services.trial_result(found),
        "goal_form": GoalForm(step=found.step),
    }
    then = reverse("learn:trial", args=[found.pk])
    return form_page(request, form, "learn/trial.html", context, "", then)


@learn_page
@require_POST
def make_goal(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(ExposureStep, pk=pk, patient=request.user)
    form = GoalForm(request.POST, step=step)
    if not form.is_valid():
        messages.error(request, _("Please choose how well you can do it now, from 0 to 10."))
    else:
        act(
            request,
            lambda: form.save(request.user),
            _("Added to the activities you want back. You will rate it in your weekly check."),
        )
    return redirect("learn:ladder")
