"""Patient pages: the daily check-in, weekly and monthly forms, the review, reminders."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from painwise.accounts.access import clinicians_of
from painwise.accounts.decorators import patient_required
from painwise.assessment.gate import patient_page
from painwise.lib import practices
from painwise.lib.pages import form_page, posted, save_form
from painwise.tracking import diary_page, services
from painwise.tracking.forms import (
    BeliefsForm,
    CheckInEditForm,
    CheckInForm,
    GoalsForm,
    ReminderForm,
    WeeklyForm,
)
from painwise.tracking.models import CheckIn, ReminderDelivery
from painwise.tracking.presenters import review_context

# Check-ins go on while an urgent result waits for a doctor: the care team wants the data.
tracking_page = patient_page(allow_urgent=True)


@tracking_page
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    patient = request.user
    today = services.local_today(patient)
    initial = {"date": today, "flare": "no", **services.checkin_defaults(patient)}
    form = CheckInForm(posted(request), initial=initial)
    form.fields["date"].widget.attrs.update(
        {
            "max": today.isoformat(),
            "min": (today - dt.timedelta(days=services.MAX_DAYS_BACK)).isoformat(),
        }
    )
    saved = save_form(request, form, _("Check-in saved. Thank you."), _after_checkin)
    more = [
        name
        for name in form.fields
        if name not in ("pain_now", "pain_average", "new_symptoms", "once")
    ]
    # A problem in a folded answer opens the fold, so it is seen beside the field.
    more_open = any(name in form.errors for name in more)
    context = {"nav": "checkin", "form": form, "today": today, "more_fields": more}
    return saved or render(request, "tracking/checkin.html", {**context, "more_open": more_open})


def _after_checkin(saved: services.SavedCheckIn) -> str:
    """A new red flag goes to its result at once; a flare to the flare plan; else Today."""
    if saved.red_flag_record is not None:
        return reverse("assessment:result", args=[saved.red_flag_record.pk])
    return reverse("program:flare" if saved.checkin.flare else "program:today")


# Two weeks of check-ins, at most this many (a day may have several; the page stays short).
ENTRIES_SHOWN = 60


@tracking_page
def entries(request: HttpRequest) -> HttpResponse:
    patient = request.user
    today = services.local_today(patient)
    recent = list(
        CheckIn.objects.filter(patient=patient, local_date__gte=today - dt.timedelta(days=13))
        .order_by("-local_date", "-created_at")
        .prefetch_related("edits")[: ENTRIES_SHOWN + 1]
    )
    rows = [{"entry": c, "editable": services.can_edit(c, patient)} for c in recent]
    context = {"nav": "checkin", "rows": rows[:ENTRIES_SHOWN], "more": len(rows) > ENTRIES_SHOWN}
    return render(request, "tracking/entries.html", context)


@tracking_page
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    patient = request.user
    entry = get_object_or_404(CheckIn, pk=pk, patient=patient)
    if not services.can_edit(entry, patient):
        messages.error(request, _("Only today's check-ins can be changed."))
        return redirect("tracking:entries")
    initial = entry.snapshot()
    initial["flare"] = "yes" if entry.flare else "no"
    form = CheckInEditForm(posted(request), initial=initial, entry=entry)
    done = _("Your change is saved. The earlier answers are kept in the history.")
    context = {"nav": "checkin", "entry": entry}
    return form_page(request, form, "tracking/edit.html", context, done, "tracking:entries")


@tracking_page
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest) -> HttpResponse:
    current = services.active_goals(request.user)
    initial = {f"name_{i + 1}": g.name for i, g in enumerate(current)}
    return form_page(
        request,
        GoalsForm(posted(request), initial=initial),
        "tracking/goals.html",
        {"nav": "review", "current": current},
        _("Your activities are saved. You will rate them once a week."),
        "program:today",
    )


@tracking_page
@require_http_methods(["GET", "POST"])
def weekly(request: HttpRequest) -> HttpResponse:
    goal_list = services.active_goals(request.user)
    return form_page(
        request,
        WeeklyForm(posted(request), goals=goal_list),
        "tracking/weekly.html",
        {"nav": "review", "goals": goal_list},
        _("Weekly check saved."),
        "tracking:review",
    )


@tracking_page
@require_http_methods(["GET", "POST"])
def beliefs(request: HttpRequest) -> HttpResponse:
    form = BeliefsForm(posted(request))
    done = _("Thank you. We will ask again in a month.")
    return form_page(
        request, form, "tracking/beliefs.html", {"nav": "review"}, done, "tracking:review"
    )


@tracking_page
def review(request: HttpRequest) -> HttpResponse:
    data = services.review_for(request.user)
    context = review_context(data)
    context.update(
        {
            "nav": "review",
            "prompts": services.due_prompts(request.user),
            "has_care_team": clinicians_of(request.user).exists(),
            "practice_week": practices.week_summary(
                request.user, data.today - dt.timedelta(days=6), data.today
            ),
        }
    )
    return render(request, "tracking/review.html", context)


@patient_required
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    patient = request.user
    current = services.reminder_settings(patient)
    form = ReminderForm(posted(request), initial={"enabled": current.enabled, "time": current.time})
    last = ReminderDelivery.objects.filter(patient=patient).order_by("-local_date").first()
    context = {
        "nav": "settings",
        "last": last,
        "care_team": last is not None and clinicians_of(patient).exists(),
    }
    done = _("Reminder settings saved.")
    return form_page(request, form, "tracking/reminders.html", context, done, "tracking:reminders")


@tracking_page
@require_http_methods(["GET", "POST"])
def import_diary(request: HttpRequest) -> HttpResponse:
    """Bring in a pain diary kept elsewhere (a CSV file): upload, check, store."""
    return diary_page.page(
        request, request.user, done_url=reverse("tracking:review"), context={"nav": "review"}
    )
