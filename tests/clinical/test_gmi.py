"""Graded motor imagery core: the pictures' geometry and answers, and the session rules."""

import json
import math

import pytest

from painwise.clinical.gmi import results
from painwise.clinical.gmi.extremities import mirrored
from painwise.clinical.gmi.figures import VIEWS, Camera, Pose, Style, joints
from painwise.clinical.gmi.generate import (
    LEVELS,
    PARTS,
    Picture,
    picture,
    session_pictures,
)
from painwise.clinical.gmi.results import GmiSettings, Trial, next_level, summarize

MIRROR_VIEW = {
    "back": "back",
    "front": "front",
    "above": "above",
    "above_front": "above_front",
    "back_left": "back_right",
    "back_right": "back_left",
    "front_left": "front_right",
    "front_right": "front_left",
}


def drawn(shapes):
    """Shapes as comparable values (rounded), in a stable order."""
    return sorted(
        (
            s.kind,
            tuple(sorted((round(x, 6), round(y, 6)) for x, y in s.points)),
            round(s.width, 6),
            s.colour,
        )
        for s in shapes
    )


def screen_x(point, view):
    right, _up, _towards = VIEWS[view].basis()
    return sum(a * b for a, b in zip(point, right, strict=True))


class TestGeometry:
    def test_the_mirror_views_are_mirror_images(self):
        for view, other in MIRROR_VIEW.items():
            assert VIEWS[other].azimuth == pytest.approx(-VIEWS[view].azimuth % 360 or 0) or (
                VIEWS[other].azimuth == -VIEWS[view].azimuth
            )

    @pytest.mark.parametrize("part", ["trunk", "neck"])
    @pytest.mark.parametrize("view", sorted(VIEWS))
    def test_mirroring_a_body_picture_flips_its_answer(self, part, view):
        style = Style()  # the same body on both sides: a mirror changes only the pose
        for movement in ("rotation", "side_bend") if part == "trunk" else ("rotation",):
            left = Picture(part, movement, "left", 35.0, view, style)
            right = Picture(part, movement, "right", 35.0, MIRROR_VIEW[view], style)
            assert drawn(mirrored(s) for s in left.shapes()) == drawn(right.shapes())
            assert left.side != right.side

    @pytest.mark.parametrize("part,views", [("hand", ("back", "palm")), ("foot", ("top", "sole"))])
    def test_mirroring_a_hand_or_foot_flips_its_answer(self, part, views):
        for view in views:
            for turn in (0.0, 45.0, 90.0, 180.0, 270.0):
                left = Picture(part, "turned", "left", turn, view)
                right = Picture(part, "turned", "right", (360.0 - turn) % 360, view)
                assert drawn(mirrored(s) for s in left.shapes()) == drawn(right.shapes())

    def test_the_back_and_the_palm_of_one_hand_are_not_mirror_twins(self):
        """The outline alone would give the side away in reverse; the drawn details do not."""
        back = Picture("hand", "turned", "right", 0.0, "back")
        palm_of_left = Picture("hand", "turned", "left", 0.0, "palm")
        assert drawn(back.shapes()) != drawn(palm_of_left.shapes())

    @pytest.mark.parametrize(
        "pose,point",
        [
            (Pose(side_bend=40), "head"),
            (Pose(trunk_rotation=40), "nose"),
            (Pose(trunk_rotation=40), "hand_l"),
            (Pose(neck_rotation=50), "nose"),
        ],
    )
    def test_front_and_back_views_show_opposite_screen_directions(self, pose, point):
        """A move to the person's left goes to screen left seen from behind, screen right seen
        from the front; the answer (the person's own left) is the same in both."""
        neutral, moved = joints(Pose(), Style()), joints(pose, Style())
        shift_back = screen_x(moved[point], "back") - screen_x(neutral[point], "back")
        shift_front = screen_x(moved[point], "front") - screen_x(neutral[point], "front")
        assert shift_back < -0.01 and shift_front > 0.01
        for view in ("back", "front"):
            left = Picture("trunk", "side_bend", "left", 40.0, view)
            assert left.side == "left"

    def test_a_left_movement_goes_to_the_persons_left(self):
        moved = joints(Pose(side_bend=30, trunk_rotation=0), Style())
        assert moved["head"][0] > 0.3  # +x is the person's own left
        turned = joints(Pose(trunk_rotation=45), Style())
        assert turned["nose"][0] > 0 and turned["nose"][2] < joints(Pose(), Style())["nose"][2]

    def test_the_camera_basis_is_orthonormal(self):
        for camera in [*VIEWS.values(), Camera(73, 31)]:
            right, up, towards = camera.basis()
            for a, b in ((right, up), (up, towards), (right, towards)):
                assert abs(sum(x * y for x, y in zip(a, b, strict=True))) < 1e-9
            for v in (right, up, towards):
                assert math.isclose(sum(x * x for x in v), 1.0)


