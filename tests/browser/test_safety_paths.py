"""The emergency, urgent and self-harm paths, walked end to end in a real browser, for a patient
with a linked clinician and for one alone. Every sentence about a care team, a crisis line or
a locked program must be true for the person reading it."""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from painwise.alerts.models import Alert
from painwise.assessment.models import AssessmentRecord
from painwise.assessment.tests.answers import answer_pages, pages_between
from tests.browser.conftest import choose, sign_in

PASSWORD = "correct horse battery"
# Claims that are false for someone with no linked clinician.
CARE_TEAM_CLAIMS = re.compile(
    r"care team know|let your (clinician|care team)|clinician can see|clinicians can see|"
    r"sent an alert|we have told",
    re.I,
)


@dataclass
class Journey:
    """A patient, alone or with a clinician, signed in on a phone and at the intake's start."""

    page: Any
    patient: Any
    with_clinician: bool

    @property
    def tag(self) -> str:
        return "with" if self.with_clinician else "alone"

    def answered(self, first: str, last: str) -> None:
        """Calm answers to the pages from ``first`` to ``last``, given through the real forms
        (the calm walk itself has its own browser test), so the browser spends its time on the
        pages this journey is about."""
        client = Client()
        client.force_login(self.patient)
        answer_pages(client, pages_between(first, last))

    def open(self, live: str, url_name: str, *args: str) -> None:
        self.page.goto(live + reverse(url_name, args=args))


@pytest.fixture(params=[True, False], ids=["with-clinician", "alone"])
def journey(request, db, settings, live, phone):
    from conftest import clinician_of, make_user

    settings.PAINWISE_CRISIS_COUNTRY = "GB"
    patient = make_user("person@example.org", time_zone="Europe/London")
    if request.param:
        clinician_of(patient, "their.clinician@example.org")
    start_intake(phone, live, patient.email)
    return Journey(phone, patient, request.param)


def heading(page):
    return page.get_by_role("heading", level=1)


def answer_page(page, yes=(), picks=None):
    """Answer every question on an intake page calmly, except the ones named in ``yes``
    (answered Yes or ticked) and ``picks`` (question -> answer)."""
    picks = picks or {}
    for group in page.get_by_role("radiogroup").all():
        legend = group.locator("legend").inner_text()
        if any(q in legend for q in yes):
            group.get_by_label("Yes", exact=True).check()
            continue
        picked = next((a for q, a in picks.items() if q in legend), None)
        for answer in ([picked] if picked else []) + ["No", "Disagree", "Not at all", "0"]:
            if group.get_by_label(answer, exact=True).count():
                choose(group, answer)
                break
    for box in page.get_by_role("checkbox").all():
        label = box.evaluate("b => b.labels[0].innerText")
        if any(q in label for q in yes) and not box.is_checked():
            box.check()
    for field, value in [("How old are you?", "55"), ("How long have you had this", "2")]:
        locator = page.get_by_label(field)
        if locator.count() and not locator.input_value():
            locator.fill(value)
    years = page.get_by_label("years", exact=True)
    if years.count():
        years.check()
    if page.get_by_label("In one small spot").count():
        page.get_by_label("Across one whole area, like the whole lower back").check()
        page.get_by_role("checkbox", name="Lower back").check()
    page.get_by_role("button", name="Save and continue").click()


def walk_until(page, stop, yes=(), picks=None, pages=20):
    """Answer intake pages until the page's heading is ``stop``."""
    for _ in range(pages):
        if stop in heading(page).inner_text():
            return
        answer_page(page, yes=yes, picks=picks)
    raise AssertionError(f"never reached {stop!r}")


def start_intake(page, live, email):
    sign_in(page, live, email, PASSWORD)
    expect(heading(page)).to_have_text("First, some questions about your back")
    page.get_by_role("link", name="Start").click()


def confirm_doctor_visit(page, who):
    """Someone alone reopens their program by telling us a doctor checked them today."""
    page.get_by_label("When did a doctor check you?").fill(
        page.evaluate("new Date().toISOString().slice(0, 10)")
    )
    page.get_by_label("Who checked you?").fill(who)
    page.get_by_label("A doctor checked these warning signs").check()
    page.get_by_role("button", name="A doctor has checked me: open my program").click()


def check_truthful(page, with_clinician):
    text = page.locator("main").inner_text()
    if with_clinician:
        assert "No clinician is linked" not in text
    else:
        assert not CARE_TEAM_CLAIMS.search(text), CARE_TEAM_CLAIMS.search(text)
    # No rule ids for patients.
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.search(r"\b[a-z]+_[a-z_]+\b", text)
    # Every number on the page is a tap-to-call link.
    for link in page.locator("a[href^='tel:']").all():
        assert re.fullmatch(r"tel:\d+", link.get_attribute("href"))


