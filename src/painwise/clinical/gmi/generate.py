"""Left/right judgement pictures: what each shows, its answer, and its SVG, from a seed.

``session_pictures(seed, count, parts, level)`` gives the same pictures for the same arguments,
so any trial can be replayed. The answer (``side``) is always the pictured person's own left or
right, and it comes from the pose alone: style (colours, body shape, background) is drawn from
a separate random stream that never sees the side.
"""

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from html import escape
from typing import Any, Literal

from painwise.clinical.gmi.extremities import extremity_shapes
from painwise.clinical.gmi.figures import SIZE, VIEWS, Pose, Shape, Side, Style, body_shapes

Part = Literal["trunk", "neck", "hand", "foot"]
PARTS: tuple[Part, ...] = ("trunk", "neck", "hand", "foot")
MOVEMENTS: dict[str, tuple[str, ...]] = {
    "trunk": ("rotation", "side_bend"),
    "neck": ("rotation",),
    "hand": ("turned",),
    "foot": ("turned",),
}

SKINS = ("#f1c9a5", "#d9a47c", "#b97f56", "#8d5a3b", "#5c3a27")
SHIRTS = ("#3b6ea5", "#a54a3b", "#3b8a5a", "#7a4a9a", "#c28a1e", "#4a5560", "#2f7f86")
TROUSERS = ("#3a3f47", "#2e4a6b", "#5a4a3a", "#4d5b4d")
HAIRS = ("#2b1d14", "#5a3b24", "#8a6a3a", "#b0b0b0", "#1d1d1d")
BACKGROUNDS = ("#eef3f1", "#f4efe6", "#e8eef6", "#f2ecf3", "#edf2e4")


@dataclass(frozen=True, slots=True)
class Level:
    """How hard the pictures are: the size of the movement, which views, how fast."""

    amounts: tuple[int, int]  # degrees of trunk or neck movement, smallest and largest
    views: tuple[str, ...]  # camera views of the whole figure
    turns: tuple[int, ...]  # in-plane turns of a hand or foot (degrees)
    limit_ms: int | None = None  # a time limit per picture, at the hardest level


# Practice conventions (docs/rules/gmi.md), not trial-tested: larger movements and familiar
# views first, then smaller movements, unusual views and a time limit.
LEVELS: dict[int, Level] = {
    1: Level((45, 60), ("back", "front"), (0,)),
    2: Level((30, 60), ("back", "front", "back_left", "back_right"), (0, 90, 270)),
    3: Level(
        (20, 45),
        ("back", "front", "back_left", "back_right", "front_left", "front_right", "above"),
        (0, 45, 90, 135, 225, 270, 315),
    ),
    4: Level((15, 30), tuple(VIEWS), (0, 45, 90, 135, 180, 225, 270, 315), limit_ms=3000),
}


@dataclass(frozen=True, slots=True)
class Picture:
    part: Part
    movement: str
    side: Side  # the answer, in the pictured person's own terms
    amount: float  # degrees of movement (trunk, neck) or of turn in the plane (hand, foot)
    view: str  # a camera view (trunk, neck); back or palm (hand); top or sole (foot)
    style: Style = field(default_factory=Style)

    def shapes(self) -> list[Shape]:
        if self.part in ("hand", "foot"):
            return extremity_shapes(self.part, self.view, self.side, self.amount, self.style)
        sign = 1.0 if self.side == "left" else -1.0
        if self.part == "neck":
            pose = Pose(neck_rotation=sign * self.amount)
        elif self.movement == "rotation":
            pose = Pose(trunk_rotation=sign * self.amount)
        else:
            pose = Pose(side_bend=sign * self.amount)
        return body_shapes(pose, self.style, VIEWS[self.view])

    def svg(self, label: str = "A picture to judge: left or right") -> str:
        centre, scale = (0.0, 0.0), 92.0  # a hand or a foot, with its wrist or leg
        if self.part in (
            "trunk",
            "neck",
        ):  # a whole body: the middle of the picture is the hips' height
            right, up, _towards = VIEWS[self.view].basis()
            centre, scale = (0.9 * right[1], 0.9 * up[1]), 118.0
        return render(self.shapes(), self.style.background, label, centre, scale)

    def describe(self) -> dict[str, Any]:
        """The manifest entry (without the file name)."""
        out: dict[str, Any] = {
            "part": self.part,
            "movement": self.movement,
            "side": self.side,
            "amount": self.amount,
            "view": self.view,
            "style": asdict(self.style),
        }
        if self.part in ("trunk", "neck"):
            camera = VIEWS[self.view]
            out["camera"] = {"azimuth": camera.azimuth, "elevation": camera.elevation}
        return out


