"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright,
with axe-core checking accessibility on every page the tests visit."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PAINWISE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screens"
# Full-page screenshots of every checked page, phone and desktop, for a person to look at:
# `PAINWISE_SCREENSHOTS=1 make test` (or `make screenshots`). Off by default: they double the
# browser tests' time and CI does not look at them.
SCREENSHOTS = os.environ.get("PAINWISE_SCREENSHOTS") == "1"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
    if not Path(CHROMIUM).exists():
        if os.environ.get("PAINWISE_REQUIRE_BROWSER") == "1":
            raise pytest.UsageError(f"Chromium is required here but missing at {CHROMIUM}")
        skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
        for item in items:
            if Path(item.fspath).is_relative_to(here):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture
def phone(browser):
    """A phone-sized page (the people who use Painwise mostly use phones)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def zoomed(browser):
    """A page 320 CSS pixels wide: a 640-pixel window at 200% zoom (WCAG 1.4.10, reflow)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def overflow(page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it reflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def check_reflow(page, live, paths, axe_check, name: str = "zoom") -> None:
    """Each page of ``paths`` needs no sideways scrolling and has nothing serious for axe."""
    for path in paths:
        page.goto(live + path)
        assert overflow(page) <= 0, path
        axe_check(page, name + path.replace("/", "-").rstrip("-"), desktop=False)


@pytest.fixture
def axe_check():
    """Run axe-core on the current page; fail on any serious or critical violation.
    With PAINWISE_SCREENSHOTS=1, also save full-page screenshots for a person to look at."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, name: str, desktop: bool = True) -> None:
        # A check right after a click may find the next page committed but not yet
        # parsed (axe then reads a null document); check the page once it has loaded.
        page.wait_for_load_state("load")
        if SCREENSHOTS:
            screenshots(page, name, desktop)
        result = axe.run(page)
        bad = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"axe found serious problems on {name}: {bad}"

    return check


def screenshots(page, name: str, desktop: bool) -> None:
    """The page as it is now, and (``desktop``) the same page at a desktop size."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    if desktop:
        size = page.viewport_size
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
        page.set_viewport_size(size)


@pytest.fixture
def live(live_server, transactional_db):
    return live_server.url


def sign_in(page, live, email, password="painwise-demo", *, greeted: bool = False):
    """Sign in through the real login form (demo accounts share one password); ``greeted``:
    wait for the patient's home page to greet them."""
    page.goto(live + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if greeted:
        from playwright.sync_api import expect

        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Hello"))


def choose(group, answer):
    """Tap an answer as a person does: on the answer's button (its label), by its exact text."""
    import re

    group.locator(
        "label.choice", has_text=re.compile(rf"^\s*{re.escape(answer)}\s*$")
    ).first.click()


def confirm_signup(page, live, email):
    """Open the link of the welcome email, as a new person does, and press the button."""
    import re

    from django.core import mail

    for _ in range(50):
        sent = [m for m in mail.outbox if email in m.to]
        if sent:
            break
        page.wait_for_timeout(100)
    path = re.search(r"https?://[^/\s]+(/accounts/link/[^\s]+)", sent[-1].body).group(1)
    page.goto(live + path)
    page.get_by_role("button", name="Sign me in").click()
