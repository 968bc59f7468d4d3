"""The intake (one topic per page, red flags first, resumable), results, and the red-flag stop."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts.access import clinicians_of
from painwise.accounts.decorators import patient_required
from painwise.assessment import crisis, questions, services
from painwise.assessment.forms import SeenByDoctorForm, form_class, initial_from
from painwise.assessment.gate import patient_page
from painwise.assessment.models import AssessmentRecord, IntakeDraft
from painwise.assessment.presenters import answers_table, findings, summary
from painwise.assessment.regions import BODY_MAP, REGION_LABELS
from painwise.clinical.assessment import IntakeError
from painwise.lib.errors import DomainError
from painwise.lib.pages import posted, save_form

STEP_SLUGS = [step.slug for step in questions.STEPS]
# The intake's own pages: red flags stop them, and they need no finished intake.
intake_page = patient_page(intake=True)


def _draft(patient: Any) -> IntakeDraft:
    return IntakeDraft.objects.filter(patient=patient).first() or IntakeDraft(patient=patient)


def _first_open_step(draft: IntakeDraft) -> str | None:
    for slug in STEP_SLUGS:
        if slug not in draft.completed_steps:
            return slug
    return None


@intake_page
def start(request: HttpRequest) -> HttpResponse:
    """The way in: how long the questions take, that answers are kept at every step, and,
    after a paused program was reopened, who reopened it and when."""
    draft = _draft(request.user)
    slug = _first_open_step(draft)
    context = {
        "nav": "today",
        "next_url": reverse("assessment:step", args=[slug])
        if slug
        else reverse("assessment:check"),
        "started": bool(draft.completed_steps),
        "steps": len(STEP_SLUGS),
        "reopened": services.latest_reopened(request.user),
    }
    return render(request, "assessment/start.html", context)


@intake_page
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    current = questions.STEP_BY_SLUG.get(slug)
    if current is None:
        raise Http404("No such step")
    draft = _draft(request.user)
    index = STEP_SLUGS.index(slug)
    first_open = _first_open_step(draft)
    # No jumping ahead: every earlier step must be answered first (red flags cannot be skipped).
    if first_open is not None and STEP_SLUGS.index(first_open) < index:
        return redirect("assessment:step", slug=first_open)

    Form = form_class(current)
    if request.method == "POST" and current.optional and "skip" in request.POST:
        services.skip_step(request.user, slug, services.step_keys(slug))
        return _next(draft, index)
    form = Form(
        request.POST if request.method == "POST" else None,
        initial=initial_from(current, draft.answers),
    )
    if request.method == "POST" and form.is_valid():
        draft = services.save_step(request.user, slug, form.answers())
        if current.screens_emergency:
            flags = services.emergency_screen(draft.answers)
            if flags:
                record = services.stop_at_emergency(request.user, draft.answers, flags)
                return redirect("assessment:result", pk=record.pk)
        if services.safety_answer_given(form.answers()):
            # Crisis help comes on the very next screen, and the care team is told now.
            services.note_safety_answer(request.user)
            return redirect("assessment:answer_help")
        return _next(draft, index)

    context = {
        "nav": "today",
        "step": current,
        "form": form,
        "number": index + 1,
        "total": len(STEP_SLUGS) + 1,
        "previous": STEP_SLUGS[index - 1] if index else None,
        "notice": questions.notice_for(current),
        "body_map": _body_map(form) if slug == "pain" else None,
    }
    return render(request, "assessment/step.html", context)


@intake_page
@require_http_methods(["GET", "POST"])
def answer_help(request: HttpRequest) -> HttpResponse:
    """Crisis help, shown the moment a self-harm answer is given (before any other page)."""
    draft = _draft(request.user)
    if not services.safety_answer_given(draft.answers):
        return redirect("assessment:start")
    if request.method == "POST":
        services.acknowledge_crisis_answer(request.user)
        return _next(draft, STEP_SLUGS.index("mood"))
    context = {"nav": "today", "answered": True, **crisis_context(request.user)}
    return render(request, "assessment/answer_help.html", context)


def crisis_context(patient: Any) -> dict[str, Any]:
    return {
        "resources": crisis.resources(),
        "countries": crisis.other_countries(),
        "clinicians": list(clinicians_of(patient)),
    }


def _next(draft: IntakeDraft, index: int) -> HttpResponse:
    if index + 1 < len(STEP_SLUGS):
        return redirect("assessment:step", slug=STEP_SLUGS[index + 1])
    return redirect("assessment:check")


def _body_map(form: Any) -> list[dict[str, Any]]:
    chosen = set(form["pain_regions"].value() or [])
    return [
        {
            "view": view,
            "title": _("Seen from behind") if view == "back" else _("Seen from the front"),
            "shapes": [
                {
                    "code": code,
                    "kind": kind,
                    "attrs": attrs,
                    "on": code in chosen,
                    "label": REGION_LABELS[code],
                }
                for code, kind, attrs in shapes
            ],
        }
        for view, shapes in BODY_MAP.items()
    ]


@intake_page
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    draft = _draft(request.user)
    first_open = _first_open_step(draft)
    if first_open is not None:
        return redirect("assessment:step", slug=first_open)
    if request.method == "POST":
        try:
            record = services.submit_intake(request.user, draft.answers)
        except IntakeError as exc:
            # Only possible if the question list and the schema disagree; never lose answers.
            messages.error(request, _("Some answers need another look: %(e)s") % {"e": exc})
            return redirect("assessment:step", slug=STEP_SLUGS[0])
        except DomainError:
            return redirect("assessment:status")  # a red flag arrived meanwhile
        if record.safety_alert and record.crisis_acknowledged_at is None:
            return redirect("assessment:crisis", pk=record.pk)
        return redirect("assessment:result", pk=record.pk)
    return render(
        request,
        "assessment/check.html",
        {"nav": "today", "summary": answers_table(draft.answers), "total": len(STEP_SLUGS) + 1},
    )


def _own_record(request: HttpRequest, pk: int) -> AssessmentRecord:
    # A patient's own records only; anyone else's id is simply not found.
    return get_object_or_404(AssessmentRecord, pk=pk, patient=request.user)


@patient_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_record(request, pk)
    if record.safety_alert and record.crisis_acknowledged_at is None:
        return redirect("assessment:crisis", pk=record.pk)
    status = services.program_status(request.user)
    flag_reasons, sections = findings(record.result)
    return render(
        request,
        "assessment/result.html",
        {
            "nav": "today",
            "record": record,
            "flag_reasons": flag_reasons,
            "sections": sections,
            "summary": summary(record.result),
            "r": record.result,
            "status": status,
            "is_latest": status.record is not None and status.record.pk == record.pk,
            "clinicians": list(clinicians_of(request.user)),
            "show_crisis": record.safety_alert,
            **(crisis_context(request.user) if record.safety_alert else {}),
        },
    )


@patient_required
@require_http_methods(["GET", "POST"])
def crisis_page(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_record(request, pk)
    if not record.safety_alert:
        raise Http404("No safety answer here")
    if request.method == "POST":
        services.acknowledge_crisis(record)
        return redirect("assessment:result", pk=record.pk)
    context = {"record": record, "answered": True, **crisis_context(request.user)}
    return render(request, "assessment/crisis.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    """The page a red-flag result leaves the patient on until a clinician clears it, or, for
    someone with no linked clinician, until they confirm a doctor has checked them."""
    current = services.program_status(request.user)
    if not current.paused or current.record is None:
        return redirect("home")
    record = current.record
    clinicians = list(clinicians_of(request.user))
    form = SeenByDoctorForm(posted(request), record=record) if not clinicians else None
    if form is not None:
        saved = save_form(
            request, form, _("Thank you. Your program is open again."), "program:today"
        )
        if saved:
            return saved
    context = {
        "status": current,
        "record": record,
        "flag_reasons": findings(record.result)[0],
        "clinicians": clinicians,
        "seen_form": form,
        "show_crisis": record.safety_alert,
        **(crisis_context(request.user) if record.safety_alert else {}),
    }
    return render(request, "assessment/status.html", context)


@patient_required
def history(request: HttpRequest) -> HttpResponse:
    records, total = services.recent_records(request.user)
    status = services.program_status(request.user)
    context = {"records": records, "records_total": total, "status": status}
    return render(
        request, "assessment/history.html", {"nav": "plan", "draft": _draft(request.user)} | context
    )


@intake_page
@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    """Start a fresh assessment (the 4-weekly review, or when something has changed)."""
    services.restart_intake(request.user)
    return redirect("assessment:start")
