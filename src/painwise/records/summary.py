"""The one-page visit summary as a PDF: who, since when, triage and risk, the pain and function
trends (the same SVG charts the review pages draw), confidence and fear, adherence, flares,
open alerts and the current plan. Drawn with fpdf2 (see the README for the choice).

A clinician prints it for a visit (the clinic's patient page); the patient can download the
same page to bring to any doctor (My data), which matters most when no clinician of theirs uses
Painwise. It is in clinical language: it is written for the doctor who reads it.
"""

import datetime as dt
import re
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from painwise.accounts.models import User
from painwise.alerts import services as alerts
from painwise.assessment import services as assessment
from painwise.lib import practices
from painwise.program import services as program
from painwise.program.labels import INTENSITY_NAMES, activity_label, module_name, unit_label
from painwise.program.models import FlareDeclaration
from painwise.tracking import services as tracking
from painwise.tracking.presenters import MEASURE_LABELS, review_context

# A font with more than Latin-1 when the system has one (names can be in any script).
FONT_PATHS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
INK = (29, 42, 51)
SOFT = (70, 84, 94)
BRAND = (31, 100, 112)
PAGE_W, MARGIN = 210, 12
COL = (PAGE_W - 2 * MARGIN - 6) / 2


class _Page(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_margins(MARGIN, 10, MARGIN)
        self.set_auto_page_break(False)
        self.has_ttf = False
        for path in FONT_PATHS:
            bold = path.with_name("DejaVuSans-Bold.ttf")
            if path.exists() and bold.exists():
                self.add_font("body", "", str(path))
                self.add_font("body", "B", str(bold))
                self.has_ttf = True
                break

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font("body" if self.has_ttf else "helvetica", "B" if bold else "", size)

    def safe(self, text: str) -> str:
        return text if self.has_ttf else text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str) -> None:
        self.font(10.5, bold=True)
        self.set_text_color(*BRAND)
        self.cell(0, 6, self.safe(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)

    def line_text(self, text: str, size: float = 8.5, width: float = 0) -> None:
        self.font(size)
        self.multi_cell(width, 4.2, self.safe(text), new_x="LEFT", new_y="NEXT")

    def chart(self, svg: str, x: float, y: float, w: float) -> None:
        # fpdf2 draws the SVG's shapes and text; the title and description are for screen
        # readers on the web page and have no place on paper.
        body = re.sub(r"<title.*?</title>|<desc.*?</desc>", "", svg, flags=re.S)
        self.image(body.encode(), x=x, y=y, w=w)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _facts(patient: User) -> dict[str, Any]:
    status = assessment.program_status(patient)
    latest = assessment.latest_complete(patient)
    result = latest.result if latest else {}
    review = tracking.review_for(patient)
    today = review.today
    recent = [d for d in review.days if d.date > today - dt.timedelta(days=28)]
    flares = FlareDeclaration.objects.filter(
        patient=patient, local_date__gt=today - dt.timedelta(days=28)
    ).count()
    return {
        "status": status,
        "latest": latest,
        "result": result,
        "review": review,
        "today": today,
        "days_7": sum(1 for d in recent if d.date > today - dt.timedelta(days=7)),
        "days_28": len(recent),
        "flare_days_28": sum(1 for d in recent if d.flare),
        "flares_28": flares,
        "practice": practices.week_summary(patient, today - dt.timedelta(days=6), today),
        "plan": program.current_plan(patient),
        "tracks": program.track_states(patient) if status.open else [],
        "alerts": alerts.open_alerts_for(patient),
    }


def _header(pdf: _Page, patient: User, clinician: User | None, facts: dict[str, Any]) -> None:
    pdf.font(15, bold=True)
    name = patient.full_name or patient.display_name
    pdf.cell(
        0, 8, pdf.safe(_("Visit summary: %(name)s") % {"name": name}), new_x="LMARGIN", new_y="NEXT"
    )
    start = facts["review"].review.baseline_start
    bits = [
        patient.email,
        _("Report %(date)s") % {"date": date_format(facts["today"], "j M Y")},
        _("Program start %(date)s") % {"date": date_format(start, "j M Y")}
        if start
        else _("No check-ins yet"),
        _("For %(name)s") % {"name": clinician.display_name}
        if clinician
        else _("Downloaded by the patient to share with their doctor"),
    ]
    pdf.set_text_color(*SOFT)
    pdf.line_text(" · ".join(bits), 8.5)
    pdf.set_text_color(*INK)
    pdf.ln(1)


def _triage(pdf: _Page, facts: dict[str, Any]) -> None:
    pdf.heading(_("Triage and risk"))
    result, status = facts["result"], facts["status"]
    if not facts["latest"]:
        pdf.line_text(_("No completed assessment yet."))
        return
    startback = result.get("startback") or {}
    mood = result.get("mood") or {}
    parts = [
        _("Triage: %(t)s") % {"t": str(result.get("triage", "–")).replace("_", " ")},
        _("Program: %(s)s") % {"s": status.state.value.replace("_", " ")},
        _("STarT Back: %(r)s (total %(t)s, psychosocial %(p)s)")
        % {
            "r": startback.get("risk", "–"),
            "t": startback.get("total", "–"),
            "p": startback.get("psychosocial", "–"),
        },
        _("PHQ-9 %(p)s, GAD-7 %(g)s")
        % {
            "p": mood.get("phq9_total", "–") if mood.get("phq9_total") is not None else "–",
            "g": mood.get("gad7_total") if mood.get("gad7_total") is not None else "–",
        },
    ]
    flags = result.get("red_flags") or []
    if flags:
        parts.append(_("Red flags: %(f)s") % {"f": ", ".join(f.replace("_", " ") for f in flags)})
    pdf.line_text("; ".join(parts) + ".")
    pdf.set_text_color(*SOFT)
    pdf.line_text(
        _("Assessed %(date)s.") % {"date": date_format(facts["latest"].created_at, "j M Y")}, 7.5
    )
    pdf.set_text_color(*INK)


def _trends(pdf: _Page, facts: dict[str, Any]) -> None:
    pdf.heading(_("Pain and function, weekly"))
    cards = review_context(facts["review"])["cards"]
    top = pdf.get_y()
    drawn = [c for c in cards if c["key"] in ("symptoms", "function") and c["chart"]]
    if not drawn:
        pdf.line_text(_("No check-ins to plot yet."))
        return
    height = 0.0
    for i, card in enumerate(drawn):
        x = MARGIN + i * (COL + 6)
        pdf.set_xy(x, top)
        pdf.font(8.5, bold=True)
        pdf.cell(COL, 4.5, pdf.safe(card["title"]))
        pdf.chart(str(card["chart"]), x, top + 5, COL * 0.92)
        height = max(height, 5 + COL * 0.92 * _ratio(str(card["chart"])))
    pdf.set_xy(MARGIN, top + height + 1)


def _ratio(svg: str) -> float:
    match = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    return int(match.group(2)) / int(match.group(1)) if match else 1.0


def _measures(pdf: _Page, facts: dict[str, Any]) -> None:
    pdf.heading(_("Change against the start (baseline → last 7 days)"))
    rows = []
    for signal in facts["review"].review.signals:
        for name, change in signal.measures.items():
            if change.baseline is None and change.current is None:
                continue
            mark = " *" if change.meaningful else ""
            rows.append(
                f"{MEASURE_LABELS.get(name, name)}: {_fmt(change.baseline)} → {_fmt(change.current)}{mark}"
            )
    if not rows:
        pdf.line_text(_("Not enough check-ins yet."))
        return
    pdf.line_text("; ".join(rows) + ".")
    pdf.set_text_color(*SOFT)
    pdf.line_text(_("* a meaningful change (pain: >= 2 points or >= 30%; PSFS: >= 2 points)."), 7.5)
    pdf.set_text_color(*INK)


def _adherence(pdf: _Page, facts: dict[str, Any]) -> None:
    pdf.heading(_("Adherence and flares"))
    text = _(
        "Check-in days: %(d7)s of the last 7, %(d28)s of the last 28. "
        "Flare-ups in the last 28 days: %(f)s declared, %(fd)s days marked in check-ins."
    ) % {
        "d7": facts["days_7"],
        "d28": facts["days_28"],
        "f": facts["flares_28"],
        "fd": facts["flare_days_28"],
    }
    pdf.line_text(text)
    quotas = [
        f"{activity_label(st.track.key).lower()}: {_fmt(st.state.quota)} {unit_label(st.track.unit)}"
        for st in facts["tracks"]
        if st.state.quota is not None
    ]
    if quotas:
        pdf.line_text(_("Today's activity quotas: %(q)s.") % {"q": "; ".join(quotas)})
    if facts["practice"]:
        pdf.line_text(_("Practice, last 7 days: %(p)s") % {"p": " ".join(facts["practice"])[:600]})


def _alerts_and_plan(pdf: _Page, facts: dict[str, Any]) -> None:
    pdf.heading(_("Open alerts"))
    if facts["alerts"]:
        for alert in facts["alerts"][:5]:
            when = date_format(alert.created_at, "j M Y")
            pdf.line_text(f"{alert.get_kind_display()} ({when}): {alert.text}"[:300])
        if len(facts["alerts"]) > 5:
            pdf.line_text(_("and %(n)d more.") % {"n": len(facts["alerts"]) - 5})
    else:
        pdf.line_text(_("None."))
    pdf.heading(_("Current plan"))
    plan = facts["plan"]
    if plan is None:
        pdf.line_text(_("No plan while the program is paused or the intake is not finished."))
        return
    modules = ", ".join(
        f"{module_name(m['key'])} {m['minutes']} min" for m in plan.data.get("modules", [])
    )
    pdf.line_text(
        _("%(i)s, %(m)s minutes a day: %(list)s. Review %(d)s.")
        % {
            "i": INTENSITY_NAMES.get(plan.data.get("intensity"), ""),
            "m": plan.data.get("daily_minutes"),
            "list": modules,
            "d": date_format(plan.review_date, "j M Y"),
        }
    )
    if plan.reason:
        pdf.line_text(_("Last change: %(why)s") % {"why": plan.reason[:300]})


def pdf(patient: User, *, clinician: User | None) -> bytes:
    """The visit summary for ``patient`` (the caller has checked access), one A4 page: for
    ``clinician``, or (None) downloaded by the patient for a doctor of their choice."""
    with translation.override("en"):
        facts = _facts(patient)
        page = _Page()
        page.set_title(f"Painwise visit summary {patient.pk}")
        page.set_author("Painwise")
        page.add_page()
        _header(page, patient, clinician, facts)
        _triage(page, facts)
        _trends(page, facts)
        _measures(page, facts)
        _adherence(page, facts)
        _alerts_and_plan(page, facts)
        page.set_y(-12)
        page.set_text_color(*SOFT)
        page.line_text(
            _("Painwise · confidential health information · made %(d)s")
            % {"d": date_format(facts["today"], "j M Y")},
            7,
        )
        return bytes(page.output())
