"""How the review is shown: cards for the three signals with their plots and tables.

Shared by the patient's progress page and the clinician's patient page (presentation only).
"""

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.clinical.tracking.signals import weekly_series
from painwise.lib import charts
from painwise.lib.reasons import reason_text
from painwise.tracking.services import ReviewData

# The baseline week stays the dotted line when it is older than the weeks shown.
SHOWN_WEEKS = charts.RECENT_WEEKS

# For clinicians: what each measure of a signal is (baseline -> the last 7 days).
MEASURE_LABELS = {
    "pain": gettext_lazy("Pain (7-day mean, 0-10)"),
    "stiffness": gettext_lazy("Stiffness"),
    "sleep": gettext_lazy("Sleep quality"),
    "psfs": gettext_lazy("PSFS mean"),
    "peg_interference": gettext_lazy("PEG interference"),
    "confidence": gettext_lazy("Confidence to be active"),
    "fear": gettext_lazy("Fear of movement"),
}


def review_context(data: ReviewData) -> dict[str, Any]:
    """Everything the review template needs, for the patient's own page and the clinician's."""
    review = data.review
    if review.baseline_start is None:
        return {"review": review, "data": data, "cards": []}
    start, today = review.baseline_start, data.today

    def weekly_points(name: str) -> list[Any]:
        return [
            None if p.mean is None else round(p.mean, 2)
            for p in weekly_series(data.days, name, start, today)[-SHOWN_WEEKS:]
        ]

    all_weeks = weekly_series(data.days, "pain_average", start, today)
    weeks = [date_format(w.start, "j M") for w in all_weeks[-SHOWN_WEEKS:]]
    by_week = (weeks, _("Week starting"))
    checks = data.weekly[-SHOWN_WEEKS:]
    signals = {signal.key: signal for signal in review.signals}
    cards = [
        _card(
            signals["symptoms"],
            (_("Symptoms"), _("How is my pain?")),
            [
                charts.Series(_("Pain"), weekly_points("pain_average")),
                charts.Series(_("Stiffness"), weekly_points("stiffness")),
                charts.Series(_("Sleep quality"), weekly_points("sleep_quality")),
            ],
            by_week,
            baseline=(signals["symptoms"].measures["pain"].baseline, _("first week's pain")),
        ),
        _card(
            signals["function"],
            (_("Function"), _("What can I do?")),
            [
                charts.Series(_("My activities (0-10)"), [w.psfs_mean for w in checks]),
                charts.Series(_("Pain in the way of life"), [w.peg_interference for w in checks]),
            ],
            ([date_format(w.date, "j M") for w in checks], _("Weekly check, by date")),
        ),
        _card(
            signals["confidence"],
            (_("Confidence"), _("How willing am I to move?")),
            [
                charts.Series(_("Confidence"), weekly_points("confidence")),
                charts.Series(_("Fear of moving"), weekly_points("fear")),
            ],
            by_week,
        ),
    ]
    shortened = len(all_weeks) > SHOWN_WEEKS or len(data.weekly) > SHOWN_WEEKS
    return {
        "review": review,
        "data": data,
        "cards": cards,
        "shown_weeks": shortened and SHOWN_WEEKS,
    }


def _card(
    signal: Any,
    heading: tuple[str, str],
    series: list[charts.Series],
    x_axis: tuple[list[str], str],
    baseline: tuple[float | None, str] = (None, ""),
) -> dict[str, Any]:
    """One signal's card: its chart (when there is data), the same figures as a table, and
    for clinicians each measure's change."""
    (title, question), (labels, x_title) = heading, x_axis
    has_data = any(v is not None for s in series for v in s.points)
    if not has_data:
        chart = ""
    else:
        chart = charts.line_chart(
            series,
            labels=labels,
            y_max=10,
            title=f"{title}: {question}",
            description=reason_text(signal.sentence),
            x_title=x_title,
            y_title=_("Score out of 10 (weekly mean)"),
            baseline=baseline[0],
            baseline_label=baseline[1],
            chart_id=f"chart-{signal.key}",
        )
    return {
        "key": signal.key,
        "title": title,
        "question": question,
        "signal": signal,
        "series": series,
        "labels": labels,
        "has_data": has_data,
        "chart": chart,
        "measures": [(MEASURE_LABELS.get(n, n), change) for n, change in signal.measures.items()],
        "table": [
            (label, [s.points[i] if i < len(s.points) else None for s in series])
            for i, label in enumerate(labels)
        ],
    }
