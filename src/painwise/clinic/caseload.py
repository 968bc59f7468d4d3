"""The clinician's patient list: who needs them now, and how each patient is doing.

One query for the whole list, whatever its length: every column is a subquery per patient
(open alerts and the worst of them, the latest triage and STarT Back risk, check-in days in
the last 7, mean pain over the last 4 weeks against the baseline week). "Today" is the UTC
date here; a patient's own day may differ by one, which a caseload overview can bear.
"""

import datetime as dt
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.alerts.models import SEVERITY, Alert
from painwise.assessment.models import AssessmentRecord
from painwise.lib import clock
from painwise.tracking.models import CheckIn

RECENT_DAYS = 28
NO_ALERT = 99

SORTS: dict[str, list[Any]] = {
    "need": [F("worst_alert").asc(), F("last_checkin").desc(nulls_last=True), "display_name"],
    "name": ["full_name", "display_name", "pk"],
    "risk": [F("risk_order").asc(nulls_last=True), "display_name"],
    "trend": [F("pain_change").desc(nulls_last=True), "display_name"],
    "adherence": [F("days_7").asc(), "display_name"],
    "last": [F("last_checkin").desc(nulls_last=True), "display_name"],
}


def _count(rows: QuerySet[Any], field: str = "pk", distinct: bool = False) -> Subquery:
    counted = rows.values("patient").annotate(n=Count(field, distinct=distinct)).values("n")
    return Subquery(counted, output_field=IntegerField())


def _mean(rows: QuerySet[Any]) -> Subquery:
    return Subquery(rows.values("patient").annotate(m=Avg("pain_average")).values("m"))


def severity_rank() -> Case:
    """An alert's severity as a number for SQL ordering (0 most severe)."""
    return Case(
        *(When(kind=kind, then=Value(rank)) for kind, rank in SEVERITY.items()),
        default=Value(9),
        output_field=IntegerField(),
    )


def local_days_7(patients: list[User]) -> None:
    """Set each patient's ``days_7`` to the check-in days among the last 7 of their own
    calendar (the list's SQL uses the UTC date, which is a day off for someone in Sydney or
    Honolulu). One query for the whole page."""
    if not patients:
        return
    utc_today = clock.now().date()
    recent: dict[int, set[dt.date]] = {p.pk: set() for p in patients}
    rows = CheckIn.objects.filter(
        patient__in=list(recent), local_date__gt=utc_today - dt.timedelta(days=8)
    ).values_list("patient_id", "local_date")
    for pk, day in rows.distinct():
        recent[pk].add(day)
    now = clock.now()
    for patient in patients:
        today = now.astimezone(patient.tzinfo).date()
        patient.days_7 = sum(1 for d in recent[patient.pk] if today - dt.timedelta(7) < d <= today)


def caseload(
    clinician: User, *, search: str = "", sort: str = "need", risk: str = "", alert: str = ""
) -> QuerySet[User]:
    """The clinician's patients with their columns; ``risk`` keeps one STarT Back risk group,
    ``alert`` those with an open alert of that kind."""
    today = clock.now().date()
    patients = access.visible_patients(clinician)
    if alert:
        patients = patients.filter(
            pk__in=Alert.objects.filter(kind=alert, resolved_at__isnull=True).values("patient")
        )
    if search.strip():
        term = search.strip()
        patients = patients.filter(
            Q(display_name__icontains=term)
            | Q(full_name__icontains=term)
            | Q(email__icontains=term)
        )
    mine = {"patient": OuterRef("pk")}
    open_alerts = Alert.objects.filter(**mine, resolved_at__isnull=True)
    severity = severity_rank()
    latest = AssessmentRecord.objects.filter(**mine).order_by("-created_at", "-pk")
    checkins = CheckIn.objects.filter(**mine)
    risk_order = Case(
        When(risk="high", then=Value(0)),
        When(risk="medium", then=Value(1)),
        When(risk="low", then=Value(2)),
        default=None,
        output_field=IntegerField(),
    )
    listed = (
        patients.annotate(
            alerts_open=Coalesce(_count(open_alerts), 0),
            worst_alert=Coalesce(
                Subquery(open_alerts.annotate(s=severity).order_by("s").values("s")[:1]),
                NO_ALERT,
            ),
            triage=Subquery(latest.values("triage")[:1]),
            risk=Subquery(latest.filter(complete=True).values(r=KT("result__startback__risk"))[:1]),
            first_day=Subquery(checkins.order_by("local_date").values("local_date")[:1]),
            last_checkin=Subquery(checkins.order_by("-local_date").values("local_date")[:1]),
            days_7=Coalesce(
                _count(
                    checkins.filter(local_date__gt=today - dt.timedelta(days=7)),
                    "local_date",
                    distinct=True,
                ),
                0,
            ),
            recent_pain=_mean(
                checkins.filter(local_date__gt=today - dt.timedelta(days=RECENT_DAYS))
            ),
            baseline_end=ExpressionWrapper(
                F("first_day") + dt.timedelta(days=6), output_field=DateField()
            ),
        )
        .annotate(
            baseline_pain=_mean(checkins.filter(local_date__lte=OuterRef("baseline_end"))),
            risk_order=risk_order,
        )
        .annotate(pain_change=F("recent_pain") - F("baseline_pain"))
        .order_by(*SORTS.get(sort, SORTS["need"]))
    )
    return listed.filter(risk=risk) if risk else listed
