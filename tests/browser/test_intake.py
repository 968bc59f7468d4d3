"""A new patient walks the intake as a person would: once calm, once with an emergency sign."""

from playwright.sync_api import expect

from painwise.alerts.models import Alert
from painwise.assessment.models import AssessmentRecord
from tests.browser.conftest import choose, confirm_signup


def sign_up(page, live, email):
    page.goto(live + "/accounts/signup/")
    page.get_by_label("Your first name, or what we should call you").fill("Sam")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill("a long quiet river")
    page.get_by_label("Type the password again").fill("a long quiet river")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    confirm_signup(page, live, email)
    # A new patient lands on the way into the questions: how long, and that they can pause.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "First, some questions about your back"
    )
    expect(page.get_by_text("Most people take 10 to 15 minutes")).to_be_visible()
    page.get_by_role("link", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("About you")


def answer_all(page, group_label_part, answer):
    for group in page.get_by_role("radiogroup").all():
        group.get_by_label(answer, exact=True).check()


def continue_(page):
    page.get_by_role("button", name="Save and continue").click()


def all_no(page):
    for group in page.get_by_role("radiogroup").all():
        group.get_by_label("No", exact=True).check()


def about(page):
    page.get_by_label("How old are you?").fill("52")
    page.get_by_label("How long have you had this back pain?").fill("8")
    page.get_by_role("radiogroup", name="Counted in").get_by_label("months").check()
    page.get_by_role("radiogroup", name="Is this the first time").get_by_label("No").check()
    continue_(page)


def test_a_calm_intake_ends_in_self_management(live, phone, axe_check):
    from conftest import make_user

    from painwise.accounts.models import User
    from painwise.accounts.services import link_patient

    page = phone
    sign_up(page, live, "calm@example.org")
    clinician = make_user("clin@example.org", role="clinician")
    link_patient(patient=User.objects.get(email="calm@example.org"), clinician=clinician)
    axe_check(page, "intake-about")

    # Leaving a required answer out is explained beside the field.
    continue_(page)
    expect(page.locator("#id_age_errors")).to_be_visible()
    axe_check(page, "intake-about-errors")
    about(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Warning signs: bladder, bowel and feeling"
    )
    axe_check(page, "intake-warning-nerves")
    all_no(page)
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Warning signs: legs")
    axe_check(page, "intake-warning-legs")
    all_no(page)
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Warning signs: infection, bones and weight"
    )
    axe_check(page, "intake-warning-other")
    for group in page.get_by_role("radiogroup").all():
        group.get_by_label("No", exact=True).check()
    continue_(page)

    # Resumable: leave and come back, and the intake picks up at the next open step.
    page.goto(live + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back to your questions")
    page.get_by_role("link", name="Carry on where I stopped").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where it hurts")
    axe_check(page, "intake-pain")
    # Tap the lower back on the body map: the matching box is ticked.
    page.locator("svg [data-region=lower_back]").first.click()
    expect(page.get_by_role("checkbox", name="Lower back")).to_be_checked()
    page.get_by_label("Left buttock").check()
    page.get_by_label("Across one whole area, like the whole lower back").check()
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How much it hurts")
    axe_check(page, "intake-pain-level")
    choose(page.get_by_role("radiogroup", name="How bad is your pain right now?"), "4")
    choose(page.get_by_role("radiogroup", name="On average over the last 7 days"), "5")
    choose(page.get_by_role("radiogroup", name="At its worst in the last 7 days"), "7")
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Stiffness and inflammation")
    axe_check(page, "intake-inflammatory")
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("How the pain affects you")
    axe_check(page, "intake-startback")
    for group in page.get_by_role("radiogroup").all()[:8]:
        group.get_by_label("Disagree", exact=True).check()
    choose(
        page.get_by_role("radiogroup", name="All in all, how much has your back pain bothered you"),
        "Moderately",
    )
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Sensitivity")
    axe_check(page, "intake-sensitivity")
    page.get_by_label("I wake up often in the night").check()
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("How your pain behaves")
    axe_check(page, "intake-pattern")
    page.get_by_label("It gets worse when I am stressed").check()
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Mood")
    axe_check(page, "intake-mood")
    for group in page.get_by_role("radiogroup").all():
        choose(group, "Not at all")
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Worry")
    axe_check(page, "intake-worry")
    for group in page.get_by_role("radiogroup").all():
        choose(group, "Not at all")
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    axe_check(page, "intake-check")
    page.get_by_role("button", name="Send my answers").first.click()

    expect(
        page.get_by_role("heading", name="No warning signs: it is safe to start")
    ).to_be_visible()
    axe_check(page, "intake-result-self-management")
    record = AssessmentRecord.objects.get()
    assert record.triage == "self_management"
    assert record.intake["pain_duration_weeks"] == 34.8
    assert record.intake["pain_regions"] == ["lower_back", "buttock_left"]
    assert record.result["startback"] == {"total": 0, "psychosocial": 0, "risk": "low"}
    assert record.result["mood"]["phq9_total"] == 0
    assert not Alert.objects.exists()


def test_an_emergency_answer_stops_everything(live, phone, axe_check):
    from conftest import make_user

    from painwise.accounts.models import User
    from painwise.accounts.services import link_patient

    page = phone
    sign_up(page, live, "urgent@example.org")
    patient = User.objects.get(email="urgent@example.org")
    link_patient(patient=patient, clinician=make_user("clin@example.org", role="clinician"))
    about(page)
    all_no(page)
    page.get_by_role("radiogroup", name="Have you had new trouble with your bladder").get_by_label(
        "Yes"
    ).check()
    continue_(page)

    expect(page.get_by_role("heading", name="Go to an emergency department now")).to_be_visible()
    expect(page.get_by_role("alert").first).to_contain_text("emergency")
    axe_check(page, "intake-result-emergency")

    record = AssessmentRecord.objects.get()
    assert (record.triage, record.complete, record.red_flags) == (
        "emergency",
        False,
        ["suspected_cauda_equina"],
    )
    alert = Alert.objects.get()
    assert (alert.kind, alert.patient_id) == ("emergency", patient.pk)

    # No program content anywhere, and no way to answer past it.
    for path in ["/program/today/", "/assessment/", "/assessment/step/about/", "/"]:
        page.goto(live + path)
        expect(page.get_by_role("heading", level=1)).to_have_text("Please get emergency care now")
    axe_check(page, "status-emergency")


def test_password_reset_pages(live, phone, axe_check, mailoutbox):
    from conftest import make_user

    make_user("reset@example.org")
    page = phone
    page.goto(live + "/accounts/password-reset/")
    page.get_by_label("Email").fill("reset@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    page.goto(live + link[link.index("/accounts/reset/") :])
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    axe_check(page, "password-reset-confirm")
    page.get_by_label("New password", exact=True).fill("a new long phrase here")
    page.get_by_label("New password confirmation").fill("a new long phrase here")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new password is saved")
    axe_check(page, "password-reset-complete")
