"""The diary import page, shared by the patient's own page and the clinician's page for a
linked patient (each view checks who may import for whom, then hands over here)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.models import User
from painwise.clinical.tracking import diary as rules
from painwise.lib.errors import DomainError
from painwise.tracking import diary

DATE_ORDERS = [
    ("ymd", gettext_lazy("2026-03-31 (year, month, day)")),
    ("dmy", gettext_lazy("31/03/2026 (day first)")),
    ("mdy", gettext_lazy("03/31/2026 (month first)")),
]
PREVIEW_ROWS = 10


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Your diary as a CSV file"),
        help_text=gettext_lazy(
            "A spreadsheet saved as CSV (UTF-8), with column names in the first row."
        ),
    )


class MappingForm(forms.Form):
    """Which column is which: one choice per Painwise field (empty: not in the file)."""

    def __init__(
        self,
        *args: Any,
        columns: list[str],
        initial_map: dict[str, str],
        initial_order: str = "ymd",
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        choices = [("", _("Not in my file")), *[(c, c) for c in columns]]
        for name in rules.FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=diary.FIELD_LABELS[name],
                choices=choices,
                required=name in rules.REQUIRED,
                initial=initial_map.get(name, ""),
            )
        self.fields["date_order"] = forms.ChoiceField(
            label=_("How the dates are written"), choices=DATE_ORDERS, initial=initial_order
        )

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in rules.FIELDS}


def page(
    request: HttpRequest, patient: User, *, done_url: str, context: dict[str, Any]
) -> HttpResponse:
    step = request.POST.get("step", "") if request.method == "POST" else ""
    base = {**context, "patient": patient}
    if step == "upload":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > rules.MAX_BYTES:
                form.add_error(
                    "file", _("The file is larger than 2 MB. A diary of many years is smaller.")
                )
            else:
                try:
                    stored, header = diary.upload(
                        patient, upload.read(), upload.name, by=request.user
                    )
                except DomainError as error:
                    form.add_error("file", str(error))
                else:
                    mapping_form = _first_guess(stored.content, header)
                    return _preview(request, patient, stored.pk, header, mapping_form, base)
        return render(request, "tracking/diary_import.html", {**base, "form": form}, status=400)
    if step in ("preview", "confirm"):
        upload_id = request.POST.get("upload", "")
        stored = diary.upload_of(patient, upload_id)
        if stored is None:
            messages.error(request, _("That file is no longer here. Choose it again."))
            return redirect(request.path)
        header, _rows = rules.read_table(stored.content)
        mapping_form = MappingForm(request.POST, columns=header, initial_map={})
        if step == "confirm" and mapping_form.is_valid():
            try:
                stored_count = diary.confirm(
                    patient,
                    stored.pk,
                    mapping_form.mapping(),
                    mapping_form.cleaned_data["date_order"],
                    by=request.user,
                )
            except DomainError as error:
                mapping_form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Imported %(n)d entries from your diary. They are marked as imported.")
                    % {"n": stored_count},
                )
                return redirect(done_url)
        return _preview(request, patient, stored.pk, header, mapping_form, base)
    return render(request, "tracking/diary_import.html", {**base, "form": UploadForm()})


def _first_guess(content: str, header: list[str]) -> MappingForm:
    """The columns guessed from their names, and the date order from the dates."""
    mapping, order = diary.first_guess(content)
    return MappingForm(columns=header, initial_map=mapping, initial_order=order)


def _preview(
    request: HttpRequest,
    patient: User,
    upload_id: int,
    header: list[str],
    mapping_form: MappingForm,
    base: dict[str, Any],
) -> HttpResponse:
    result = None
    order = "ymd"
    if not mapping_form.is_bound:  # the first guess, from the column names and the dates
        mapping = {name: str(mapping_form.fields[name].initial or "") for name in rules.FIELDS}
        order = str(mapping_form.fields["date_order"].initial)
    elif mapping_form.is_valid():
        mapping, order = mapping_form.mapping(), mapping_form.cleaned_data["date_order"]
    else:
        mapping = {}
    if mapping.get("date") and mapping.get("pain"):
        try:
            result = diary.preview(patient, upload_id, mapping, order)
        except DomainError as error:
            mapping_form.add_error(None, str(error))
    # Steps are kept in the note ("Steps: 5400"), so they show in the notes column.
    shown = [f for f in rules.FIELDS if f not in ("date", "time", "steps") and mapping.get(f)]
    if mapping.get("steps") and "note" not in shown:
        shown.append("note")
    rows = []
    if result is not None:
        for e in result.diary.entries[:PREVIEW_ROWS]:
            rows.append((e.date, e.at, [e.note if f == "note" else e.values.get(f) for f in shown]))
    context = {
        **base,
        "mapping_form": mapping_form,
        "upload_id": upload_id,
        "result": result,
        "rows": rows,
        "columns": [diary.FIELD_LABELS[f] for f in shown],
        "skipped": result.skipped_text()[:50] if result else [],
        "header": header,
        "first_day": result.diary.entries[0].date if result and result.diary.entries else None,
        "last_day": result.diary.entries[-1].date if result and result.diary.entries else None,
    }
    return render(request, "tracking/diary_preview.html", context)
