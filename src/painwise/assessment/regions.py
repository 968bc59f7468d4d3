"""Human names for the body-map regions of the clinical core, and their places on the map."""

from django.utils.translation import gettext_lazy as _

from painwise.clinical.assessment.regions import REGIONS

REGION_LABELS = {
    "head": _("Head"),
    "neck": _("Neck"),
    "shoulder_left": _("Left shoulder"),
    "shoulder_right": _("Right shoulder"),
    "upper_back": _("Upper back"),
    "chest": _("Chest"),
    "abdomen": _("Belly (abdomen)"),
    "arm_left": _("Left arm"),
    "arm_right": _("Right arm"),
    "hand_left": _("Left hand"),
    "hand_right": _("Right hand"),
    "lower_back": _("Lower back"),
    "buttock_left": _("Left buttock"),
    "buttock_right": _("Right buttock"),
    "thigh_left": _("Left thigh"),
    "thigh_right": _("Right thigh"),
    "lower_leg_left": _("Left lower leg"),
    "lower_leg_right": _("Right lower leg"),
    "foot_left": _("Left foot"),
    "foot_right": _("Right foot"),
}
assert set(REGION_LABELS) == set(REGIONS)

REGION_CHOICES = [(code, REGION_LABELS[code]) for code in REGIONS]

# Shapes of the body map, in a 120 x 300 box per figure. The back view shows the person's left
# on the viewer's left; the front view mirrors it. (kind, attributes) per region and view.
_SIDE = {"left": 0, "right": 1}


def _shapes(view: str) -> list[tuple[str, str, dict[str, float]]]:
    # x positions for (viewer-left, viewer-right) limbs.
    def lr(code: str, left_x: float, right_x: float) -> tuple[str, float]:
        side = code.rsplit("_", 1)[1]
        on_viewer_left = (side == "left") == (view == "back")
        return code, left_x if on_viewer_left else right_x

    shapes: list[tuple[str, str, dict[str, float]]] = [
        ("head", "ellipse", {"cx": 60, "cy": 22, "rx": 16, "ry": 19}),
        ("neck", "rect", {"x": 52, "y": 40, "width": 16, "height": 12}),
    ]
    for code in ("shoulder_left", "shoulder_right"):
        c, x = lr(code, 24, 72)
        shapes.append((c, "rect", {"x": x, "y": 52, "width": 24, "height": 16}))
    if view == "back":
        shapes.append(("upper_back", "rect", {"x": 36, "y": 68, "width": 48, "height": 44}))
        shapes.append(("lower_back", "rect", {"x": 38, "y": 112, "width": 44, "height": 32}))
        for code in ("buttock_left", "buttock_right"):
            c, x = lr(code, 36, 60)
            shapes.append((c, "rect", {"x": x, "y": 144, "width": 24, "height": 26}))
    else:
        shapes.append(("chest", "rect", {"x": 36, "y": 68, "width": 48, "height": 44}))
        shapes.append(("abdomen", "rect", {"x": 38, "y": 112, "width": 44, "height": 46}))
    for code in ("arm_left", "arm_right"):
        c, x = lr(code, 12, 88)
        shapes.append((c, "rect", {"x": x, "y": 68, "width": 20, "height": 80}))
    for code in ("hand_left", "hand_right"):
        c, x = lr(code, 10, 90)
        shapes.append((c, "ellipse", {"cx": x + 10, "cy": 160, "rx": 11, "ry": 12}))
    top = 170 if view == "back" else 158
    for code in ("thigh_left", "thigh_right"):
        c, x = lr(code, 36, 62)
        shapes.append((c, "rect", {"x": x, "y": top, "width": 22, "height": 214 - top}))
    for code in ("lower_leg_left", "lower_leg_right"):
        c, x = lr(code, 38, 62)
        shapes.append((c, "rect", {"x": x, "y": 216, "width": 20, "height": 60}))
    for code in ("foot_left", "foot_right"):
        c, x = lr(code, 34, 62)
        shapes.append((c, "rect", {"x": x, "y": 278, "width": 24, "height": 14}))
    return shapes


BODY_MAP = {"back": _shapes("back"), "front": _shapes("front")}
