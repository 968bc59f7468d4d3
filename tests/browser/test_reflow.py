"""Readable at 200% zoom: at 320 CSS pixels wide (a 640-pixel window at 200%), no page needs
sideways scrolling (WCAG 1.4.10 reflow; data tables scroll inside their own box)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import overflow, sign_in

PAGES = [
    "/program/today/",
    "/track/checkin/",
    "/track/review/",
    "/track/entries/",
    "/track/weekly/",
    "/program/plan/",
    "/program/progress/",
    "/program/exercises/",
    "/program/exercises/side_bridge/",
    "/program/flare/",
    "/accounts/settings/",
    "/accounts/settings/password/",
    "/help/",
    "/learn/",
    "/learn/hurt-is-not-harm/",
    "/practice/",
    "/practice/journal/",
    "/practice/ladder/",
    "/practice/gmi/",
    "/practice/sleep/",
    "/practice/mindful/",
    "/practice/thoughts/",
    "/practice/activities/",
]


@pytest.mark.page_only
def test_no_sideways_scrolling_at_320_pixels(live, zoomed):
    from painwise.demo import load_demo

    load_demo()
    page = zoomed
    for path in ["/", "/accounts/signup/", "/accounts/login/"]:
        page.goto(live + path)
        assert overflow(page) <= 0, path
    sign_in(page, live, "maria@demo.painwise.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Maria")
    for path in PAGES:
        page.goto(live + path)
        assert overflow(page) <= 0, path


def test_clinician_pages_reflow_at_320_pixels(live, zoomed):
    from painwise.accounts.models import User
    from painwise.demo import load_demo

    load_demo()
    maria = User.objects.get(email="maria@demo.painwise.example")
    record = maria.assessments.first()
    page = zoomed
    sign_in(page, live, "clinician@demo.painwise.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("My patients")
    for path in [
        "/clinic/",
        f"/clinic/patients/{maria.pk}/",
        f"/clinic/patients/{maria.pk}/plan/",
        f"/clinic/patients/{maria.pk}/assessments/{record.pk}/",
    ]:
        page.goto(live + path)
        assert overflow(page) <= 0, path


WIDE_TABLES = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const boxes = [...document.querySelectorAll('.table-wrap')];
  return [boxes.length, boxes.filter(b => b.scrollWidth > b.clientWidth + 1).length];
}"""


@pytest.mark.page_only
def test_number_tables_fit_a_phone_without_sideways_scrolling(live, phone):
    """At 390 pixels every column of the tables behind "Show the numbers" (and of the
    clinician's findings) is in view; scrolling inside a table's box is for 320 (zoom)."""
    from painwise.accounts.models import User
    from painwise.demo import load_demo

    load_demo()
    james = User.objects.get(email="james@demo.painwise.example")
    sign_in(phone, live, james.email, greeted=True)
    for path in ["/track/review/", "/practice/", "/practice/sleep/", "/practice/gmi/"]:
        phone.goto(live + path)
        tables, too_wide = phone.evaluate(WIDE_TABLES)
        assert tables > 0 and too_wide == 0, (path, tables, too_wide)
    phone.context.clear_cookies()
    sign_in(phone, live, "clinician@demo.painwise.example")
    expect(phone.get_by_role("heading", level=1)).to_have_text("My patients")
    phone.goto(live + f"/clinic/patients/{james.pk}/")
    tables, too_wide = phone.evaluate(WIDE_TABLES)
    assert tables > 0 and too_wide == 0, (tables, too_wide)


@pytest.mark.page_only
def test_the_clinicians_wide_page_shows_the_three_signals_side_by_side(live, browser):
    """On a desktop the symptoms, function and confidence cards share one row, and each
    card's table of numbers fits its column."""
    from painwise.accounts.models import User
    from painwise.demo import load_demo

    load_demo()
    james = User.objects.get(email="james@demo.painwise.example")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live, "clinician@demo.painwise.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("My patients")
    page.goto(live + f"/clinic/patients/{james.pk}/")
    tables, too_wide = page.evaluate(WIDE_TABLES)
    tops = page.evaluate(
        "() => [...document.querySelectorAll('.review-cards .card')]"
        ".map(c => Math.round(c.getBoundingClientRect().top))"
    )
    context.close()
    assert len(tops) == 3 and len(set(tops)) == 1, tops
    assert tables > 0 and too_wide == 0, (tables, too_wide)