class TestGeneration:
    def test_the_same_seed_gives_the_same_pictures(self):
        first = [p.svg() for p in session_pictures(11, 30, PARTS, 3)]
        again = [p.svg() for p in session_pictures(11, 30, PARTS, 3)]
        other = [p.svg() for p in session_pictures(12, 30, PARTS, 3)]
        assert first == again and first != other

    @pytest.mark.parametrize("count", [20, 21, 50])
    def test_sides_and_parts_are_balanced(self, count):
        pics = session_pictures(3, count, ("trunk", "neck", "hand"), 2)
        lefts = sum(p.side == "left" for p in pics)
        assert abs(lefts - (count - lefts)) <= 1
        per_part = [sum(p.part == part for p in pics) for part in ("trunk", "neck", "hand")]
        assert max(per_part) - min(per_part) <= 1

    @pytest.mark.parametrize("part", PARTS)
    def test_style_and_view_never_depend_on_the_side(self, part):
        """Everything but the pose is drawn from a stream that never sees the answer."""
        for index in range(40):
            left, right = picture(9, index, part, "left", 3), picture(9, index, part, "right", 3)
            assert (left.style, left.view, left.amount, left.movement) == (
                right.style,
                right.view,
                right.amount,
                right.movement,
            )

    def test_colours_are_spread_alike_over_both_sides(self):
        pics = session_pictures(5, 2000, ("trunk",), 2)
        for side in ("left", "right"):
            shirts = {p.style.shirt for p in pics if p.side == side}
            assert len(shirts) >= 6  # every shirt colour appears with either answer

    @pytest.mark.parametrize("level", sorted(LEVELS))
    def test_amounts_and_views_follow_the_level(self, level):
        spec = LEVELS[level]
        for p in session_pictures(2, 60, PARTS, level):
            if p.part in ("trunk", "neck"):
                assert spec.amounts[0] <= p.amount <= spec.amounts[1] and p.view in spec.views
            else:
                assert p.amount in spec.turns

    def test_the_manifest_entry_names_everything_needed_to_replay(self):
        from painwise.clinical.gmi.generate import manifest_entry

        pic = picture(4, 7, "trunk", "right", 2)
        entry = manifest_entry(pic, "x.svg", 4, 7, 2)
        assert {"file", "part", "movement", "side", "amount", "view", "style", "camera"} <= set(
            entry
        )
        assert json.loads(json.dumps(entry))["side"] == "right"
        assert picture(entry["seed"], entry["index"], entry["part"], entry["side"], 2) == pic

    def test_pictures_are_valid_svg_with_a_neutral_label(self):
        import xml.etree.ElementTree as ET

        labels = set()
        for p in session_pictures(8, 24, PARTS, 4):
            root = ET.fromstring(p.svg())  # noqa: S314 - our own output
            assert root.get("role") == "img"
            labels.add(root.get("aria-label"))
        assert len(labels) == 1  # one label for every picture: it never gives the answer

    def test_bad_arguments_are_refused(self):
        for args in [(1, 0), (1, 5, ()), (1, 5, ("trunk",), 9)]:
            with pytest.raises(ValueError):
                session_pictures(*args)


def trials(part, left, right, ms=1000):
    """``left`` and ``right`` as (correct, total) pairs."""
    rows = []
    for side, (ok, total) in (("left", left), ("right", right)):
        rows += [Trial(part, side, i < ok, ms) for i in range(total)]
    return rows


class TestResults:
    def test_a_summary_per_side_and_part(self):
        rows = trials("trunk", (8, 10), (6, 10), 1200) + trials("hand", (5, 5), (5, 5), 1800)
        s = summarize(rows)
        assert s.overall.n == 30 and s.overall.correct == 24
        assert s.by_side["left"].accuracy == pytest.approx(13 / 15)
        assert s.by_part["trunk"].accuracy == pytest.approx(0.7)
        assert s.by_part["hand"].median_ms == 1800

    @pytest.mark.parametrize("correct,ok", [(8, True), (7, False), (10, True)])
    def test_the_accuracy_norm_at_its_boundary(self, correct, ok):
        assert (
            results.accuracy_ok(summarize(trials("trunk", (correct, 10), (0, 0))).by_side["left"])
            is ok
        )

    @pytest.mark.parametrize(
        "part,ms,ok",
        [
            ("trunk", 1600, True),
            ("trunk", 1601, False),
            ("hand", 2000, True),
            ("hand", 2001, False),
        ],
    )
    def test_the_time_norm_at_its_boundary(self, part, ms, ok):
        stat = summarize(trials(part, (5, 5), (5, 5), ms)).by_part[part]
        assert results.time_ok(stat, part) is ok

    @pytest.mark.parametrize(
        "ms,ok", [(149, False), (150, True), (30_000, True), (30_001, False), (-5, False)]
    )
    def test_which_times_are_judgements(self, ms, ok):
        assert results.valid_response(ms) is ok

    def good(self, ms=1200):
        return summarize(trials("trunk", (8, 10), (8, 10), ms))

    def test_level_up_after_two_good_steady_sessions(self):
        assert next_level(1, [self.good()]) == 1
        assert next_level(1, [self.good(), self.good()]) == 2
        assert next_level(1, [self.good(1000), self.good(1200)]) == 2  # 20% slower: steady
        assert next_level(1, [self.good(1000), self.good(1201)]) == 1  # just over 20%
        weak = summarize(trials("trunk", (8, 10), (7, 10), 1200))  # one side below 80%
        assert next_level(1, [self.good(), weak]) == 1
        assert next_level(4, [self.good(), self.good()]) == 4  # the top level
        assert next_level(2, [self.good(), self.good()], GmiSettings(level_up_sessions=3)) == 2

    def test_below_the_usual_range_on_back_or_neck(self):
        assert results.below_usual(summarize(trials("trunk", (7, 10), (8, 10))))  # 75%
        assert results.below_usual(summarize(trials("neck", (10, 10), (10, 10), 1700)))
        assert not results.below_usual(summarize(trials("trunk", (8, 10), (8, 10), 1600)))
        assert not results.below_usual(summarize(trials("hand", (1, 10), (1, 10))))
