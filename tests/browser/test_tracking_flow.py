"""A patient checks in on a phone and sees their review with plots; axe finds nothing serious."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import choose
from tests.browser.conftest import sign_in as login


def test_check_in_on_a_phone_then_see_the_review(live, phone, axe_check):
    from painwise.demo import load_demo
    from painwise.tracking.models import CheckIn

    load_demo()
    page = phone
    login(page, live, "maria@demo.painwise.example")
    page.get_by_role("link", name="Check-in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daily check-in")
    axe_check(page, "checkin")

    before = CheckIn.objects.count()
    choose(page.get_by_role("radiogroup", name="Pain right now"), "3")
    choose(page.get_by_role("radiogroup", name="Pain on average today"), "3")
    page.get_by_text("More about today (optional)").click()
    choose(page.get_by_role("radiogroup", name="Stress today"), "6")
    page.get_by_label("Hours slept").fill("7.5")
    page.get_by_label("Minutes of activity today").fill("25")
    page.get_by_role("button", name="Save my check-in").last.click()
    expect(page.get_by_text("Check-in saved. Thank you.")).to_be_visible()
    assert CheckIn.objects.count() == before + 1

    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My progress")
    for name in [
        "Symptoms: How is my pain?",
        "Function: What can I do?",
        "Confidence: How willing am I to move?",
    ]:
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_role("img", name="Symptoms: How is my pain?")).to_be_visible()
    expect(page.get_by_text("a meaningful change").first).to_be_visible()
    expect(page.get_by_text("more stress than usual for you")).to_be_visible()
    axe_check(page, "review")

    page.get_by_role("link", name="Check-in", exact=True).click()
    page.get_by_role("link", name="My recent check-ins").click()
    expect(page).to_have_url(re.compile(r"/track/entries/$"))
    axe_check(page, "entries")
    page.get_by_role("link", name="Change").first.click()
    expect(page).to_have_url(re.compile(r"/track/entries/\d+/edit/$"))
    axe_check(page, "checkin-edit")

    for path, name in [
        ("/track/weekly/", "weekly"),
        ("/track/goals/", "goals"),
        ("/track/beliefs/", "beliefs"),
        ("/track/reminders/", "reminders"),
    ]:
        page.goto(live + path)
        axe_check(page, name)


def test_the_clinician_sees_the_review_and_alerts(live, phone, axe_check):
    from painwise.demo import load_demo

    load_demo()
    login(phone, live, "clinician@demo.painwise.example")
    axe_check(phone, "clinic-home-demo")
    phone.get_by_role("link", name="Maria").click()
    expect(phone.get_by_role("heading", name="Progress")).to_be_visible()
    axe_check(phone, "clinic-patient-demo")
