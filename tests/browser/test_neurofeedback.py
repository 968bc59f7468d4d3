"""A short neurofeedback session in Chromium on the real synthetic BrainFlow board, end to end
through the real acquisition process the server starts: the signal check, the quiet minute
(shortened), feedback arriving at the page at 4 Hz or more, and the session saved and plotted.
axe checks each step at phone size."""

import time

from playwright.sync_api import expect

from painwise.neurofeedback.models import Chunk, NfSession
from tests.browser.conftest import sign_in

PASSWORD = "correct horse battery"
RATE = "() => Number(document.querySelector('[data-nf]').dataset.updates)"


def test_a_synthetic_session_streams_scores_and_is_saved(
    live, phone, axe_check, assessed, settings
):
    settings.PAINWISE_NF_BASELINE_SECONDS = 4
    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    page.goto(live + "/practice/neurofeedback/")
    axe_check(page, "neurofeedback-home")
    page.get_by_label("Yes, I want to try brain-signal training as an add-on").check()
    page.get_by_role("button", name="Save my choices").click()
    page.get_by_role("button", name="Start a session").click()

    nf = page.locator("[data-nf]")
    expect(nf).to_have_attribute("data-phase", "checking", timeout=30_000)
    expect(page.locator(".nf-channel").first).to_be_visible()
    axe_check(page, "neurofeedback-check", desktop=False)
    page.get_by_role("button", name="The signal looks good: start the quiet minute").click()
    expect(nf).to_have_attribute("data-phase", "calibrating")
    expect(nf).to_have_attribute("data-phase", "ready", timeout=30_000)
    page.get_by_role("button", name="Start training").click()
    expect(nf).to_have_attribute("data-phase", "training")

    first = page.evaluate(RATE)
    started = time.monotonic()
    time.sleep(4)
    rate = (page.evaluate(RATE) - first) / (time.monotonic() - started)
    assert rate >= 4, f"{rate:.1f} feedback values a second"
    axe_check(page, "neurofeedback-training", desktop=False)

    page.get_by_role("button", name="Finish and save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session results", timeout=30_000)
    expect(page.locator("#chart-nf-session-t")).to_be_attached()
    axe_check(page, "neurofeedback-results")

    session = NfSession.objects.get(patient=assessed)
    assert session.status == "finished" and session.baseline["windows"] > 0
    summary = session.summary
    assert summary["lost_samples"] == 0 and summary["windows"] >= 30
    assert summary["latency_samples"] > 0 and summary["latency_ms_p95"] is not None
    assert Chunk.objects.filter(session=session).exists()
    page.goto(live + "/practice/neurofeedback/")
    expect(page.locator("#chart-nf-trend-t")).to_be_attached()
