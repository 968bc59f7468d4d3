"""The intake (one topic per page, red flags first, resumable), results, and the red-flag stop."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts.access import clinicians_of
from painwise.accounts.decorators import patient_required
from painwise.assessment import crisis, services
from painwise.assessment import questions as Q
from painwise.assessment.forms import form_class, initial_from
from painwise.assessment.models import AssessmentRecord, IntakeDraft
from painwise.assessment.regions import BODY_MAP, REGION_LABELS
from painwise.clinical.assessment import IntakeError

STEP_SLUGS = [step.slug for step in Q.STEPS]


def _draft(patient: Any) -> IntakeDraft:
    return IntakeDraft.objects.filter(patient=patient).first() or IntakeDraft(patient=patient)


def _first_open_step(draft: IntakeDraft) -> str | None:
    for slug in STEP_SLUGS:
        if slug not in draft.completed_steps:
            return slug
    return None


def _blocked(request: HttpRequest) -> HttpResponse | None:
    """While a red-flag result waits for a clinician, the intake cannot be redone: a patient
    must never be able to answer their way past a red flag."""
    status = services.program_status(request.user)
    if status.state in ("emergency", "urgent"):
        return redirect("assessment:status")
    return None


@patient_required
def start(request: HttpRequest) -> HttpResponse:
    if (blocked := _blocked(request)) is not None:
        return blocked
    slug = _first_open_step(_draft(request.user))
    return redirect("assessment:step", slug=slug) if slug else redirect("assessment:check")


@patient_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    if (blocked := _blocked(request)) is not None:
        return blocked
    current = Q.STEP_BY_SLUG.get(slug)
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
        return _next(draft, index)

    context = {
        "nav": "today",
        "step": current,
        "form": form,
        "number": index + 1,
        "total": len(STEP_SLUGS) + 1,
        "previous": STEP_SLUGS[index - 1] if index else None,
        "notice": Q.notice_for(current),
        "body_map": _body_map(form) if slug == "pain" else None,
    }
    return render(request, "assessment/step.html", context)


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


def _summary(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers, step by step, in words, for the check page."""
    rows = []
    for current in Q.STEPS:
        Form = form_class(current)
        form = Form(initial=initial_from(current, answers))
        items = []
        for question in current.questions:
            if question.kind == Q.DURATION:
                duration = answers.get("_duration")
                value = (
                    f"{duration['amount']} {dict(form.fields['duration_unit'].choices)[duration['unit']]}"
                    if duration
                    else "—"
                )
                items.append((Q.label_for(question), value))
                continue
            if question.key not in answers:
                continue
            raw = answers[question.key]
            field = form.fields[question.key.replace(".", "__")]
            if question.kind == Q.TICK:
                if raw:
                    items.append((Q.label_for(question), _("Yes")))
                continue
            if question.kind == Q.REGIONS:
                value = ", ".join(str(REGION_LABELS[r]) for r in raw) or _("None chosen")
            elif hasattr(field, "choices"):
                key = form.initial.get(question.key.replace(".", "__"))
                value = str(dict(field.choices).get(key, raw))
            else:
                value = "—" if raw is None else str(raw)
            items.append((Q.label_for(question), value))
        skipped = current.optional and not any(q.key in answers for q in current.questions)
        rows.append({"step": current, "items": items, "skipped": skipped})
    return rows


@patient_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    if (blocked := _blocked(request)) is not None:
        return blocked
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
        if record.safety_alert:
            return redirect("assessment:crisis", pk=record.pk)
        return redirect("assessment:result", pk=record.pk)
    return render(
        request,
        "assessment/check.html",
        {"nav": "today", "summary": _summary(draft.answers), "total": len(STEP_SLUGS) + 1},
    )


def _own_record(request: HttpRequest, pk: int) -> AssessmentRecord:
    # A patient's own records only; anyone else's id is simply not found.
    return get_object_or_404(AssessmentRecord, pk=pk, patient=request.user)


SECTIONS = [
    ("pain_type", _("Type of back pain"), ("radicular", "pain_type_")),
    ("chronic", _("How long it has lasted"), ("chronic",)),
    ("inflammatory", _("Inflammatory back pain"), ("inflammatory_",)),
    ("startback", _("How much the pain affects you"), ("startback_",)),
    ("nociplastic", _("A sensitised nervous system (nociplastic pain)"), ("nociplastic_",)),
    ("neuroplastic", _("Signs your nervous system is involved"), ("neuroplastic_signs",)),
    ("mood", _("Mood and worry"), ("phq9_band", "gad7_band")),
    ("next", _("What happens next"), ("program_",)),
]


def findings(result: dict[str, Any]) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Split the stored reasons into the red-flag reasons and the explained sections."""
    from painwise.clinical.assessment.rules import FLAGS

    flag_ids = {f.id for f in FLAGS}
    reasons = result.get("reasons", [])
    flag_reasons = [r for r in reasons if r["rule"] in flag_ids]
    sections = []
    for key, title, prefixes in SECTIONS:
        texts = [r for r in reasons if r["rule"].startswith(prefixes)]
        if texts:
            sections.append({"key": key, "title": title, "reasons": texts})
    return flag_reasons, sections


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
            "r": record.result,
            "status": status,
            "is_latest": status.record is not None and status.record.pk == record.pk,
            "clinicians": list(clinicians_of(request.user)),
            "resources": crisis.resources() if record.safety_alert else [],
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
    return render(
        request,
        "assessment/crisis.html",
        {
            "record": record,
            "resources": crisis.resources(),
            "clinicians": list(clinicians_of(request.user)),
        },
    )


@patient_required
def status(request: HttpRequest) -> HttpResponse:
    """The page a red-flag result leaves the patient on until a clinician clears it."""
    current = services.program_status(request.user)
    if current.state not in ("emergency", "urgent"):
        return redirect("home")
    return render(
        request,
        "assessment/status.html",
        {
            "status": current,
            "record": current.record,
            "flag_reasons": findings(current.record.result)[0] if current.record else [],
            "clinicians": list(clinicians_of(request.user)),
            "resources": crisis.resources()
            if current.record and current.record.safety_alert
            else [],
        },
        status=200,
    )


@patient_required
def history(request: HttpRequest) -> HttpResponse:
    records = AssessmentRecord.objects.filter(patient=request.user).order_by("-created_at", "-pk")
    status = services.program_status(request.user)
    return render(
        request,
        "assessment/history.html",
        {"nav": "plan", "records": records, "status": status, "draft": _draft(request.user)},
    )


@patient_required
@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    """Start a fresh assessment (the 4-weekly review, or when something has changed)."""
    if (blocked := _blocked(request)) is not None:
        return blocked
    IntakeDraft.objects.filter(patient=request.user).delete()
    return redirect("assessment:start")


def patient_gate(request: HttpRequest, *, allow_urgent: bool) -> HttpResponse | None:
    """Where a patient must go before a program or tracking page: red flags always win.

    A pending crisis page comes first, then the intake. An emergency stops everything. An
    urgent result stops program content; check-ins go on (``allow_urgent``) because the care
    team wants the data while the patient waits for a doctor."""
    status = services.program_status(request.user)
    if status.crisis is not None:
        return redirect("assessment:crisis", pk=status.crisis.pk)
    if status.state == "needs_intake":
        return redirect("assessment:start")
    if status.state == "emergency" or (status.state == "urgent" and not allow_urgent):
        return redirect("assessment:status")
    return None
