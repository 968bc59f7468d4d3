"""A day on the Today page, on a phone: quota, timer, done, a flare, the exercises."""

from playwright.sync_api import expect

from tests.browser.conftest import sign_in as login


def test_a_day_on_the_today_page(live, phone, axe_check):
    from painwise.demo import load_demo
    from painwise.program.models import ActivityLog, FlareDeclaration

    load_demo()
    page = phone
    login(page, live, "maria@demo.painwise.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Maria")
    walking = page.get_by_role("region", name="Walking")
    expect(walking.get_by_text("Today's quota:")).to_be_visible()
    axe_check(page, "today")

    # The timer (JavaScript) counts down the quota; it can be started and paused.
    timer = walking.locator("[data-timer]")
    expect(timer).to_be_visible()
    walking.get_by_role("button", name="Start the timer").click()
    page.wait_for_timeout(1200)
    walking.get_by_role("button", name="Pause").click()
    expect(walking.locator("[data-timer-status]")).to_have_text("Paused.")

    before = ActivityLog.objects.count()
    walking.get_by_role("button", name="Done: I did my quota").click()
    expect(page.get_by_text("Well done. Logged.")).to_be_visible()
    expect(
        page.get_by_role("region", name="Walking").get_by_text("Quota done for today")
    ).to_be_visible()
    assert ActivityLog.objects.count() == before + 1

    page.get_by_role("button", name="I'm having a flare-up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your flare-up plan")
    expect(page.get_by_text("A warm shower, slow breathing")).to_be_visible()
    assert FlareDeclaration.objects.count() == 1
    axe_check(page, "flare")

    page.get_by_role("link", name="Back to Today").click()
    page.get_by_role("link", name="Cat and camel").click()
    expect(page.get_by_role("img", name="Cat and camel")).to_be_visible()
    axe_check(page, "exercise")

    for path, name in [
        ("/program/plan/", "plan"),
        ("/program/plan/preferences/", "plan-preferences"),
        ("/program/progress/", "activity-progress"),
        ("/program/exercises/", "exercise-library"),
        ("/program/flare/plan/", "flare-plan"),
        ("/assessment/history/", "assessment-history"),
    ]:
        page.goto(live + path)
        axe_check(page, name)


def test_the_clinician_plan_page(live, phone, axe_check):
    from painwise.accounts.models import User
    from painwise.demo import load_demo

    load_demo()
    maria = User.objects.get(email="maria@demo.painwise.example")
    login(phone, live, "clinician@demo.painwise.example")
    phone.goto(f"{live}/clinic/patients/{maria.pk}/plan/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Adjust Maria")
    axe_check(phone, "clinic-plan")
    record = maria.assessments.first()
    phone.goto(f"{live}/clinic/patients/{maria.pk}/assessments/{record.pk}/")
    axe_check(phone, "clinic-assessment")