def test_the_emergency_path(live, axe_check, journey):
    page, with_clinician, tag = journey.page, journey.with_clinician, journey.tag
    walk_until(page, "Warning signs: bladder", pages=2)
    answer_page(page, yes=["new trouble with your bladder"])

    expect(page.get_by_role("heading", name="Go to an emergency department now")).to_be_visible()
    expect(page.locator("a.call[href='tel:999']")).to_be_visible()  # the clinic's country
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-emergency-result-{tag}")
    record = AssessmentRecord.objects.get()
    assert (record.triage, record.complete) == ("emergency", False)
    assert Alert.objects.get().kind == "emergency"  # in Painwise, whoever is linked

    page.goto(live + "/program/today/")
    expect(heading(page)).to_have_text("Please get emergency care now")
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-emergency-status-{tag}")
    if with_clinician:
        expect(page.get_by_text("Your clinician can see these answers")).to_be_visible()
        expect(page.get_by_text("Has a doctor checked you?")).to_have_count(0)
        return
    # Alone: a safe way forward, no dead end.
    expect(page.get_by_text("No clinician is linked to your Painwise account")).to_be_visible()
    confirm_doctor_visit(page, "Dr Shah, A&E at St Mary's")
    # The intake stopped early, so the rest of the questions come next, with the note.
    expect(page.get_by_role("heading", name="Your program is open again")).to_be_visible()
    expect(page.get_by_text("You told us Dr Shah, A&E at St Mary's checked")).to_be_visible()
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-emergency-reopened-{tag}")
    record.refresh_from_db()
    assert record.triage == "emergency" and record.seen_by == "Dr Shah, A&E at St Mary's"


def test_the_urgent_path(live, axe_check, journey):
    page, with_clinician, tag = journey.page, journey.with_clinician, journey.tag
    journey.answered("about", "warning-legs")
    journey.open(live, "assessment:step", "warning-other")
    answer_page(page, yes=["hard fall, accident or injury"])
    journey.answered("pain", "worry")
    journey.open(live, "assessment:check")
    page.get_by_role("button", name="Send my answers").first.click()

    expect(
        page.get_by_role("heading", name="Please see a doctor in the next few days")
    ).to_be_visible()
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-urgent-result-{tag}")
    if with_clinician:
        expect(
            page.get_by_text("Your clinician can see these answers in Painwise now")
        ).to_be_visible()
    else:
        expect(page.get_by_text("No clinician is linked to your account")).to_be_visible()
    page.goto(live + "/program/today/")
    expect(heading(page)).to_have_text("Please see a doctor first")
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-urgent-status-{tag}")
    if not with_clinician:
        confirm_doctor_visit(page, "Dr Lee, my GP")
        expect(heading(page)).to_contain_text("Hello")
        expect(
            page.get_by_text("You told us Dr Lee, my GP checked your warning signs")
        ).to_be_visible()
        axe_check(page, f"safety-urgent-reopened-{tag}")


def test_the_self_harm_path(live, axe_check, journey):
    page, patient, with_clinician = journey.page, journey.patient, journey.with_clinician
    tag = journey.tag
    journey.answered("about", "pattern")
    journey.open(live, "assessment:step", "mood")
    answer_page(page, picks={"better off dead": "A few days"})

    # Crisis help is the very next screen, before any other question.
    expect(page.get_by_role("heading", name="Help is there for you, right now")).to_be_visible()
    expect(page.locator("a.call[href='tel:116123']")).to_be_visible()  # Samaritans (GB)
    assert Alert.objects.get(patient=patient).kind == "safety"  # told at once
    if with_clinician:
        expect(
            page.get_by_text("Your clinician can see your answer in Painwise now")
        ).to_be_visible()
    else:
        expect(page.get_by_text("no one else has been told")).to_be_visible()
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-self-harm-help-{tag}")

    # Help stays one tap away on every page afterwards.
    page.get_by_role("button", name="I have read this: go on").click()
    expect(heading(page)).to_have_text("Worry")
    expect(page.get_by_role("link", name="Help now")).to_be_visible()
    walk_until(page, "Check your answers")
    page.get_by_role("button", name="Send my answers").first.click()
    expect(heading(page)).to_have_text("Your results")
    expect(page.get_by_role("heading", name="Help is there for you, right now")).to_be_visible()
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-self-harm-result-{tag}")
    assert Alert.objects.filter(patient=patient, kind="safety").count() == 1
    page.get_by_role("link", name="Help now").click()
    expect(heading(page)).to_have_text("Help now")
    check_truthful(page, with_clinician)
    axe_check(page, f"safety-help-page-{tag}")


def test_without_a_country_the_fallback_is_plain_and_never_empty(live, phone, axe_check, settings):
    settings.PAINWISE_CRISIS_COUNTRY = ""
    page = phone
    page.goto(live + "/help/")
    expect(page.locator(".crisis").get_by_text("call your local emergency number")).to_be_visible()
    details = page.locator("details.crisis-more")
    expect(details).to_have_attribute("open", "")
    assert page.locator("details.crisis-more a[href^='tel:']").count() >= 10
    axe_check(page, "help-page-no-country")
