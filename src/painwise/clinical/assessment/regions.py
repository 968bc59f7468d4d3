"""Body-map region codes. Left and right are the person's own left and right."""

from typing import Literal, get_args

Region = Literal[
    "head",
    "neck",
    "shoulder_left",
    "shoulder_right",
    "upper_back",
    "chest",
    "abdomen",
    "arm_left",
    "arm_right",
    "hand_left",
    "hand_right",
    "lower_back",
    "buttock_left",
    "buttock_right",
    "thigh_left",
    "thigh_right",
    "lower_leg_left",
    "lower_leg_right",
    "foot_left",
    "foot_right",
]

REGIONS: tuple[str, ...] = get_args(Region)
