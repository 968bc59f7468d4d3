"""The clinician's side: their patients, alerts first, each patient's results and history.

Every page that shows patient data fetches the patient through the access layer, which
answers 404 for anyone who is not linked and audits each read.
"""

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from painwise.accounts import access, care
from painwise.accounts.decorators import clinician_required
from painwise.accounts.models import CareLink, Invitation, TeamShare
from painwise.alerts import services as alerts
from painwise.alerts.models import Alert
from painwise.assessment import services as assessment
from painwise.assessment.models import AssessmentRecord, Source
from painwise.assessment.presenters import answers_table, flat_answers
from painwise.audit import services as audit
from painwise.clinic import cohort
from painwise.clinic.caseload import SORTS, caseload, local_days_7, severity_rank
from painwise.clinic.findings import clinical_findings, red_flags
from painwise.clinic.forms import (
    CaseloadFilter,
    ClearForm,
    ExamForm,
    InviteForm,
    NoteForm,
    ResolveAlertForm,
    ShareForm,
)
from painwise.clinic.notes import add_note, notes_of
from painwise.clinical.program.plan import RULES as PLAN_RULES
from painwise.lib import clock, practices
from painwise.lib.forms import whole_number
from painwise.lib.pages import act, download, posted, save_form
from painwise.lib.tables import csv_download
from painwise.program import services as program
from painwise.program.forms import AdjustForm, TrackForm
from painwise.program.labels import INTENSITY_NAMES, module_name
from painwise.program.models import Plan
from painwise.records import fhir, summary
from painwise.tracking import diary_page
from painwise.tracking import services as tracking
from painwise.tracking.clinical import clinical_text, relation_rows
from painwise.tracking.models import ReminderDelivery
from painwise.tracking.presenters import review_context


@clinician_required
def home(request: HttpRequest) -> HttpResponse:
    """Who needs me now: open alerts first, then every patient with their risk, triage, pain
    trend and adherence; sortable and searchable (one query for the list)."""
    search = request.GET.get("q", "")[:100]
    sort = request.GET.get("sort", "need")
    filters = CaseloadFilter(request.GET)
    listed = caseload(request.user, search=search, sort=sort, **filters.values())
    page = Paginator(listed, PAGE_SIZE).get_page(whole_number(request.GET.get("page")) or 1)
    patients = list(page.object_list)
    local_days_7(patients)
    # The alerts of every patient the list holds (all its pages), the most severe first.
    matching = Alert.objects.filter(
        patient__in=listed.order_by().values("pk"), resolved_at__isnull=True
    )
    alerts_total = matching.count()
    open_alerts = list(
        matching.annotate(rank=severity_rank())
        .select_related("patient")
        .order_by("rank", "created_at", "pk")[:ALERTS_SHOWN]
    )
    # Alert messages and check-in figures are patient data: the dashboard read is audited
    # too, in one entry naming everyone shown.
    if patients or open_alerts:
        audit.record(
            "clinic.dashboard_viewed",
            actor=request.user,
            data={
                "patients": sorted(p.pk for p in patients),
                "alerts": [a.pk for a in open_alerts],
            },
        )
    context = {
        "nav": "clinic",
        "patients": patients,
        "page": page,
        "alerts": open_alerts,
        "alerts_total": alerts_total,
        "search": search,
        "sort": sort if sort in SORTS else "need",
        "sorts": SORT_LABELS,
        "filters": filters,
        "filtered": any(filters.values().values()),
        "invite_form": InviteForm(),
        "invitations": care.open_invitations(request.user),
        "invite_days": care.invitation_days(),
    }
    return render(request, "clinic/home.html", context)


PAGE_SIZE = 50  # patients a page: the page costs the same for 10 patients or 5,000
ALERTS_SHOWN = 20

SORT_LABELS = [
    ("need", _lazy("Who needs me")),
    ("name", _lazy("Name")),
    ("risk", _lazy("Risk")),
    ("trend", _lazy("Pain trend")),
    ("adherence", _lazy("Check-ins")),
    ("last", _lazy("Last check-in")),
]