def style_for(rng: random.Random) -> Style:
    return Style(
        skin=rng.choice(SKINS),
        shirt=rng.choice(SHIRTS),
        trousers=rng.choice(TROUSERS),
        hair=rng.choice(HAIRS),
        background=rng.choice(BACKGROUNDS),
        shoulders=round(rng.uniform(0.85, 1.15), 2),
        hips=round(rng.uniform(0.85, 1.2), 2),
        limbs=round(rng.uniform(0.85, 1.15), 2),
    )


def picture(seed: int, index: int, part: Part, side: Side, level: int = 2) -> Picture:
    """One picture: its pose from one random stream, its style from another."""
    spec = LEVELS[level]
    pose_rng = random.Random(f"{seed}:{index}:pose")  # noqa: S311 (replayable, not secret)
    style = style_for(random.Random(f"{seed}:{index}:style"))  # noqa: S311
    movement = pose_rng.choice(MOVEMENTS[part])
    if part in ("hand", "foot"):
        view = pose_rng.choice(("back", "palm") if part == "hand" else ("top", "sole"))
        return Picture(part, movement, side, float(pose_rng.choice(spec.turns)), view, style)
    low, high = spec.amounts
    amount = float(pose_rng.randrange(low, high + 1, 5))
    return Picture(part, movement, side, amount, pose_rng.choice(spec.views), style)


def session_pictures(
    seed: int, count: int, parts: Sequence[Part] = ("trunk", "neck"), level: int = 2
) -> list[Picture]:
    """``count`` pictures with as many lefts as rights (one more of one side when ``count`` is
    odd) and the parts shared out evenly, in an order drawn from ``seed``."""
    if count < 1 or not parts or level not in LEVELS:
        raise ValueError("need at least one picture, one part and a known level")
    order = random.Random(f"{seed}:order")  # noqa: S311
    sides: list[Side] = ["left" if i % 2 == 0 else "right" for i in range(count)]
    chosen: list[Part] = [parts[i % len(parts)] for i in range(count)]
    order.shuffle(sides)
    order.shuffle(chosen)
    return [picture(seed, i, chosen[i], sides[i], level) for i in range(count)]


def render(
    shapes: Sequence[Shape],
    background: str,
    label: str,
    centre: tuple[float, float],
    scale: float,
) -> str:
    """SVG text at a fixed scale, ``centre`` (in projected units) in the middle: a bend moves
    the head within the picture, never the picture's frame."""
    cx, cy = SIZE / 2 - centre[0] * scale, SIZE / 2 + centre[1] * scale
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'aria-label="{escape(label)}">',
        f'<rect width="{SIZE}" height="{SIZE}" fill="{background}"/>',
    ]

    def xy(p: tuple[float, float]) -> str:
        return f"{cx + p[0] * scale:.1f},{cy - p[1] * scale:.1f}"

    for s in shapes:
        if s.kind == "line":
            (x1, y1), (x2, y2) = (xy(p).split(",") for p in s.points)
            out.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{s.colour}" '
                f'stroke-width="{s.width * scale:.1f}" stroke-linecap="round"/>'
            )
        elif s.kind == "poly":
            points = " ".join(xy(p) for p in s.points)
            out.append(
                f'<polygon points="{points}" fill="{s.colour}" stroke="{s.colour}" '
                f'stroke-width="6" stroke-linejoin="round"/>'
            )
        else:
            x, y = xy(s.points[0]).split(",")
            out.append(f'<circle cx="{x}" cy="{y}" r="{s.width * scale:.1f}" fill="{s.colour}"/>')
    out.append("</svg>")
    return "".join(out)


def manifest_entry(pic: Picture, file: str, seed: int, index: int, level: int) -> dict[str, Any]:
    return {"file": file, "seed": seed, "index": index, "level": level, **pic.describe()}
