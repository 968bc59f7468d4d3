"""Small server-rendered SVG charts: no JavaScript, no chart library, nothing from a CDN.

Colours are SVG presentation attributes (allowed by our CSP, which forbids inline styles).
Each chart has a title and a description for screen readers; pages also show the numbers as a
table.
"""

import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f6470", "#b5520b", "#6a3d9a", "#1e6b3a")
DASHES = ("", "6 4", "2 3", "10 3 2 3")  # a second cue besides colour


@dataclass(frozen=True)
class Series:
    name: str
    points: list[float | None]


def nice_ceiling(value: float) -> float:
    """The next round number at or above ``value`` (10, 20, 25, 30, 40, 50, 60, 80, 100, ...)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude + 1e-9:
            return step * magnitude
    return 10 * magnitude


def line_chart(
    series: list[Series],
    *,
    labels: list[str],
    y_max: float,
    title: str,
    description: str,
    baseline: float | None = None,
    baseline_label: str = "",
    chart_id: str = "chart",
    width: int = 360,
    height: int = 180,
) -> SafeString:
    # Sized for a phone: the SVG is drawn about as wide as it is shown, so text stays readable.
    legend_h = 20 * len(series)
    y_max = nice_ceiling(y_max)
    left, right, top, bottom = 30, 8, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    height += legend_h
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h * (1 - min(max(v, 0), y_max) / y_max)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    steps = 5
    for k in range(steps + 1):
        v = y_max * k / steps
        tick = f"{v:.0f}" if y_max >= steps * 2 or v == int(v) else f"{v:.1f}"
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d9dfe2" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="12" fill="#46545e">{tick}</text>'
        )
    every = max(1, (n + 3) // 4)
    for i, label in enumerate(labels):
        if i % every == 0 or (i == n - 1 and (n - 1) % every >= every / 2):
            parts.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12" fill="#46545e">{escape(label)}</text>'
            )
    if baseline is not None:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(baseline):.1f}" y2="{y(baseline):.1f}" '
            f'stroke="#46545e" stroke-width="1.5" stroke-dasharray="4 4"/>'
            f'<text x="{width - right}" y="{y(baseline) - 5:.1f}" text-anchor="end" font-size="12" fill="#1d2a33">{escape(baseline_label)}</text>'
        )
    for s_index, s in enumerate(series):
        colour, dash = PALETTE[s_index % len(PALETTE)], DASHES[s_index % len(DASHES)]
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, v in enumerate(s.points):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append(f"{x(i):.1f},{y(v):.1f}")
        if segment:
            segments.append(segment)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for seg in segments:
            if len(seg) > 1:
                parts.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>'
                )
        for i, v in enumerate(s.points):
            if v is not None:
                parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"/>')
    # legend: one line per series, under the plot
    for s_index, s in enumerate(series):
        colour, dash = PALETTE[s_index % len(PALETTE)], DASHES[s_index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        ly = height - legend_h + 20 * s_index + 10
        parts.append(
            f'<line x1="{left}" x2="{left + 26}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="{left + 34}" y="{ly + 5}" font-size="14" fill="#1d2a33">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
