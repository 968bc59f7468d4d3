"""The daily toolkit: short cards for movement, recovery and environment (our own words)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Card:
    key: str
    group: str  # movement | recovery | environment
    title: Promise
    text: Promise


CARDS: tuple[Card, ...] = (
    Card(
        "mobility",
        "movement",
        _("A minute of easy movement"),
        _(
            "Every hour or two, stand up and move gently: knee rolls, a few pelvic tilts or a short walk around the room. Motion is lotion for a stiff back."
        ),
    ),
    Card(
        "walks",
        "movement",
        _("Short walks add up"),
        _(
            "Two short walks count as much as one long one. Walk to your quota, then stop, even on a good day."
        ),
    ),
    Card(
        "strength",
        "movement",
        _("Strength twice a week"),
        _(
            "Two days a week, do your strength exercises: bridges, sit to stand, bird dog. Strong muscles make everyday tasks easier on the back."
        ),
    ),
    Card(
        "sleep_routine",
        "recovery",
        _("A steady sleep routine"),
        _(
            "Go to bed and get up at about the same time every day, even after a poor night. Keep the hour before bed calm and the screen light low."
        ),
    ),
    Card(
        "breathing",
        "recovery",
        _("Slow breathing"),
        _(
            "Breathe in gently through your nose for a count of four, and out for a count of six. Five minutes of this tells your nervous system it is safe."
        ),
    ),
    Card(
        "kind_words",
        "recovery",
        _("Talk to yourself like a friend"),
        _(
            "When pain rises, notice the thought that comes with it. Would you say it to a friend? Try: “This is uncomfortable, and I am safe.”"
        ),
    ),
    Card(
        "microbreaks",
        "environment",
        _("Microbreaks"),
        _(
            "If you sit for long, set a timer for every 30 to 45 minutes. Stand, stretch, look out of the window, then carry on."
        ),
    ),
    Card(
        "posture",
        "environment",
        _("Change your position often"),
        _(
            "No posture is perfect for long. The best position is the next one: shift, stand, lean, move."
        ),
    ),
    Card(
        "lifting",
        "environment",
        _("Lifting close to the body"),
        _(
            "Keep loads close to your body, hinge at the hips, and use your legs. Your back is strong; it just likes the weight near."
        ),
    ),
)


def card_of_the_day(day_number: int) -> Card:
    """One card a day, going round the list (the same card all day)."""
    return CARDS[day_number % len(CARDS)]
