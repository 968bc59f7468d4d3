"""Pictures for left/right judgement, drawn from a small 3D model of a person and projected
from a chosen camera (pure Python: no Django, no I/O; deterministic for a given pose and style).

The body frame: x points to the pictured person's own left, y up, z the way they face. Every
movement is named in the person's own terms: a trunk rotation "to the left" turns the chest
towards their left (+x), whichever side of the picture that ends up on.

Hands and feet are flat drawings turned in the picture's plane, seen from the back or the
palm (hands) and from above or below (feet); a left one is the mirror image of a right one.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Side = Literal["left", "right"]
Vec = tuple[float, float, float]
Point = tuple[float, float]

SIZE = 240  # the SVG's viewBox is SIZE x SIZE


@dataclass(frozen=True, slots=True)
class Style:
    """Everything about a picture that must not give the answer away."""

    skin: str = "#d9a47c"
    shirt: str = "#3b6ea5"
    trousers: str = "#3a3f47"
    hair: str = "#3b2a20"
    background: str = "#eef3f1"
    shoulders: float = 1.0  # width scale of the shoulders
    hips: float = 1.0  # width scale of the hips
    limbs: float = 1.0  # thickness scale of the arms and legs


@dataclass(frozen=True, slots=True)
class Camera:
    """Where the viewer stands: ``azimuth`` 0 is straight behind the person, 180 in front,
    90 at their left side; ``elevation`` is how far above (degrees)."""

    azimuth: float
    elevation: float

    def basis(self) -> tuple[Vec, Vec, Vec]:
        """(screen right, screen up, towards the camera), as body-frame unit vectors."""
        a, e = math.radians(self.azimuth), math.radians(self.elevation)
        to_camera = (math.sin(a) * math.cos(e), math.sin(e), -math.cos(a) * math.cos(e))
        right = _unit(_cross((0.0, 1.0, 0.0), to_camera))
        up = _cross(to_camera, right)
        return right, up, to_camera


VIEWS: dict[str, Camera] = {
    "back": Camera(0, 12),
    "front": Camera(180, 12),
    "back_left": Camera(40, 15),
    "back_right": Camera(-40, 15),
    "front_left": Camera(140, 15),
    "front_right": Camera(-140, 15),
    "above": Camera(0, 65),
    "above_front": Camera(180, 65),
}


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _unit(a: Vec) -> Vec:
    n = math.sqrt(_dot(a, a))
    return (a[0] / n, a[1] / n, a[2] / n)


def _about_y(p: Vec, degrees: float, centre: Vec) -> Vec:
    """Turn ``p`` about the vertical through ``centre``: positive turns +z (forward) to +x."""
    t = math.radians(degrees)
    x, z = p[0] - centre[0], p[2] - centre[2]
    return (
        centre[0] + x * math.cos(t) + z * math.sin(t),
        p[1],
        centre[2] - x * math.sin(t) + z * math.cos(t),
    )


def _about_z(p: Vec, degrees: float, centre: Vec) -> Vec:
    """Tilt ``p`` about the forward axis through ``centre``: positive moves +y (up) to +x."""
    t = math.radians(degrees)
    x, y = p[0] - centre[0], p[1] - centre[1]
    return (
        centre[0] + x * math.cos(t) + y * math.sin(t),
        centre[1] - x * math.sin(t) + y * math.cos(t),
        p[2],
    )


# --- the body -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pose:
    """Degrees towards the person's own left (positive) or right (negative)."""

    trunk_rotation: float = 0.0
    side_bend: float = 0.0
    neck_rotation: float = 0.0


PELVIS: Vec = (0.0, 1.0, 0.0)
NECK: Vec = (0.0, 1.52, 0.0)


