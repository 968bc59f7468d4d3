"""The daily check-in takes under a minute: the two needed answers and Save on the first
screen of a phone, the red-flag question one tap away (never removed), everything else folded.
The tap and scroll figures are measured here and written to test-results/checkin.json."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


class Taps:
    """Counts what a person does: each tap, and how far they had to scroll."""

    def __init__(self, page):
        self.page, self.count, self.scrolled = page, 0, 0

    def tap(self, locator):
        locator.scroll_into_view_if_needed()
        self.scrolled = max(self.scrolled, self.page.evaluate("window.scrollY"))
        locator.click()
        self.count += 1


def first_screen(page, locator):
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def open_checkin(page, live, assessed):
    sign_in(page, live, assessed.email, "correct horse battery")
    page.goto(live + "/track/checkin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Daily check-in")


def test_a_minimal_check_in_is_three_taps_with_no_scrolling(live, phone, axe_check, assessed):
    from painwise.tracking.models import CheckIn

    page = phone
    open_checkin(page, live, assessed)
    now = page.get_by_role("radiogroup", name="Pain right now").get_by_text("4", exact=True)
    average = page.get_by_role("radiogroup", name="Pain on average today").get_by_text(
        "5", exact=True
    )
    save = page.get_by_role("button", name="Save my check-in").first
    warning = page.get_by_text("Anything new or worrying, like numbness between the legs")
    for target in (now, average, save, warning):
        assert first_screen(page, target), target
    axe_check(page, "checkin-first-screen")
    taps = Taps(page)
    for target in (now, average, save):
        taps.tap(target)
    expect(page.get_by_text("Check-in saved. Thank you.")).to_be_visible()
    entry = CheckIn.objects.get()
    assert (entry.pain_now, entry.pain_average, entry.new_symptoms) == (4, 5, [])
    assert (taps.count, taps.scrolled) == (3, 0)
    record(minimal={"taps": taps.count, "scroll_px": taps.scrolled})


def test_a_full_check_in_opens_the_folds_and_the_red_flag_list_is_one_tap_away(
    live, phone, axe_check, assessed
):
    from painwise.tracking.models import CheckIn

    page = phone
    open_checkin(page, live, assessed)
    taps = Taps(page)
    taps.tap(page.get_by_role("radiogroup", name="Pain right now").get_by_text("6", exact=True))
    taps.tap(
        page.get_by_role("radiogroup", name="Pain on average today").get_by_text("5", exact=True)
    )
    taps.tap(page.get_by_text("More about today (optional)"))
    for name, value in [
        ("Stiffness", "4"),
        ("How well did you sleep last night?", "6"),
        ("Stress today", "7"),
        ("Mood today", "5"),
        ("How confident do you feel about being active?", "6"),
        ("How afraid are you of moving?", "3"),
    ]:
        taps.tap(page.get_by_role("radiogroup", name=name).get_by_text(value, exact=True))
    for label, value in [
        ("Hours slept", "7.5"),
        ("Minutes of activity today", "30"),
        ("Minutes of practice today", "10"),
    ]:
        taps.tap(page.get_by_label(label))
        page.get_by_label(label).fill(value)
    taps.tap(page.get_by_role("radiogroup", name="Are you having a flare-up?").get_by_text("No"))
    axe_check(page, "checkin-full")
    taps.tap(page.get_by_role("button", name="Save my check-in").last)
    expect(page.get_by_text("Check-in saved. Thank you.")).to_be_visible()
    entry = CheckIn.objects.get()
    assert (entry.stress, entry.sleep_hours, entry.practice_minutes) == (7, 7.5, 10)
    record(full={"taps": taps.count, "scroll_px": taps.scrolled})

    # The red-flag list is never removed: one tap on "Yes" opens it.
    page.goto(live + "/track/checkin/")
    page.get_by_text("Anything new or worrying, like numbness between the legs").click()
    box = page.get_by_role("checkbox", name="Numbness between the legs or around the bottom")
    expect(box).to_be_visible()
    axe_check(page, "checkin-red-flag-list")


@pytest.mark.page_only
def test_choice_buttons_never_break_a_word(live, browser, assessed):
    """At a phone's width and at a desktop's, no answer button splits a word across lines."""
    for width in (320, 390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, live, assessed.email, "correct horse battery")
        for path in ("/track/checkin/", "/assessment/step/about/", "/track/weekly/"):
            page.goto(live + path)
            broken = page.evaluate(
                """() => [...document.querySelectorAll('.choice span')].filter(span => {
                    const words = span.innerText.split(/\\s+/).filter(Boolean);
                    return words.some(word => {
                        const probe = document.createElement('span');
                        probe.textContent = word;
                        probe.style.whiteSpace = 'nowrap';
                        span.appendChild(probe);
                        const wide = probe.getBoundingClientRect().width;
                        probe.remove();
                        return wide > span.getBoundingClientRect().width + 1;
                    });
                }).map(s => s.innerText)"""
            )
            assert broken == [], (width, path, broken)
        context.close()


def record(**figures):
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "checkin.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data.update(figures)
    path.write_text(json.dumps(data, indent=2))
