"""Stick-figure drawings of the exercises, made here from joint positions (exercises.py)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from painwise.program.exercises import Exercise

INK = "#1f6470"
PROP = "#8a979f"


def _line(points: list[tuple[float, float]], colour: str = INK, width: int = 6) -> str:
    coords = " ".join(f"{x:g},{y:g}" for x, y in points)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def drawing(exercise: Exercise, *, size: int = 240) -> SafeString:
    p = exercise.pose
    parts = [
        f'<svg class="exercise-drawing" viewBox="0 0 200 120" width="{size}" height="{size * 120 // 200}" '
        f'role="img" aria-label="{escape(str(exercise.name))}" xmlns="http://www.w3.org/2000/svg">'
    ]
    if exercise.floor:
        parts.append(_line([(4, 112), (196, 112)], PROP, 3))
    if "chair" in p:
        parts.append(
            _line([(70, 74), (104, 74), (104, 110)], PROP, 4)
            + _line([(70, 40), (70, 110)], PROP, 4)
        )
    if "wall" in p:
        parts.append(_line([(50, 6), (50, 110)], PROP, 4))
    if "step" in p:
        parts.append(_line([(104, 110), (104, 90), (160, 90), (160, 110)], PROP, 4))
    if not p:
        return mark_safe("".join([*parts, "</svg>"]))  # noqa: S308 - no user input
    torso = [p["neck"], p["mid"], p["hip"]] if "mid" in p else [p["neck"], p["hip"]]
    parts.append(_line(torso))
    parts.append(
        _line(
            [
                p["hip"],
                p.get("knee2", p["knee"]),
                p.get("ankle2", p["ankle"]),
                p.get("toe2", p["toe"]),
            ]
        )
    )
    parts.append(_line([p["hip"], p["knee"], p["ankle"], p["toe"]]))
    if "elbow2" in p:
        parts.append(_line([p["shoulder"], p["elbow2"], p.get("hand2", p["hand"])]))
    parts.append(_line([p["shoulder"], p["elbow"], p["hand"]]))
    hx, hy = p["head"]
    parts.append(f'<circle cx="{hx:g}" cy="{hy:g}" r="10" fill="{INK}"/>')
    if "bag" in p:
        x, y = p["hand"]
        parts.append(
            f'<rect x="{x - 10:g}" y="{y:g}" width="20" height="14" rx="3" fill="{PROP}"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from our own numbers only