@clinician_required
def patient_detail(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.patient_detail")
    records, total = assessment.recent_records(patient)
    status = assessment.program_status(patient)
    context = {
        "nav": "clinic",
        "patient": patient,
        "status": status,
        "records": records,
        "records_total": total,
        "latest": AssessmentRecord.objects.filter(patient=patient)
        .order_by("-created_at", "-pk")
        .first(),
        "alerts": alerts.open_alerts_for(patient),
        "clear_form": ClearForm(),
        "status_flags": red_flags(status.record.result) if status.record else [],
    }
    if context["latest"] is not None:
        context["findings"] = clinical_findings(context["latest"].result)
    review = tracking.review_for(patient)
    context.update(review_context(review))
    context["concerns"] = [
        clinical_text(r) for r in (*review.review.deterioration, review.review.plateau) if r
    ]
    context["relations"] = relation_rows(review.patterns.to_dict())
    context["last_reminder"] = (
        ReminderDelivery.objects.filter(patient=patient).order_by("-local_date").first()
    )
    context["panels"] = practices.clinician_panels(patient)
    context |= {
        "notes": notes_of(patient),
        "note_form": NoteForm(),
        "linked": CareLink.objects.filter(patient=patient, clinician=request.user).exists(),
        "team_shares": list(
            TeamShare.objects.filter(patient=patient).select_related("team", "shared_by")
        ),
    }
    teams = care.teams_of(request.user)
    context["share_form"] = ShareForm(teams=teams) if teams and context["linked"] else None
    return render(request, "clinic/patient.html", context)


@clinician_required
def assessment_detail(request: HttpRequest, patient_id: int, pk: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.assessment")
    record = get_object_or_404(AssessmentRecord, pk=pk, patient=patient)
    context = {
        "nav": "clinic",
        "patient": patient,
        "record": record,
        "flags": red_flags(record.result),
        "findings": clinical_findings(record.result),
        "answers": answers_table(flat_answers(record.intake)) if record.complete else [],
        "exam_form": ExamForm(posted(request)),
    }
    return render(request, "clinic/assessment.html", context)


@clinician_required
@require_POST
def clear(request: HttpRequest, patient_id: int, pk: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.clear")
    record = get_object_or_404(AssessmentRecord, pk=pk, patient=patient)
    done = _("The program is reopened for %(name)s.") % {"name": patient.display_name}
    return _one_button(
        request,
        patient,
        ClearForm,
        lambda note: assessment.clear_program(record, clinician=request.user, note=note),
        done,
    )


@clinician_required
@require_POST
def add_exam(request: HttpRequest, patient_id: int, pk: int) -> HttpResponse:
    """Re-assess a complete intake with the clinician's examination findings added."""
    patient = access.get_patient(request.user, patient_id, what="clinic.exam")
    record = get_object_or_404(AssessmentRecord, pk=pk, patient=patient, complete=True)
    form = ExamForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please answer both examination questions."))
        return redirect("clinic:assessment", patient_id=patient.pk, pk=record.pk)
    intake = {**record.intake, "clinical_exam": form.cleaned_data}
    new = assessment.record_assessment(patient, intake, source=Source.REVIEW, actor=request.user)
    messages.success(request, _("Examination added. The assessment was run again."))
    return redirect("clinic:assessment", patient_id=patient.pk, pk=new.pk)


@clinician_required
def adjust_plan(request: HttpRequest, patient_id: int) -> HttpResponse:
    """A clinician can adjust any part of the plan; each change is a new, audited version."""
    patient = access.get_patient(request.user, patient_id, what="clinic.plan")
    plan = program.plan_for(patient)
    data = posted(request)
    which = data.get("form") if data else None
    plan_form = AdjustForm(data if which == "plan" else None, patient=patient, plan=plan)
    tracks = [
        (st, TrackForm(data if _is_track(data, st) else None, track=st.track))
        for st in program.track_states(patient)
    ]
    back = reverse("clinic:plan", args=[patient.pk])
    for form in [plan_form, *(form for _st, form in tracks)] if plan else []:
        if form.is_bound and (saved := save_form(request, form, form.done, back)):
            return saved
    context = {"nav": "clinic", "patient": patient, "plan": plan, "plan_form": plan_form}
    context["versions"] = list(
        Plan.objects.filter(patient=patient)
        .select_related("created_by")
        .order_by("-created_at")[:20]
    )
    modules = [
        (module_name(m["key"]), m["minutes"], plan_rule_summary(m["reason"]["rule"]))
        for m in (plan.data["modules"] if plan else [])
    ]
    intensity = INTENSITY_NAMES.get(plan.data["intensity"], "") if plan else ""
    context |= {"tracks": tracks, "modules": modules, "intensity": intensity}
    return render(request, "clinic/plan.html", context)


def _one_button(
    request: HttpRequest,
    patient: Any,
    form_class: Any,
    action: Callable[[str], object],
    done: str,
) -> HttpResponse:
    """A one-button action on the patient's page, with its optional note; back to the page."""
    form = form_class(request.POST)
    act(request, lambda: action(str(form.cleaned_data["note"]) if form.is_valid() else ""), done)
    return redirect("clinic:patient", patient_id=patient.pk)


def plan_rule_summary(rule_id: str) -> str:
    return PLAN_RULES[rule_id].summary if rule_id in PLAN_RULES else ""


def _is_track(data: Any, state: Any) -> bool:
    return bool(data) and data.get("form") == "track" and data.get("track") == str(state.track.pk)


@clinician_required
@require_POST
def resolve(request: HttpRequest, patient_id: int, alert_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.alert")
    alert = get_object_or_404(Alert, pk=alert_id, patient=patient)
    return _one_button(
        request,
        patient,
        ResolveAlertForm,
        lambda note: alerts.resolve_alert(alert, by=request.user, note=note),
        _("Alert marked as dealt with."),
    )


@clinician_required
@require_POST
def note(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.note")
    form = NoteForm(request.POST)
    if form.is_valid():
        add_note(patient, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Note added."))
    else:
        messages.error(request, _("Write the note first."))
    return redirect(reverse("clinic:patient", args=[patient.pk]) + "#notes")


@clinician_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid email address."))
    else:
        email = form.cleaned_data["email"]
        done = _("Invitation sent to %(email)s.") % {"email": email}
        act(request, lambda: care.invite(request.user, email), done)
    return redirect(reverse("clinic:home") + "#invite")


@clinician_required
@require_POST
def withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    try:
        care.withdraw(request.user, invitation_id)
    except Invitation.DoesNotExist:
        raise Http404("Not found") from None
    messages.success(request, _("Invitation withdrawn: its link no longer works."))
    return redirect(reverse("clinic:home") + "#invite")


@clinician_required
@require_POST
def unlink(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.unlink")
    if care.unlink(patient, request.user, by=request.user):
        messages.success(
            request, _("%(name)s is no longer linked to you.") % {"name": patient.display_name}
        )
        return redirect("clinic:home")
    messages.error(request, _("This patient is shared with you through a team, not linked."))
    return redirect("clinic:patient", patient_id=patient.pk)


@clinician_required
@require_POST
def share(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.share")
    form = ShareForm(request.POST, teams=care.teams_of(request.user))
    if form.is_valid():
        team = form.cleaned_data["team"]
        act(request, lambda: care.share_with_team(patient, team, by=request.user), _("Shared."))
    else:
        messages.error(request, _("Choose one of your teams."))
    return redirect("clinic:patient", patient_id=patient.pk)


@clinician_required
@require_POST
def unshare(request: HttpRequest, patient_id: int, share_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.unshare")
    try:
        care.unshare(patient, share_id, by=request.user)
    except TeamShare.DoesNotExist:
        raise Http404("Not found") from None
    messages.success(request, _("No longer shared with that team."))
    return redirect("clinic:patient", patient_id=patient.pk)


@clinician_required
def report(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The one-page visit summary as a PDF."""
    patient = access.get_patient(request.user, patient_id, what="clinic.report")
    name = f"painwise-visit-{patient.pk}-{clock.now().date().isoformat()}.pdf"
    return download(summary.pdf(patient, clinician=request.user), name, "application/pdf")


@clinician_required
def fhir_export(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The patient's record as a FHIR R4B Bundle (a download)."""
    patient = access.get_patient(request.user, patient_id, what="clinic.fhir")
    body = json.dumps(fhir.bundle(patient), indent=2, ensure_ascii=False)
    return download(body, f"painwise-{patient.pk}.fhir.json", "application/fhir+json")


@clinician_required
def outcomes(request: HttpRequest) -> HttpResponse:
    """Cohort outcomes of the clinician's patients at weeks 4 and 12 (CSV with ?format=csv)."""
    form = cohort.CohortFilter(request.GET)
    chosen = form.values()
    result = cohort.outcomes(request.user, **chosen)
    audit.record(
        "clinic.outcomes_viewed",
        actor=request.user,
        data={"patients": result.patient_count, **{k: str(v) for k, v in chosen.items()}},
    )
    if request.GET.get("format") == "csv":
        return csv_download("painwise-outcomes.csv", cohort.CSV, cohort.csv_rows(result))
    context = {"nav": "clinic", "form": form, "result": result, "charts": cohort.charts_for(result)}
    context["query"] = request.GET.urlencode()
    return render(request, "clinic/outcomes.html", context)


@clinician_required
@require_http_methods(["GET", "POST"])
def import_diary(request: HttpRequest, patient_id: int) -> HttpResponse:
    """A clinician brings in a linked patient's pain diary (the same steps as the patient's)."""
    patient = access.get_patient(request.user, patient_id, what="clinic.import_diary")
    return diary_page.page(
        request,
        patient,
        done_url=reverse("clinic:patient", args=[patient.pk]),
        context={"nav": "clinic", "clinician_view": True},
    )
