"""The installable app without a network: the check-in page opens offline, a check-in made
offline waits on the device and is saved exactly once, with the day it was made for, when the
network returns; signing out leaves nothing of the person in the app's device storage."""

import datetime as dt

from playwright.sync_api import expect

from painwise.tracking.models import CheckIn
from tests.browser.conftest import sign_in

PASSWORD = "correct horse battery"
STORAGE = """async () => {
  const dbs = indexedDB.databases ? await indexedDB.databases() : [];
  let waiting = 0;
  if (dbs.some(d => d.name === 'painwise')) {
    waiting = await new Promise(done => {
      const r = indexedDB.open('painwise');
      r.onsuccess = () => { const db = r.result;
        if (!db.objectStoreNames.contains('outbox')) { db.close(); done(0); return; }
        const q = db.transaction('outbox').objectStore('outbox').count();
        q.onsuccess = () => { db.close(); done(q.result); }; };
    });
  }
  return {dbs: dbs.map(d => d.name), caches: await caches.keys(), waiting: waiting,
          workers: (await navigator.serviceWorker.getRegistrations()).length};
}"""


def ready_offline(page, live):
    """Visit once online, so the service worker is installed and has kept its files."""
    page.goto(live + "/track/checkin/")
    page.wait_for_function(
        "async () => (await navigator.serviceWorker.getRegistrations()).length > 0"
        " && !!(await navigator.serviceWorker.ready).active"
        " && (await caches.keys()).length > 0"
    )
    page.reload()  # now controlled by the worker
    page.wait_for_function("() => !!navigator.serviceWorker.controller")


def checkin_offline(page, live, user, pain):
    """Sign in, go offline with the app installed, and make a check-in that waits on the
    device."""
    sign_in(page, live, user.email, PASSWORD)
    ready_offline(page, live)
    page.context.set_offline(True)
    page.goto(live + "/track/checkin/")
    page.get_by_label("How much pain do you have right now?").fill(str(pain))
    page.get_by_label("How much pain have you had on average in the last 24 hours?").fill(str(pain))
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator("[data-waiting]")).to_have_count(1)


def test_a_checkin_made_offline_is_saved_once_with_its_day(live, phone, axe_check, assessed):
    page = phone
    sign_in(page, live, assessed.email, PASSWORD)
    ready_offline(page, live)
    context = page.context
    context.set_offline(True)
    page.goto(live + "/track/checkin/")
    expect(page.get_by_role("heading", name="Daily check-in")).to_be_visible()
    expect(page.locator("[data-offline-note]")).to_be_visible()
    axe_check(page, "offline-checkin", desktop=False)
    page.get_by_label("How much pain do you have right now?").fill("6")
    page.get_by_label("How much pain have you had on average in the last 24 hours?").fill("5")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator("[data-waiting]")).to_have_count(1)
    expect(page.locator("[data-waiting]")).to_contain_text("Waiting to send")
    assert CheckIn.objects.filter(patient=assessed).count() == 0

    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("Sent: your check-in for")).to_be_visible(timeout=10_000)
    expect(page.locator("[data-waiting]")).to_have_count(0)
    page.goto(live + "/program/today/")  # another page loads: nothing is sent again
    page.wait_for_function("() => document.body.dataset.outbox === '0'")
    saved = CheckIn.objects.get(patient=assessed)
    local = page.evaluate(
        "() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; }"
    )
    assert saved.local_date == dt.date(*local)
    assert (saved.pain_now, saved.pain_average) == (6, 5)


def test_signing_out_leaves_nothing_on_the_device(live, phone, assessed):
    page = phone
    checkin_offline(page, live, assessed, 3)
    before = page.evaluate(STORAGE)
    assert before["waiting"] == 1 and before["caches"] and before["workers"] == 1
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("Sent: your check-in for")).to_be_visible(timeout=10_000)
    page.goto(live + "/program/today/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    after = page.evaluate(STORAGE)
    assert after == {"dbs": [], "caches": [], "waiting": 0, "workers": 0}, after
    assert CheckIn.objects.filter(patient=assessed).count() == 1


def test_a_send_that_fails_when_the_network_returns_is_tried_again_within_seconds(
    live, phone, assessed
):
    """The first try after the network comes back meets a server error (503, as from a proxy
    while the server restarts): the check-in stays waiting and goes on the next try, seconds
    later, not at the next 15-second tick; it is saved once."""
    page = phone
    checkin_offline(page, live, assessed, 4)
    refused = []

    def first_refused(route):
        if not refused:
            refused.append(route.request.headers.get("idempotency-key"))
            route.fulfill(status=503, body="{}", content_type="application/json")
        else:
            route.continue_()

    page.route("**/api/v1/checkins", first_refused)
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(page.get_by_text("Sent: your check-in for")).to_be_visible(timeout=8_000)
    assert len(refused) == 1 and refused[0]
    assert CheckIn.objects.filter(patient=assessed).count() == 1