def joints(pose: Pose, style: Style) -> dict[str, Vec]:
    """Every point of the figure in the body frame, after the pose."""
    sw, hw = 0.19 * style.shoulders, 0.1 * style.hips
    lower: dict[str, Vec] = {}
    upper: dict[str, Vec] = {}
    head: dict[str, Vec] = {}
    for name, sign in (("l", 1.0), ("r", -1.0)):
        lower[f"hip_{name}"] = (sign * hw, 0.97, 0.0)
        lower[f"knee_{name}"] = (sign * (hw + 0.01), 0.52, 0.03)
        lower[f"ankle_{name}"] = (sign * (hw + 0.02), 0.08, 0.0)
        lower[f"toe_{name}"] = (sign * (hw + 0.03), 0.03, 0.14)
        upper[f"shoulder_{name}"] = (sign * sw, 1.43, 0.0)
        # Elbows bent, forearms forward: where the hands point shows where the chest faces.
        upper[f"elbow_{name}"] = (sign * (sw + 0.03), 1.17, -0.02)
        upper[f"hand_{name}"] = (sign * 0.1, 1.13, 0.22)
        head[f"eye_{name}"] = (sign * 0.035, 1.685, 0.088)
        head[f"ear_{name}"] = (sign * 0.095, 1.655, -0.005)
    # The chest and the pelvis are boxes with a front, back and sides: the shading of their
    # faces shows which way each one turns.
    for name, x, y, z in _box("chest", sw + 0.02, hw, 1.05, 1.45, 0.1, 0.085):
        upper[name] = (x, y, z)
    for name, x, y, z in _box("pelvis", hw + 0.03, hw + 0.02, 0.88, 1.08, 0.09, 0.08):
        lower[name] = (x, y, z)
    head["head"] = (0.0, 1.65, 0.0)
    head["hair"] = (0.0, 1.67, -0.025)
    head["nose"] = (0.0, 1.655, 0.115)
    upper["neck"] = NECK

    def move_upper(p: Vec) -> Vec:
        p = _about_y(p, pose.trunk_rotation, PELVIS)
        return _about_z(p, pose.side_bend, PELVIS)

    out = dict(lower)
    out.update({k: move_upper(p) for k, p in upper.items()})
    out.update({k: move_upper(_about_y(p, pose.neck_rotation, NECK)) for k, p in head.items()})
    return out


@dataclass(frozen=True, slots=True)
class Shape:
    """One thing to draw, already projected: a thick line, a polygon or a circle."""

    kind: Literal["line", "poly", "circle"]
    points: tuple[Point, ...]
    width: float
    colour: str
    depth: float


