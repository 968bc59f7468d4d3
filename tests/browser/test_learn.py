"""Learn and Practice end to end in Chromium, as a person does them on a phone: a lesson read and
finished with its check, a somatic tracking session with its before-and-after plot, evidence
journal entries (by hand and from a pattern the insights show), and a fear-ladder experiment.
Every page is checked with axe-core at phone size and at 320 CSS pixels (200% zoom)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_reflow, choose, sign_in

PASSWORD = "correct horse battery"
PAGES = [
    "/learn/",
    "/learn/hurt-is-not-harm/",
    "/practice/",
    "/practice/somatic/",
    "/practice/journal/",
    "/practice/ladder/",
]


def test_a_lesson_is_read_and_finished_with_its_check(live, phone, axe_check, assessed):
    from painwise.learn.models import LessonProgress

    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    page.get_by_role("link", name="All lessons").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Learn how pain works")
    axe_check(page, "learn-lessons")
    # Opening the lesson is recorded by the page's script, without a tap.
    with page.expect_response(re.compile(r"/learn/hurt-is-not-harm/opened/$")) as opened:
        page.get_by_role("link", name="Hurt does not always mean harm").click()
    assert opened.value.status == 204
    expect(page.get_by_role("heading", level=1)).to_have_text("Hurt does not always mean harm")
    expect(page.get_by_role("img", name=re.compile("Two dials side by side"))).to_be_visible()
    axe_check(page, "learn-lesson")
    assert LessonProgress.objects.get(patient=assessed).finished_at is None

    check = page.locator("#check")
    choose(check, "Your alarm system is protecting a movement it has learned to fear.")
    choose(check, "Their backs heal faster.")
    check.get_by_role("button", name="Check my answers and finish").click()
    expect(page.get_by_text("You got 1 of 2 right.")).to_be_visible()
    expect(page.get_by_text(re.compile("Sadly not. Long rest tends"))).to_be_visible()
    expect(page.get_by_text(re.compile("The best answer: They move less and less"))).to_be_visible()
    axe_check(page, "learn-lesson-checked")
    progress = LessonProgress.objects.get(patient=assessed)
    assert progress.finished_at is not None and progress.correct == 1

    page.get_by_role("link", name="Back to Today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Hello"))


def test_a_somatic_tracking_session_with_before_after_and_its_plot(live, phone, axe_check, ready):
    from painwise.learn.models import SomaticSession

    page = phone
    sign_in(page, live, ready.email, PASSWORD)
    page.goto(live + "/practice/")
    axe_check(page, "practice-empty")
    page.get_by_role("link", name="Start a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Somatic tracking")
    axe_check(page, "somatic-start")
    choose(page.get_by_role("radiogroup", name="How strong is the pain right now?"), "6")
    choose(
        page.get_by_role("radiogroup", name="How worried or afraid of it are you right now?"), "7"
    )
    page.get_by_role("button", name="Start").click()

    # The guide shows one step at a time; the person walks through all five.
    expect(page.get_by_role("heading", name="Settle")).to_be_visible()
    axe_check(page, "somatic-guide")
    for step in ["Notice the sensation", "Send messages of safety", "Watch it change"]:
        page.get_by_role("button", name="Next step").click()
        expect(page.get_by_role("heading", name=step)).to_be_visible()
    page.get_by_role("button", name="Next step").click()
    expect(page.get_by_role("heading", name="End with something pleasant")).to_be_visible()
    page.get_by_role("button", name="Now rate how you feel").click()

    after = page.locator("#after")
    expect(after.get_by_text("Before: pain 6, worry 7.")).to_be_visible()
    choose(after.get_by_role("radiogroup", name="How strong is the pain now?"), "4")
    choose(after.get_by_role("radiogroup", name="How worried or afraid of it are you now?"), "3")
    after.get_by_role("button", name="Save and see my results").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Practice")
    expect(page.locator("p.big")).to_have_text(
        "In your first session your pain was lower afterwards."
    )
    expect(page.get_by_role("img", name=re.compile("Pain before and after"))).to_be_visible()
    axe_check(page, "practice-after-session")
    session = SomaticSession.objects.get(patient=ready)
    assert (session.pain_before, session.pain_after, session.fear_after) == (6, 4, 3)


def test_journal_entries_by_hand_and_from_a_shown_pattern(live, phone, axe_check, assessed):
    from painwise.learn.models import JournalEntry
    from painwise.learn.tests.data import stressful_days

    stressful_days(assessed)
    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    page.goto(live + "/practice/journal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence journal")
    axe_check(page, "journal")

    page.get_by_role("button", name="Add to my journal").last.click()  # nothing chosen yet
    expect(
        page.get_by_role("link", name="What did you notice?: Choose what you noticed.")
    ).to_be_visible()
    assert not JournalEntry.objects.exists()
    axe_check(page, "journal-error", desktop=False)

    choose(
        page.get_by_role("radiogroup", name="What did you notice?"),
        "It eased while I was busy or absorbed",
    )
    page.get_by_label("Tell it in your own words").fill("No pain all through the film.")
    page.get_by_role("button", name="Add to my journal").last.click()
    expect(page.get_by_text("No pain all through the film.")).to_be_visible()

    patterns = page.get_by_role("region", name="From your check-ins")
    shown = patterns.locator("li p").first.inner_text()
    patterns.get_by_role("button", name="Add to my journal").first.click()
    expect(page.locator(".journal-list").get_by_text(shown)).to_be_visible()
    axe_check(page, "journal-entries")
    kinds = sorted(JournalEntry.objects.values_list("kind", flat=True))
    assert kinds == ["absorbed", "pattern"]
    assert not JournalEntry.objects.filter(shared=True).exists()  # private by default


def test_a_fear_ladder_step_with_prediction_and_outcome(live, phone, axe_check, ready):
    from painwise.learn.models import ExposureTrial

    page = phone
    sign_in(page, live, ready.email, PASSWORD)
    page.goto(live + "/practice/ladder/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fear ladder")
    axe_check(page, "ladder-empty")
    page.get_by_label("A movement or activity you avoid").fill("Bending to pick up a sock")
    page.get_by_label("How afraid of it are you?").fill("60")
    page.get_by_role("button", name="Add to my ladder").click()
    expect(page.get_by_role("heading", name="Bending to pick up a sock")).to_be_visible()
    axe_check(page, "ladder")

    page.get_by_role("link", name="Try this step").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you try")
    choose(page.get_by_role("radiogroup", name="How much pain do you expect it to cause?"), "8")
    page.get_by_label("What do you fear might happen?").fill("My back will lock up.")
    page.get_by_role("button", name="Save my guess").click()

    expect(page.get_by_role("heading", name="How did it go?")).to_be_visible()
    axe_check(page, "trial")
    choose(page.get_by_role("radiogroup", name="How much pain did it cause?"), "3")
    page.get_by_label("What happened?").fill("A twinge, then fine.")
    page.get_by_label("How afraid of this step are you now?").fill("20")
    page.get_by_role("button", name="Save and compare").click()

    result = page.get_by_role("region", name="What your experiment showed")
    expect(result).to_contain_text("5 points")
    axe_check(page, "trial-result")
    trial = ExposureTrial.objects.get()
    assert (trial.predicted_pain, trial.actual_pain, trial.fear_after) == (8, 3, 20)


@pytest.mark.page_only
def test_new_pages_at_200_percent_zoom(live, zoomed, axe_check, ready):
    """No sideways scrolling, nothing serious for axe on any Learn or Practice page."""
    from painwise.learn import services

    services.start_somatic(ready, 5, 5)
    services.add_step(ready, "Lifting a bag of shopping", 50)
    sign_in(zoomed, live, ready.email, PASSWORD, greeted=True)
    check_reflow(zoomed, live, PAGES, axe_check)
