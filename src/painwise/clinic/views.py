"""The clinician's side: their patients, alerts first, each patient's results and history.

Every page that shows patient data fetches the patient through the access layer, which
answers 404 for anyone who is not linked and audits each read.
"""

import datetime as dt

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from painwise.accounts import access
from painwise.accounts.decorators import clinician_required
from painwise.assessment import services as assessment
from painwise.assessment.models import AssessmentRecord, Source
from painwise.assessment.views import findings
from painwise.audit import services as audit
from painwise.clinic import services
from painwise.clinic.forms import ClearForm, ExamForm, ResolveAlertForm
from painwise.clinic.models import Alert
from painwise.web import clock


@clinician_required
def home(request: HttpRequest) -> HttpResponse:
    patients = (
        access.visible_patients(request.user)
        .annotate(
            open_alerts=Count("alerts", filter=Q(alerts__resolved_at__isnull=True), distinct=True),
            last_assessed=Max("assessments__created_at"),
            checkins_7d=Count(
                "checkins",
                filter=Q(checkins__created_at__gte=clock.now() - dt.timedelta(days=7)),
                distinct=True,
            ),
        )
        .order_by("-open_alerts", "display_name", "pk")
    )
    alerts = (
        Alert.objects.filter(
            patient__in=access.visible_patients(request.user), resolved_at__isnull=True
        )
        .select_related("patient")
        .order_by("created_at")
    )
    alerts = sorted(alerts, key=lambda a: (a.severity, a.created_at))
    # Alert messages and check-in counts are patient data: the dashboard read is audited
    # too, in one entry naming everyone shown.
    patients = list(patients)
    if patients:
        audit.record(
            "clinic.dashboard_viewed",
            actor=request.user,
            data={
                "patients": sorted(p.pk for p in patients),
                "alerts": [a.pk for a in alerts],
            },
        )
    return render(
        request, "clinic/home.html", {"nav": "clinic", "patients": patients, "alerts": alerts}
    )


@clinician_required
def patient_detail(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.patient_detail")
    records = list(AssessmentRecord.objects.filter(patient=patient).order_by("-created_at", "-pk"))
    status = assessment.program_status(patient)
    context = {
        "nav": "clinic",
        "patient": patient,
        "status": status,
        "records": records,
        "latest": records[0] if records else None,
        "alerts": services.open_alerts_for(patient),
        "clear_form": ClearForm(),
    }
    if context["latest"] is not None:
        context["flag_reasons"], context["sections"] = findings(context["latest"].result)
    from painwise.tracking import services as tracking
    from painwise.tracking.models import ReminderDelivery
    from painwise.tracking.views import review_context

    context.update(review_context(tracking.review_for(patient)))
    context["last_reminder"] = (
        ReminderDelivery.objects.filter(patient=patient).order_by("-local_date").first()
    )
    return render(request, "clinic/patient.html", context)


@clinician_required
def assessment_detail(request: HttpRequest, patient_id: int, pk: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.assessment")
    record = get_object_or_404(AssessmentRecord, pk=pk, patient=patient)
    flag_reasons, sections = findings(record.result)
    return render(
        request,
        "clinic/assessment.html",
        {
            "nav": "clinic",
            "patient": patient,
            "record": record,
            "flag_reasons": flag_reasons,
            "sections": sections,
            "exam_form": ExamForm(request.POST if request.method == "POST" else None),
        },
    )


@clinician_required
@require_POST
def clear(request: HttpRequest, patient_id: int, pk: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.clear")
    record = get_object_or_404(AssessmentRecord, pk=pk, patient=patient)
    form = ClearForm(request.POST)
    if form.is_valid() and record.triage in ("emergency", "urgent"):
        assessment.clear_program(record, clinician=request.user, note=form.cleaned_data["note"])
        messages.success(
            request, _("The program is reopened for %(name)s.") % {"name": patient.display_name}
        )
    else:
        messages.error(request, _("Please write what you found before reopening the program."))
    return redirect("clinic:patient", patient_id=patient.pk)


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
    from painwise.program import services as program
    from painwise.program.forms import AdjustForm, TrackForm
    from painwise.program.views import MODULE_NAMES

    patient = access.get_patient(request.user, patient_id, what="clinic.plan")
    plan = program.ensure_plan(patient)
    posted = request.POST if request.method == "POST" else None
    modules = [(key, str(name)) for key, name in MODULE_NAMES.items()]
    plan_form = AdjustForm(
        posted if posted and posted.get("form") == "plan" else None,
        modules=modules,
        activities=[(key, program.activity_label(key)) for key in program.ACTIVITY_KEYS],
        initial={
            "daily_minutes": plan.data["daily_minutes"] if plan else 15,
            "modules": (plan.preferences.get("switched_off", []) if plan else []),
            "exercises": plan.data["exercises"] if plan else [],
            "activities": [a["key"] for a in plan.data["activities"]] if plan else ["walking"],
        },
    )
    tracks = []
    for st in program.track_states(patient):
        bound = (
            posted
            if posted and posted.get("form") == "track" and posted.get("track") == str(st.track.pk)
            else None
        )
        form = TrackForm(
            bound,
            initial={
                "goal": st.track.goal,
                "baseline": st.track.baseline,
                "weekly_increment": st.track.weekly_increment,
            },
            prefix=f"t{st.track.pk}",
        )
        tracks.append({"s": st, "label": program.activity_label(st.track.key), "form": form})
    if posted and plan is not None:
        if posted.get("form") == "plan" and plan_form.is_valid():
            data = plan_form.cleaned_data
            program.build_for(
                patient,
                actor=request.user,
                source="clinician",
                preferences={
                    "daily_minutes": data["daily_minutes"],
                    "switched_off": data["modules"],
                    "exercises": data["exercises"],
                    "activities": data["activities"],
                },
            )
            messages.success(request, _("Plan saved as a new version."))
            return redirect("clinic:plan", patient_id=patient.pk)
        for item in tracks:
            if item["form"].is_bound and item["form"].is_valid():
                data = item["form"].cleaned_data
                try:
                    program.adjust_track(
                        item["s"].track,
                        by=request.user,
                        goal=data["goal"],
                        baseline=data["baseline"],
                        weekly_increment=data["weekly_increment"],
                    )
                except program.ProgramError as exc:
                    item["form"].add_error(exc.field or None, str(exc))
                else:
                    messages.success(request, _("%(a)s saved.") % {"a": item["label"]})
                    return redirect("clinic:plan", patient_id=patient.pk)
    return render(
        request,
        "clinic/plan.html",
        {
            "nav": "clinic",
            "patient": patient,
            "plan": plan,
            "plan_form": plan_form,
            "tracks": tracks,
        },
    )


@clinician_required
@require_POST
def resolve(request: HttpRequest, patient_id: int, alert_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.alert")
    alert = get_object_or_404(Alert, pk=alert_id, patient=patient)
    form = ResolveAlertForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.resolve_alert(alert, by=request.user, note=note)
    messages.success(request, _("Alert marked as dealt with."))
    return redirect("clinic:patient", patient_id=patient.pk)
