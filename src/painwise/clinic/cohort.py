"""Cohort outcomes for a clinician's patients (the rules are in clinical/tracking/cohort.py).

A few queries whatever the history's length: one for the patients (start date and STarT Back
risk as subqueries), then, per thousand patients, the daily mean pain of the weeks the rules
read (in SQL, from each one's first check-in) and their PSFS means.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import connection, transaction
from django.db.models import Avg, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts import access
from painwise.accounts.models import User
from painwise.assessment.models import AssessmentRecord
from painwise.clinical.tracking import cohort as rules
from painwise.lib import charts, clock
from painwise.tracking.models import CheckIn, GoalRating
from painwise.tracking.services import tracking_settings

CHUNK = 1000  # patients per query


class CohortFilter(forms.Form):
    """Which patients: those who started in a month, and one STarT Back risk group."""

    start_month = forms.CharField(
        label=gettext_lazy("Started in (month)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),  # "YYYY-MM"; longer does not parse
    )
    risk = forms.ChoiceField(
        label=gettext_lazy("STarT Back risk"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            ("high", gettext_lazy("High")),
            ("medium", gettext_lazy("Medium")),
            ("low", gettext_lazy("Low")),
        ],
    )

    def clean_start_month(self) -> dt.date | None:
        raw = self.cleaned_data["start_month"].strip()
        if not raw:
            return None
        try:
            return dt.datetime.strptime(raw, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Choose a month, such as 2026-03.")) from None

    def values(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"start_month": None, "risk": ""}
        return {"start_month": self.cleaned_data["start_month"], "risk": self.cleaned_data["risk"]}


@dataclass(frozen=True)
class CohortResult:
    patient_count: int
    weeks: list[rules.WeekOutcome]
    today: dt.date


def _patients(clinician: User, start_month: dt.date | None, risk: str) -> list[tuple[int, dt.date]]:
    mine = {"patient": OuterRef("pk")}
    first = CheckIn.objects.filter(**mine).order_by("local_date").values("local_date")[:1]
    latest_risk = (
        AssessmentRecord.objects.filter(**mine, complete=True)
        .order_by("-created_at", "-pk")
        .values(r=KT("result__startback__risk"))[:1]
    )
    rows = access.visible_patients(clinician).annotate(
        start=Subquery(first), risk_group=Subquery(latest_risk)
    )
    rows = rows.filter(start__isnull=False)
    if start_month is not None:
        following = (start_month + dt.timedelta(days=32)).replace(day=1)
        rows = rows.filter(start__gte=start_month, start__lt=following)
    if risk:
        rows = rows.filter(risk_group=risk)
    return list(rows.values_list("pk", "start"))


def _date_plus(column: str, days: int) -> str:
    """SQL for ``column`` plus ``days`` days (SQLite keeps dates as ISO text)."""
    if connection.vendor == "sqlite":
        return f"date({column}, '+{days} days')"
    return f"({column} + {days})"


def _days_of(week: int) -> str:
    """The join to a patient's days of one week, written so that each database reads the
    (patient, date) index: PostgreSQL needs a row comparison to see the range, SQLite plans
    the plain form better."""
    if connection.vendor == "sqlite":
        return f"c.patient_id = s.patient_id AND c.local_date BETWEEN s.a{week} AND s.b{week}"
    return (
        f"(c.patient_id, c.local_date) BETWEEN (s.patient_id, s.a{week}) "
        f"AND (s.patient_id, s.b{week})"
    )


def _by_date_index() -> str:
    """SQLite sometimes builds a temporary index over the whole table for the first branch
    rather than use the (patient, date) one; name it."""
    if connection.vendor != "sqlite":
        return ""
    [index] = [i for i in CheckIn._meta.indexes if list(i.fields) == ["patient", "local_date"]]
    return f"INDEXED BY {index.name}"


def _window_sql(count: int) -> str:
    """The daily mean pain of each patient's baseline week and outcome weeks. The patients and
    their start dates come in as a VALUES list (we know them already); window edges are
    computed once per patient, and each week is its own branch, so the (patient, date) index
    finds its 7 days directly. Only the 21 days the rules read come back."""
    origin = dt.date(2000, 1, 3)
    edges, branches = [], []
    for week in (1, *rules.WEEKS):
        first, last = ((d - origin).days for d in rules.week_window(origin, week))
        edges += [
            f"{_date_plus('start', first)} AS a{week}",
            f"{_date_plus('start', last)} AS b{week}",
        ]
        branches.append(
            "SELECT c.patient_id, c.local_date, AVG(c.pain_average) FROM starts s "  # noqa: S608 - our SQL, values are parameters
            f"JOIN tracking_checkin c {_by_date_index()} ON {_days_of(week)} "
            "GROUP BY c.patient_id, c.local_date"
        )
    row = "(%s, %s)" if connection.vendor == "sqlite" else "(%s, CAST(%s AS date))"
    values = ", ".join([row] * count)
    return (
        f"WITH f(patient_id, start) AS (VALUES {values}), "  # noqa: S608 - our SQL, values are parameters
        f"starts AS (SELECT patient_id, {', '.join(edges)} FROM f) "
        f"{' UNION ALL '.join(branches)}"
    )


def _courses(patients: list[tuple[int, dt.date]]) -> list[rules.PatientCourse]:
    pain: dict[int, dict[dt.date, float]] = defaultdict(dict)
    psfs: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for i in range(0, len(patients), CHUNK):
        chunk = patients[i : i + CHUNK]
        ids = [pk for pk, _start in chunk]
        params = [v for pk, start in chunk for v in (pk, start.isoformat())]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The planner cannot see that each row comparison finds 7 days, prices the
                # query in the millions and would spend half a second compiling it (JIT).
                cursor.execute("SET LOCAL jit = off")
            cursor.execute(_window_sql(len(chunk)), params)
            for pk, day, mean in cursor.fetchall():
                day = dt.date.fromisoformat(day) if isinstance(day, str) else day
                pain[pk][day] = float(mean)
        weekly = (
            GoalRating.objects.filter(weekly__patient_id__in=ids)
            .values("weekly_id")
            .annotate(mean=Avg("score"))
            .values_list("weekly__patient_id", "weekly__local_date", "mean")
        )
        for pk, day, mean in weekly:
            psfs[pk].append((day, float(mean)))
    return [
        rules.PatientCourse(pk, start, pain.get(pk, {}), psfs.get(pk, [])) for pk, start in patients
    ]


def outcomes(
    clinician: User, *, start_month: dt.date | None = None, risk: str = ""
) -> CohortResult:
    patients = _patients(clinician, start_month, risk)
    today = clock.now().date()
    weeks = rules.outcomes(_courses(patients), today, tracking_settings())
    return CohortResult(len(patients), weeks, today)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


CSV = (
    "week",
    "patients_past_week",
    "retained",
    "retention_percent",
    "patients_with_pain_data",
    "meaningful_pain_improvement",
    "improvement_percent",
    "pain_free_or_nearly",
    "pain_free_percent",
    "patients_with_psfs",
    "mean_psfs_change",
)


def csv_rows(result: CohortResult) -> Iterator[tuple[Any, ...]]:
    """One row a week, in the order of ``CSV``."""
    return (
        (
            w.week,
            w.patients,
            w.retained,
            _percent(w.retention),
            w.with_pain,
            w.improved,
            _percent(w.improved_share),
            w.pain_free,
            _percent(w.pain_free_share),
            len(w.psfs_changes),
            None if w.psfs_change is None else round(w.psfs_change, 2),
        )
        for w in result.weeks
    )


def charts_for(result: CohortResult) -> dict[str, Any]:
    # Short labels: three fit under the bars on a phone; the table has the full names.
    labels = [_("Retained"), _("Better"), _("Pain-free")]
    series = [
        charts.Series(
            _("Week %(n)d") % {"n": w.week},
            [_percent(w.retention), _percent(w.improved_share), _percent(w.pain_free_share)],
        )
        for w in result.weeks
    ]
    if not any(v is not None for s in series for v in s.points):
        return {}
    shares = charts.bar_chart(
        series,
        labels=labels,
        y_max=100,
        title=_("Outcomes at weeks 4 and 12"),
        description=_(
            "Percent of patients still checking in (retained), with meaningful pain improvement "
            "(better), and pain-free or nearly pain-free, at weeks 4 and 12. The table below "
            "has the figures."
        ),
        y_title=_("Percent of patients"),
        chart_id="cohort-shares",
    )
    return {"shares": shares}
