"""A new patient signs up, signs out and back in; every page they meet passes axe-core."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import confirm_signup


def fill_signup(page, email="robin@example.org", password="a long quiet river"):
    page.get_by_label("Your first name, or what we should call you").fill("Robin")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Choose a password").fill(password)
    page.get_by_label("Type the password again").fill(password)


def test_sign_up_sign_out_sign_in(live, phone, axe_check):
    page = phone
    page.goto(live + "/")
    axe_check(page, "home")
    page.get_by_role("link", name="Start with a short check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    # The browser's own time zone is preselected by the page script.
    expect(page.get_by_label("Your time zone")).to_have_value(
        page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    )
    axe_check(page, "signup")

    # A bad attempt first: the errors are announced beside the fields and nothing is created.
    fill_signup(page, password="short")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("alert")).to_contain_text("Please check the form")
    expect(page.locator("#id_password1_errors")).to_contain_text("too short")
    expect(page.get_by_label("Choose a password")).to_have_attribute("aria-invalid", "true")
    axe_check(page, "signup-errors")

    fill_signup(page)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe_check(page, "signup-sent")
    confirm_signup(page, live, "robin@example.org")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    page.get_by_role("link", name="Sign in").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    axe_check(page, "login")
    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match an account")
    axe_check(page, "login-error")
    page.get_by_label("Password").fill("a long quiet river")
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_role("link", name="Settings").click()
    expect(page).to_have_url(re.compile(r"/accounts/settings/$"))
    axe_check(page, "settings")


def test_public_pages_are_accessible(live, phone, axe_check):
    for path, name in [
        ("/about/", "about"),
        ("/accounts/password-reset/", "password-reset"),
        ("/accounts/password-reset/sent/", "password-reset-sent"),
        ("/no-such-page/", "not-found"),
        ("/accounts/link/not-a-key/", "login-link"),
    ]:
        phone.goto(live + path)
        axe_check(phone, name)


def test_clinician_pages_are_accessible(live, phone, axe_check):
    from conftest import make_user

    from painwise.accounts.services import link_patient

    patient = make_user("pat@example.org")
    clinician = make_user("clin@example.org", role="clinician")
    link_patient(patient=patient, clinician=clinician)
    page = phone
    page.goto(live + "/accounts/login/")
    page.get_by_label("Email address").fill("clin@example.org")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My patients")
    axe_check(page, "clinic-home")
    page.get_by_role("link", name="Pat", exact=True).click()
    expect(page).to_have_url(re.compile(r"/clinic/patients/\d+/$"))
    axe_check(page, "clinic-patient")


def test_the_lockout_page_explains_itself(live, phone, axe_check, settings):
    from conftest import make_user

    make_user("lock@example.org")
    page = phone
    page.goto(live + "/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Email address").fill("lock@example.org")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in is paused for a while")
    axe_check(page, "locked-out")
