"""Flat drawings of a hand or a foot, in units of about one hand (or foot) length, centred.

A right hand seen from the back with the fingers up has its thumb on the viewer's left; seen
from the palm, on the right. A right foot seen from above with the toes up has its big toe on
the viewer's left; seen from the sole, on the right. A left one is the mirror image. What tells
the back from the palm (nails and knuckles, or creases) and the top from the sole (nails and
the leg, or the heel pad and arch) is drawn, so the side is never given by the outline alone.
"""

import math
from typing import Literal

from painwise.clinical.gmi.figures import Point, Shape, Side, Style, _shade

HandView = Literal["back", "palm"]
FootView = Literal["top", "sole"]


def _ring(cx: float, cy: float, rx: float, ry: float, n: int = 14) -> tuple[Point, ...]:
    return tuple(
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    )


def _right_hand_back(style: Style) -> list[Shape]:
    """A right hand, back towards the viewer, fingers up (y up), thumb on the viewer's left."""
    nail = _shade(style.skin, 1.18)
    crease = _shade(style.skin, 0.8)
    shapes = [
        Shape("line", ((0.0, -0.55), (0.0, -0.95)), 0.42, style.shirt, 0),  # the sleeve
        Shape("poly", ((-0.3, -0.5), (0.3, -0.5), (0.32, 0.08), (-0.3, 0.1)), 0, style.skin, 0),
        Shape("line", ((-0.27, -0.28), (-0.56, 0.02)), 0.15, style.skin, 0),  # the thumb
        Shape("poly", _ring(-0.55, 0.0, 0.04, 0.05, 8), 0, nail, 0),
    ]
    for x, length in ((-0.22, 0.44), (-0.075, 0.5), (0.075, 0.46), (0.22, 0.36)):
        shapes.append(Shape("line", ((x, 0.0), (x, length)), 0.13, style.skin, 0))
        shapes.append(Shape("poly", _ring(x, length - 0.02, 0.04, 0.055, 8), 0, nail, 0))
        shapes.append(Shape("line", ((x - 0.04, 0.06), (x + 0.04, 0.06)), 0.015, crease, 0))
    return shapes


def _right_hand_palm(style: Style) -> list[Shape]:
    """The same right hand turned to show the palm: the thumb is now on the viewer's right."""
    crease = _shade(style.skin, 0.78)
    palm = _shade(style.skin, 1.08)
    shapes = [
        Shape("line", ((0.0, -0.55), (0.0, -0.95)), 0.42, style.shirt, 0),
        Shape("poly", ((0.3, -0.5), (-0.3, -0.5), (-0.32, 0.08), (0.3, 0.1)), 0, palm, 0),
        Shape("line", ((0.27, -0.28), (0.56, 0.02)), 0.15, palm, 0),
        # Palm creases: the life line around the thumb's base and the heart line across.
        Shape("line", ((0.05, -0.45), (0.2, -0.12)), 0.02, crease, 0),
        Shape("line", ((-0.28, 0.0), (0.12, -0.06)), 0.02, crease, 0),
    ]
    for x, length in ((0.22, 0.44), (0.075, 0.5), (-0.075, 0.46), (-0.22, 0.36)):
        shapes.append(Shape("line", ((x, 0.0), (x, length)), 0.13, palm, 0))
        shapes.append(Shape("line", ((x - 0.035, 0.22), (x + 0.035, 0.22)), 0.012, crease, 0))
    return shapes


def _right_foot_top(style: Style) -> list[Shape]:
    """A right foot seen from above, toes up: the big toe on the viewer's left."""
    nail = _shade(style.skin, 1.18)
    outline = ((-0.2, 0.28), (0.22, 0.2), (0.2, -0.3), (0.12, -0.5), (-0.12, -0.5), (-0.17, -0.2))
    shapes = [
        Shape("line", ((0.0, -0.45), (0.0, -0.95)), 0.3, style.trousers, 0),  # the leg
        Shape("poly", outline, 0, style.skin, 0),
    ]
    for x, y, r in (
        (-0.15, 0.34, 0.075),
        (-0.02, 0.33, 0.05),
        (0.07, 0.3, 0.045),
        (0.14, 0.26, 0.04),
        (0.2, 0.21, 0.035),
    ):
        shapes.append(Shape("circle", ((x, y),), r, style.skin, 0))
        shapes.append(Shape("poly", _ring(x, y + r * 0.3, r * 0.5, r * 0.45, 8), 0, nail, 0))
    return shapes


def _right_foot_sole(style: Style) -> list[Shape]:
    """The same right foot seen from below: the big toe on the viewer's right, heel pad and arch
    showing, no leg."""
    sole = _shade(style.skin, 1.1)
    pad = _shade(style.skin, 0.88)
    outline = ((0.2, 0.28), (-0.22, 0.2), (-0.2, -0.3), (-0.12, -0.5), (0.12, -0.5), (0.17, -0.2))
    shapes = [
        Shape("poly", outline, 0, sole, 0),
        Shape("poly", _ring(0.0, -0.36, 0.13, 0.11), 0, pad, 0),  # the heel pad
        Shape("poly", _ring(-0.05, 0.14, 0.16, 0.07), 0, pad, 0),  # the ball of the foot
    ]
    for x, y, r in (
        (0.15, 0.34, 0.075),
        (0.02, 0.33, 0.05),
        (-0.07, 0.3, 0.045),
        (-0.14, 0.26, 0.04),
        (-0.2, 0.21, 0.035),
    ):
        shapes.append(Shape("circle", ((x, y),), r, sole, 0))
    return shapes


DRAWINGS = {
    ("hand", "back"): _right_hand_back,
    ("hand", "palm"): _right_hand_palm,
    ("foot", "top"): _right_foot_top,
    ("foot", "sole"): _right_foot_sole,
}


def extremity_shapes(part: str, view: str, side: Side, turn: float, style: Style) -> list[Shape]:
    """A hand or a foot of ``side``, seen from ``view``, turned ``turn`` degrees clockwise in
    the picture's plane."""
    shapes = DRAWINGS[(part, view)](style)
    if side == "left":
        shapes = [mirrored(s) for s in shapes]
    return [turned(moved(s, 0.0, 0.2), turn) for s in shapes]  # turned about the middle


def mirrored(shape: Shape) -> Shape:
    """The shape mirrored left to right about the picture's vertical centre line."""
    points = tuple((-x, y) for x, y in shape.points)
    return Shape(shape.kind, points, shape.width, shape.colour, shape.depth)


def moved(shape: Shape, dx: float, dy: float) -> Shape:
    points = tuple((x + dx, y + dy) for x, y in shape.points)
    return Shape(shape.kind, points, shape.width, shape.colour, shape.depth)


def turned(shape: Shape, degrees: float) -> Shape:
    t = math.radians(-degrees)  # clockwise on screen (y up)
    c, s = math.cos(t), math.sin(t)
    points = tuple((x * c - y * s, x * s + y * c) for x, y in shape.points)
    return Shape(shape.kind, points, shape.width, shape.colour, shape.depth)
