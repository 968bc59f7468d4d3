"""Stick-figure drawings of the exercises, made here from joint positions (exercises.py)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from painwise.program.exercises import Exercise

INK = "#1f6470"  # the near side of the body
FAR = "#86b4ba"  # the far arm and leg, lighter, so that left and right read apart
SKIN = "#1f6470"
PROP = "#9aa6ad"
MAT = "#e8eef0"
# Limb thickness, as on a real body: trunk widest, then thigh, shin, upper arm, forearm.
TRUNK, THIGH, SHIN, UPPER_ARM, FOREARM, FOOT = 18, 14, 11, 10, 8, 7


def _line(points: list[tuple[float, float]], colour: str = INK, width: float = 6) -> str:
    coords = " ".join(f"{x:g},{y:g}" for x, y in points)
    return (
        f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="{width:g}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _leg(
    hip: tuple[float, float],
    knee: tuple[float, float],
    ankle: tuple[float, float],
    toe: tuple[float, float],
    colour: str,
) -> str:
    return (
        _line([hip, knee], colour, THIGH)
        + _line([knee, ankle], colour, SHIN)
        + _line([ankle, toe], colour, FOOT)
    )


def _arm(
    shoulder: tuple[float, float],
    elbow: tuple[float, float],
    hand: tuple[float, float],
    colour: str,
) -> str:
    return _line([shoulder, elbow], colour, UPPER_ARM) + _line([elbow, hand], colour, FOREARM)


def _props(exercise: Exercise) -> list[str]:
    pose, parts = exercise.pose, []
    if exercise.floor:
        parts.append(f'<rect x="8" y="108" width="184" height="8" rx="4" fill="{MAT}"/>')
        parts.append(_line([(4, 116), (196, 116)], PROP, 2))
    if "chair" in pose:
        parts.append(
            _line([(70, 74), (104, 74), (104, 112)], PROP, 5)
            + _line([(70, 40), (70, 112)], PROP, 5)
        )
    if "wall" in pose:
        parts.append(_line([(48, 4), (48, 112)], PROP, 6))
    if "step" in pose:
        parts.append(_line([(104, 112), (104, 90), (160, 90), (160, 112)], PROP, 5))
    return parts


def drawing(exercise: Exercise, *, size: int = 240) -> SafeString:
    """A side view of the exercise: a body with thickness, the far arm and leg lighter."""
    p = exercise.pose
    parts = [
        f'<svg class="exercise-drawing" viewBox="0 0 200 120" width="{size}" height="{size * 120 // 200}" '
        f'role="img" aria-label="{escape(str(exercise.name))}" xmlns="http://www.w3.org/2000/svg">',
        *_props(exercise),
    ]
    if not p:
        return mark_safe("".join([*parts, "</svg>"]))  # noqa: S308 - no user input
    # Far side first, so the near side is drawn over it.
    parts.append(
        _leg(
            p["hip"],
            p.get("knee2", p["knee"]),
            p.get("ankle2", p["ankle"]),
            p.get("toe2", p["toe"]),
            FAR,
        )
    )
    parts.append(_arm(p["shoulder"], p.get("elbow2", p["elbow"]), p.get("hand2", p["hand"]), FAR))
    torso = [p["neck"], p["mid"], p["hip"]] if "mid" in p else [p["neck"], p["hip"]]
    parts.append(_line(torso, INK, TRUNK))
    parts.append(_leg(p["hip"], p["knee"], p["ankle"], p["toe"], INK))
    hx, hy = p["head"]
    nx, ny = p["neck"]
    parts.append(_line([(nx, ny), ((nx + hx) / 2, (ny + hy) / 2)], INK, 8))
    parts.append(f'<circle cx="{hx:g}" cy="{hy:g}" r="11" fill="{SKIN}"/>')
    parts.append(_arm(p["shoulder"], p["elbow"], p["hand"], INK))
    if "bag" in p:
        x, y = p["hand"]
        parts.append(
            f'<rect x="{x - 11:g}" y="{y:g}" width="22" height="15" rx="3" fill="{PROP}"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - built from our own numbers only
