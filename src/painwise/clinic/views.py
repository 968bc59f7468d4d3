from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from painwise.accounts import access
from painwise.accounts.decorators import clinician_required


@clinician_required
def home(request: HttpRequest) -> HttpResponse:
    patients = access.visible_patients(request.user).order_by("display_name", "pk")
    return render(request, "clinic/home.html", {"nav": "clinic", "patients": patients})


@clinician_required
def patient_detail(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = access.get_patient(request.user, patient_id, what="clinic.patient_detail")
    return render(request, "clinic/patient.html", {"nav": "clinic", "patient": patient})
