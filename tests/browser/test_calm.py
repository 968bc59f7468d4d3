"""The sleep diary and the breathing pacer in Chromium, on a phone, with and without reduced
motion; axe at phone size and at 320 CSS pixels (200% zoom)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_reflow, choose, sign_in

PASSWORD = "correct horse battery"


def test_a_night_in_the_sleep_diary_shows_its_efficiency(live, phone, axe_check, assessed):
    from painwise.calm.models import SleepEntry

    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    page.goto(live + "/practice/sleep/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sleep diary")
    axe_check(page, "sleep")
    page.get_by_label("When did you go to bed?").fill("23:00")
    page.get_by_label("About how many minutes did it take to fall asleep?").fill("20")
    page.get_by_label("How many times did you wake up in the night?").fill("2")
    page.get_by_label("About how many minutes were you awake in the night, in all?").fill("40")
    page.get_by_label("When did you wake up for the day?").fill("07:00")
    page.get_by_label("When did you get out of bed?").fill("07:30")
    choose(page.get_by_role("radiogroup", name="How well did you sleep?"), "6")
    page.get_by_role("button", name="Save my night").click()
    expect(page.get_by_text("Saved. Thank you for keeping your diary.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"asleep for 82% of your time in bed"))).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Sleep efficiency"))).to_be_visible()
    axe_check(page, "sleep-saved")
    assert SleepEntry.objects.get().in_bed_minutes == 510


@pytest.mark.page_only
@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_pacer_starts_pauses_and_stops(live, browser, axe_check, assessed, motion):
    from painwise.calm.models import BreathingSession

    context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion=motion)
    page = context.new_page()
    # The page's clock (timers, performance.now) runs on its own but can be moved on, so the
    # breaths and pauses below take no real time; the circle's growth is a CSS transition, in
    # real time.
    page.clock.install()
    sign_in(page, live, assessed.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Hello"))
    page.goto(live + "/practice/breathe/")
    axe_check(page, f"breathe-{motion}")
    cue = page.locator("[data-pacer-cue]")
    shape = page.locator("[data-pacer-shape]")
    page.get_by_role("button", name="Start").click()
    expect(cue).to_have_text("Breathe in")
    expect(page.locator("[data-pacer-status]")).to_have_text(re.compile("Started"))
    page.wait_for_timeout(300)
    size = shape.evaluate("e => e.getBoundingClientRect().width")
    page.wait_for_timeout(1500)
    grown = shape.evaluate("e => e.getBoundingClientRect().width")
    if motion == "reduce":
        assert grown == size  # the circle stays still; the words pace the breath
    else:
        assert grown > size + 10
    page.clock.run_for(5000)
    expect(cue).to_have_text("Breathe out")  # 5 s in, then out
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("[data-pacer-status]")).to_have_text("Paused.")
    paused_at = page.locator("[data-pacer-time]").inner_text()
    page.clock.run_for(60_000)  # a minute's pause
    assert page.locator("[data-pacer-time]").inner_text() == paused_at
    page.get_by_role("button", name="Go on").click()
    page.clock.run_for(6000)
    page.get_by_role("button", name="Stop").click()
    expect(cue).to_have_text(re.compile(r"Well done\. \d+ seconds logged\."))
    session = BreathingSession.objects.get()
    # About 7 s before the pause (1.8 s real, 5 s moved on) and 6 s after it; the minute's
    # pause does not count.
    assert 11 <= session.seconds <= 18 and session.pattern == "slow"
    context.close()


@pytest.mark.page_only
def test_calm_pages_at_200_percent_zoom(live, zoomed, axe_check, assessed):
    sign_in(zoomed, live, assessed.email, PASSWORD, greeted=True)
    paths = [
        "/practice/sleep/",
        "/practice/breathe/",
        "/practice/mindful/",
        "/practice/mindful/breath/5/",
        "/practice/thoughts/",
        "/practice/activities/",
        "/practice/problems/",
    ]
    check_reflow(zoomed, live, paths, axe_check)


def test_a_three_minute_mindfulness_session_with_the_clock_sped_up(
    live, phone, axe_check, assessed
):
    from painwise.calm.models import MindfulSession

    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Hello"))
    page.clock.install()
    page.goto(live + "/practice/mindful/")
    axe_check(page, "mindful")
    page.get_by_role("link", name="3 minutes The breath").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The breath")
    page.get_by_label("A soft bell at the start and the end").uncheck()
    axe_check(page, "mindful-session")
    steps = page.locator("[data-step]")
    expect(steps.nth(0)).to_be_visible()
    expect(steps.nth(1)).to_be_hidden()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(40_000)  # the first step is 20 s of the 180
    expect(steps.nth(0)).to_be_hidden()
    expect(steps.nth(1)).to_be_visible()
    page.clock.run_for(141_000)
    expect(page.locator("[data-mindful-time]")).to_have_text("Well done. 3 minutes logged.")
    session = MindfulSession.objects.get()
    assert (session.script, session.planned_minutes, session.seconds) == ("breath", 3, 180)


def test_a_thought_record_with_a_draft_resumed(live, phone, axe_check, assessed):
    from painwise.calm.models import ThoughtRecord

    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    page.goto(live + "/practice/thoughts/")
    axe_check(page, "thoughts")
    page.get_by_role("button", name="Start a new record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The situation")
    page.get_by_label("What was happening?").fill("Bending to load the washing machine.")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The thought and the feeling")
    axe_check(page, "thought-step-2")
    page.get_by_label("What went through your mind?").fill("I have damaged my back again.")
    page.get_by_label("What did you feel?").fill("scared")
    page.get_by_label("How strong was the feeling?").fill("80")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thinking traps")

    # The person leaves and comes back later: the draft goes on at step 3.
    page.goto(live + "/program/today/")
    page.goto(live + "/practice/thoughts/")
    page.get_by_role("link", name=re.compile("Go on with your record")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thinking traps")
    page.get_by_text("What the traps mean").click()
    axe_check(page, "thought-traps")
    page.get_by_label("Expecting the worst").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("What supports the thought?").fill("It hurt a lot.")
    page.get_by_label("What does not fit with it?").fill("My last flare settled in three days.")
    page.get_by_role("button", name="Next").click()
    page.get_by_label("A more balanced thought").fill("It hurts, and flares have settled before.")
    page.get_by_label("How strong is the feeling now?").fill("40")
    page.get_by_role("button", name="Save my record").click()
    expect(page.get_by_text("scared: 80 out of 100 before, 40 after.")).to_be_visible()
    axe_check(page, "thought-done")
    record = ThoughtRecord.objects.get()
    assert record.finished_at is not None and record.traps == ["catastrophizing"]


def test_a_week_of_doing_what_matters_and_a_problem_solved(live, phone, axe_check, assessed):
    from painwise.calm.models import PlannedActivity, ProblemSheet

    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    page.goto(live + "/practice/activities/")
    axe_check(page, "activities-empty")
    page.get_by_label("Part of life").select_option("people")
    page.get_by_label("Something that matters to you").fill("Call my sister")
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_text("Added.")).to_be_visible()
    page.get_by_label("What", exact=True).select_option(label="Call my sister")
    page.get_by_role("button", name="Put it in my week").click()  # today is the first day
    expect(page.get_by_role("heading", name=re.compile("Call my sister"))).to_be_visible()
    choose(page.get_by_role("radiogroup", name="Mood before"), "4")
    choose(page.get_by_role("radiogroup", name="Mood after"), "7")
    page.get_by_role("button", name="Yes, I did it").click()
    expect(page.get_by_text("you did 1 of 1 planned activity")).to_be_visible()
    axe_check(page, "activities-week")
    assert PlannedActivity.objects.get().done is True

    page.goto(live + "/practice/problems/")
    axe_check(page, "problems")
    page.get_by_label("What is the problem, in a sentence or two?").fill(
        "I cannot sit through the school play."
    )
    page.get_by_role("textbox", name="Option 1").fill(
        "Sit at the end of a row and stand at the break"
    )
    page.get_by_role("textbox", name="Option 2").fill("Skip it")
    choose(page.get_by_role("radiogroup", name="Which option will you try?"), "Option 1")
    page.get_by_label("The first small step, and when").fill("Ask for an aisle seat on Monday.")
    page.get_by_role("button", name="Save my plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plan")
    axe_check(page, "problem")
    assert ProblemSheet.objects.get().chosen == 0
