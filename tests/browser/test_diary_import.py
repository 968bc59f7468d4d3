"""A person brings in a year of a pain diary (gaps, decimals, a time column) on a phone; and
signs up without JavaScript, where the time zone is asked, never assumed."""

import datetime as dt

from playwright.sync_api import expect

from tests.browser.conftest import sign_in as login


def test_a_year_of_diary_is_mapped_checked_and_stored(live, phone, axe_check, tmp_path):
    from painwise.demo import load_demo
    from painwise.lib import clock
    from painwise.tracking.models import CheckIn

    load_demo()
    start = clock.now().date() - dt.timedelta(days=730)
    lines = ["Day,At,How bad (0-10),Stress level,Comments"]
    for i in range(365):
        if i % 7 == 3:
            continue  # a gap every week
        day = start + dt.timedelta(days=i)
        lines.append(
            f'{day.isoformat()},{7 + i % 14}:15,{(i % 19) / 2 + 0.5:.1f},{i % 10},"ok, tired"'
        )
    path = tmp_path / "my diary.csv"
    path.write_text("\n".join(lines) + "\n")
    before = CheckIn.objects.filter(patient__email="james@demo.painwise.example").count()

    login(phone, live, "james@demo.painwise.example")
    phone.goto(live + "/track/review/")
    phone.get_by_role("link", name="Kept a pain diary before Painwise? Bring it in").click()
    phone.wait_for_url("**/track/import/")
    axe_check(phone, "diary-import")
    phone.get_by_label("Your diary as a CSV file").set_input_files(str(path))
    phone.get_by_role("button", name="Show me what will be stored").click()
    # The column names were not guessable: map them.
    phone.get_by_label("Date (or date and time)").select_option("Day")
    phone.get_by_label("Time", exact=True).select_option("At")
    phone.get_by_label("Pain, 0 to 10").select_option("How bad (0-10)")
    phone.get_by_label("Stress, 0 to 10").select_option("Stress level")
    phone.get_by_label("Notes").select_option("Comments")
    phone.get_by_role("button", name="Show again with these columns").click()
    expect(phone.locator("div.card[role=status]")).to_contain_text("313 entries will be stored")
    expect(phone.locator("div.card[role=status]")).to_contain_text("rounded to the nearest one")
    axe_check(phone, "diary-preview")
    assert CheckIn.objects.filter(patient__email="james@demo.painwise.example").count() == before
    phone.get_by_role("button", name="Store 313 entries").click()
    expect(phone.get_by_text("Imported 313 entries from your diary.")).to_be_visible()
    imported = CheckIn.objects.filter(patient__email="james@demo.painwise.example", imported=True)
    assert imported.count() == 313
    assert imported.order_by("local_date").first().local_date == start


def test_without_javascript_sign_up_asks_for_the_time_zone(live, browser, axe_check):
    from painwise.accounts.models import User

    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live + "/accounts/signup/")
    field = page.get_by_label("Your time zone")
    expect(field).to_have_value("")  # not silently UTC
    page.get_by_label("Your first name, or what we should call you").fill("Rosa")
    page.get_by_label("Email address").fill("rosa@example.org")
    page.get_by_label("Choose a password").fill("a quiet morning walk")
    page.get_by_label("Type the password again").fill("a quiet morning walk")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("#id_time_zone_errors")).to_contain_text("required")
    page.get_by_label("Your time zone").fill("America/Chicago")
    page.get_by_label("Choose a password").fill("a quiet morning walk")
    page.get_by_label("Type the password again").fill("a quiet morning walk")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("email")
    assert User.objects.get(email="rosa@example.org").time_zone == "America/Chicago"
    context.close()
