"""The patient's own data: download it (JSON, CSV, FHIR, or a one-page summary for a doctor)
or delete the account."""

import json

from django import forms
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from painwise.accounts.access import clinicians_of
from painwise.accounts.decorators import patient_required
from painwise.audit import services as audit
from painwise.lib import pages
from painwise.lib.errors import DomainError
from painwise.records import export, fhir, summary


class DeleteForm(forms.Form):
    email = forms.CharField(
        label=_("Type your email address to confirm"), max_length=254, strip=True
    )


def _my_data_page(request: HttpRequest, form: DeleteForm, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "nav": "settings",
        "has_care_team": clinicians_of(request.user).exists(),
    }
    return render(request, "records/my_data.html", context, status=status)


@patient_required
def my_data(request: HttpRequest) -> HttpResponse:
    return _my_data_page(request, DeleteForm())


@patient_required
@require_POST
def download(request: HttpRequest, kind: str) -> HttpResponse:
    patient = request.user
    if kind not in ("json", "csv", "fhir", "pdf"):
        raise Http404("No such format")
    if kind == "pdf":
        document = summary.pdf(patient, clinician=None)
        audit.record("records.summary_downloaded", actor=patient, patient=patient)
        return pages.download(document, export.export_name(patient, "pdf"), "application/pdf")
    if kind == "json":
        return pages.download(
            export.as_json(patient), export.export_name(patient, "json"), "application/json"
        )
    if kind == "csv":
        return pages.download(
            export.as_csv_zip(patient), export.export_name(patient, "zip"), "application/zip"
        )
    document = fhir.bundle(patient)
    audit.record("records.fhir_exported", actor=patient, patient=patient)
    return pages.download(
        json.dumps(document, indent=2, ensure_ascii=False).encode(),
        export.export_name(patient, "fhir.json"),
        "application/fhir+json",
    )


@patient_required
@require_POST
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteForm(request.POST)
    if form.is_valid():
        try:
            export.delete_account(request.user, confirm_email=form.cleaned_data["email"])
        except DomainError as error:
            form.add_error("email", str(error))
        else:
            logout(request)
            response = redirect("records:deleted")
            response["Clear-Site-Data"] = '"cache", "storage"'
            return response
    return _my_data_page(request, form, status=400)


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "records/deleted.html")
