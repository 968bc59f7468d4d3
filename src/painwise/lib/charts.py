"""Small server-rendered SVG charts: no JavaScript, no chart library, nothing from a CDN.

Drawn about as wide as a phone shows them, with text at body size (18 px when the chart is
shown at its natural width), both axes named in words, and a legend with a second cue beside
colour (dashes). Colours are SVG presentation attributes (allowed by our CSP, which forbids
inline styles). Each chart has a title and a description for screen readers; pages also show
the numbers as a table.
"""

import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#1f6470", "#b5520b", "#6a3d9a", "#1e6b3a")
DASHES = ("", "6 4", "2 3", "10 3 2 3")  # a second cue besides colour
INK, SOFT_INK, GRID = "#1d2a33", "#46545e", "#d9dfe2"
# Weekly charts show the most recent half year: readable on a phone, and a page of the same
# size for a person with two months of history or three years.
RECENT_WEEKS = 26
FONT = 18  # viewBox units; drawn 320 wide, it is shown about 320 px wide in a card on a phone


@dataclass(frozen=True)
class Series:
    name: str
    points: list[float | None]


@dataclass(frozen=True)
class Frame:
    """Where the plot sits inside the SVG, and how values map to it."""

    width: int
    left: int
    top: int
    plot_w: int
    plot_h: int
    y_max: float
    count: int

    def x(self, i: int) -> float:
        return self.left + self.plot_w * (i + 0.5) / self.count

    def y(self, value: float) -> float:
        return self.top + self.plot_h * (1 - min(max(value, 0), self.y_max) / self.y_max)


def nice_ceiling(value: float) -> float:
    """The next round number at or above ``value`` (10, 20, 25, 30, 40, 50, 60, 80, 100, ...)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude + 1e-9:
            return step * magnitude
    return 10 * magnitude


def _text(x: float, y: float, words: str, anchor: str = "start", colour: str = SOFT_INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}" '
        f'fill="{colour}">{escape(words)}</text>'
    )


def _grid(f: Frame, y_title: str) -> list[str]:
    parts = [_text(4, f.top - 10, y_title, colour=INK)]
    steps = 5 if (f.y_max / 5).is_integer() else 4  # ticks land on round numbers
    for k in range(steps + 1):
        value = f.y_max * k / steps
        tick = f"{value:g}"
        y = f.y(value)
        parts.append(
            f'<line x1="{f.left}" x2="{f.width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        parts.append(_text(f.left - 6, y + 6, tick, "end"))
    return parts


def _x_labels(f: Frame, labels: list[str], x_title: str) -> list[str]:
    # At body size about three labels fit across a phone: the first, the last, one between.
    shown = sorted({0, f.count - 1, (f.count - 1) // 2}) if f.count > 3 else range(f.count)
    bottom = f.top + f.plot_h

    def anchor(i: int) -> str:  # the first and last labels stay inside the chart
        return "start" if i == 0 and f.count > 1 else "end" if i == f.count - 1 else "middle"

    def where(i: int) -> float:
        return {"start": f.left, "end": f.width - 8}.get(anchor(i), f.x(i))

    parts = [_text(where(i), bottom + 22, labels[i], anchor(i)) for i in shown if i < len(labels)]
    parts.append(_text(f.left + f.plot_w / 2, bottom + 46, x_title, "middle", INK))
    return parts


def _lines(f: Frame, series: list[Series]) -> list[str]:
    parts = []
    for index, s in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        for i, value in enumerate([*s.points, None]):
            if value is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                        f'stroke-width="3"{dash_attr}/>'
                    )
                run = []
                continue
            run.append(f"{f.x(i):.1f},{f.y(value):.1f}")
            parts.append(
                f'<circle cx="{f.x(i):.1f}" cy="{f.y(value):.1f}" r="4.5" fill="{colour}"/>'
            )
    return parts


def _legend(series: list[Series], top: int, left: int) -> list[str]:
    parts = []
    for index, s in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        y = top + 26 * index + 12
        parts.append(
            f'<line x1="{left}" x2="{left + 30}" y1="{y}" y2="{y}" stroke="{colour}" '
            f'stroke-width="3"{dash_attr}/>'
        )
        parts.append(_text(left + 38, y + 6, s.name, colour=INK))
    return parts


def _opening(width: int, total: int, chart_id: str, title: str, description: str) -> list[str]:
    """The <svg> element with its title and description for screen readers."""
    return [
        f'<svg class="chart" viewBox="0 0 {width} {total}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]


def line_chart(
    series: list[Series],
    *,
    labels: list[str],
    y_max: float,
    title: str,
    description: str,
    x_title: str = "",
    y_title: str = "",
    baseline: float | None = None,
    baseline_label: str = "",
    chart_id: str = "chart",
    width: int = 320,
    height: int = 220,
) -> SafeString:
    """A line chart of weekly values, one line per series, with named axes and a legend."""
    left, top, bottom = 40, 34, 58
    f = Frame(
        width,
        left,
        top,
        width - left - 10,
        height - top - bottom,
        nice_ceiling(y_max),
        max(len(labels), 1),
    )
    total = height + 26 * len(series) + 8
    parts = [
        *_opening(width, total, chart_id, title, description),
        *_grid(f, y_title),
        *_x_labels(f, labels, x_title),
    ]
    if baseline is not None:
        y = f.y(baseline)
        parts.append(
            f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{SOFT_INK}" '
            f'stroke-width="1.5" stroke-dasharray="4 4"/>'
        )
        parts.append(_text(width - 10, y - 6, baseline_label, "end", INK))
    parts += _lines(f, series)
    parts += _legend(series, height, left)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bar_chart(
    series: list[Series],
    *,
    labels: list[str],
    y_max: float,
    title: str,
    description: str,
    y_title: str = "",
    value_format: str = "{:.0f}",
    chart_id: str = "bars",
    width: int = 320,
    height: int = 240,
) -> SafeString:
    """Grouped bars: one group per label, one bar per series, each with its value written on
    top. The second cue besides colour: the first series is filled, the second outlined."""
    left, top, bottom = 40, 56, 40
    f = Frame(width, left, top, width - left - 10, height - top - bottom, y_max, len(labels))
    total = height + 26 * len(series) + 8
    parts = [
        *_opening(width, total, chart_id, title, description),
        *_grid(f, ""),
        _text(4, 22, y_title, colour=INK),  # above the values written on the tallest bars
    ]
    slot = f.plot_w / max(len(labels), 1)
    bar = slot * 0.8 / max(len(series), 1)
    for i, label in enumerate(labels):
        parts.append(_text(f.x(i), f.top + f.plot_h + 22, label, "middle"))
        for j, s in enumerate(series):
            value = s.points[i] if i < len(s.points) else None
            x = f.x(i) - slot * 0.4 + j * bar
            if value is None:
                parts.append(_text(x + bar / 2, f.top + f.plot_h - 6, "–", "middle"))
                continue
            y = f.y(value)
            colour = PALETTE[j % len(PALETTE)]
            fill = colour if j % 2 == 0 else "#ffffff"
            parts.append(
                f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" '
                f'height="{f.top + f.plot_h - y:.1f}" fill="{fill}" stroke="{colour}" '
                f'stroke-width="2.5"/>'
            )
            parts.append(_text(x + bar / 2, y - 6, value_format.format(value), "middle", INK))
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        fill = colour if index % 2 == 0 else "#ffffff"
        y = height + 26 * index
        parts.append(
            f'<rect x="{left}" y="{y + 2}" width="24" height="18" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
        parts.append(_text(left + 34, y + 18, s.name, colour=INK))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