def body_shapes(pose: Pose, style: Style, camera: Camera) -> list[Shape]:
    """The figure's shapes, projected and sorted far to near (the painter's order)."""
    j = joints(pose, style)
    right, up, towards = camera.basis()

    def at(name: str) -> Point:
        return (_dot(j[name], right), _dot(j[name], up))

    def depth(*names: str) -> float:
        return sum(_dot(j[n], towards) for n in names) / len(names)

    limb = 0.075 * style.limbs
    shapes: list[Shape] = []

    def line(a: str, b: str, width: float, colour: str, bias: float = 0.0) -> None:
        shapes.append(Shape("line", (at(a), at(b)), width, colour, depth(a, b) + bias))

    for s in ("l", "r"):
        line(f"hip_{s}", f"knee_{s}", limb * 1.25, style.trousers, -0.2)
        line(f"knee_{s}", f"ankle_{s}", limb * 1.1, style.trousers, -0.2)
        line(f"ankle_{s}", f"toe_{s}", limb * 0.8, "#2b2b2b", -0.2)
        line(f"shoulder_{s}", f"elbow_{s}", limb, style.shirt, 0.02)
        line(f"elbow_{s}", f"hand_{s}", limb * 0.8, style.skin, 0.03)
    # Light from above the viewer's head: no left or right in it, so a mirror image of a
    # picture is exactly the picture of the mirrored pose.
    light = _unit(_add(_scaled(up, 0.6), _scaled(towards, 0.8)))
    for box, colour, bias in (("chest", style.shirt, 0.0), ("pelvis", style.trousers, -0.05)):
        centre = _mean([j[f"{box}_{c}"] for c in CORNERS])
        for face in FACES:
            corners = [j[f"{box}_{c}"] for c in face]
            normal = _unit(_sub(_mean(corners), centre))
            if _dot(normal, towards) <= 0.02:  # turned away from the viewer
                continue
            shade = 0.6 + 0.5 * max(0.0, _dot(normal, light))
            points = tuple(at(f"{box}_{c}") for c in face)
            shapes.append(
                Shape(
                    "poly",
                    points,
                    0.0,
                    _shade(colour, shade),
                    depth(*(f"{box}_{c}" for c in face)) + bias,
                )
            )
    line("neck", "head", limb * 0.9, style.skin, -0.01)
    shapes.sort(key=lambda s: s.depth)
    shapes.extend(_head(j, style, at, towards))
    return shapes


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _scaled(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _mean(points: Sequence[Vec]) -> Vec:
    n = len(points)
    return (
        sum(p[0] for p in points) / n,
        sum(p[1] for p in points) / n,
        sum(p[2] for p in points) / n,
    )


# A box's corners: l/r (the person's left or right), b/t (bottom or top), k/f (back or front).
CORNERS = [x + y + z for x in "lr" for y in "bt" for z in "kf"]
FACES = [
    ("lbf", "rbf", "rtf", "ltf"),  # front
    ("lbk", "rbk", "rtk", "ltk"),  # back
    ("lbk", "lbf", "ltf", "ltk"),  # the person's left side
    ("rbk", "rbf", "rtf", "rtk"),  # the person's right side
    ("ltk", "rtk", "rtf", "ltf"),  # top
]


def _box(
    name: str,
    top_half: float,
    bottom_half: float,
    low: float,
    high: float,
    top_depth: float,
    bottom_depth: float,
) -> list[tuple[str, float, float, float]]:
    """The eight corners of a tapered box centred on the body's midline."""
    out = []
    for corner in CORNERS:
        side, level, face = corner[0], corner[1], corner[2]
        top = level == "t"
        half = top_half if top else bottom_half
        deep = top_depth if top else bottom_depth
        x = half if side == "l" else -half
        z = deep if face == "f" else -deep
        out.append((f"{name}_{corner}", x, high if top else low, z))
    return out


def _head(j: dict[str, Vec], style: Style, at: Callable[[str], Point], towards: Vec) -> list[Shape]:
    """The head drawn last: skin, hair towards the back, and the face when it is in view."""
    face = _unit(_sub(j["nose"], j["head"]))
    # Ears: the one farther than the middle of the head goes behind it, the nearer one in
    # front (seen from behind, a turned head shows one ear over the hair).
    centre = _dot(j["head"], towards)
    ears = [(f"ear_{s}", _dot(j[f"ear_{s}"], towards)) for s in "lr"]
    ear = _shade(style.skin, 0.9)
    shapes = [Shape("circle", (at(n),), 0.03, ear, 0) for n, d in ears if d <= centre]
    shapes += [
        Shape("circle", (at("head"),), 0.1, style.skin, 0),
        Shape("circle", (at("hair"),), 0.092, style.hair, 0),
    ]
    shapes += [Shape("circle", (at(n),), 0.03, ear, 0) for n, d in ears if d > centre + 0.02]
    if _dot(face, towards) > -0.15:  # the face turned towards the viewer, at least side-on
        shapes.append(Shape("circle", (at("head"),), 0.088, style.skin, 0))
        shapes += [Shape("circle", (at(f"eye_{s}"),), 0.012, "#1d2a33", 0) for s in "lr"]
        shapes.append(Shape("circle", (at("nose"),), 0.016, _shade(style.skin, 0.85), 0))
    return shapes


def _shade(colour: str, factor: float) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{max(0, min(255, round(c * factor))):02x}" for c in (r, g, b))
