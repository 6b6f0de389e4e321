"""Small verbs for driving Streamlit widgets in Playwright.

They wait on Streamlit's own run state instead of sleeping: the app root
`[data-testid="stApp"]` carries `data-test-script-state` ("initial" before the first run,
then "running", "notRunning", "rerunRequested", "stopRequested" or "compilationError";
streamlit/static/static/js/index.*.js). A small watcher in the page counts the runs that
start and finish, and notes when she last clicked or typed."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# Installs the watcher once per document (an init script for later documents, and each
# wait installs it in the current one if that document predates the init script).
WATCH = """(() => {
    if (window.__runs) return window.__runs;
    const runs = {doc: Math.random(), started: 0, finished: 0, state: null, changedAt: 0, startedAt: -1, inputAt: -1};
    window.__runs = runs;
    const enter = (state) => {
        if (state === runs.state) return;
        if (state === "running") {
            runs.started += 1;
            runs.startedAt = performance.now();
        } else if (runs.state === "running") {
            runs.finished += 1;
        }
        runs.state = state;
        runs.changedAt = performance.now();
    };
    const current = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        return app ? app.getAttribute("data-test-script-state") : null;
    };
    // Each record carries the value before its change: replay them in order, so that a
    // run that starts and ends within one batch of mutations is still counted.
    new MutationObserver((records) => {
        records.forEach((record, i) => {
            enter(record.oldValue);
            enter(i + 1 < records.length ? records[i + 1].oldValue : current());
        });
    }).observe(document, {
        subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
    });
    // A quick run can start and end within one React render, never showing "running" in
    // the DOM: the App component's own count of finished runs is the exact one (found
    // through the root element's React fiber; the observer's count if it is not there).
    runs.sequence = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        const key = app && Object.keys(app).find((k) => k.startsWith("__reactFiber$"));
        for (let fiber = key && app[key]; fiber; fiber = fiber.return) {
            const state = fiber.stateNode && fiber.stateNode.state;
            if (state && typeof state.scriptRunFinishedSequence === "number") return state.scriptRunFinishedSequence;
        }
        return runs.finished;
    };
    runs.inputSeq = 0;
    for (const type of ["pointerdown", "keydown", "change", "input"]) {
        window.addEventListener(type, () => { runs.inputAt = performance.now(); runs.inputSeq = runs.sequence(); }, true);
    }
    enter(current());
    return runs;
})()"""

# Idle: no run going, none for SETTLE_MS (st.rerun() ends one run and starts the next),
# and a run has finished since her last click or key (or, for a click that asks for no
# run, GRACE_MS have gone by without one).
SETTLE_MS = 100
GRACE_MS = 1500
IDLE = f"""(runs) => {{
    const now = performance.now();
    return runs.state === "notRunning" && now - runs.changedAt >= {SETTLE_MS}
        && (runs.sequence() > runs.inputSeq || now - runs.inputAt >= {GRACE_MS});
}}"""


def _watch(page: Page) -> dict:
    """The current document's id and its count of finished runs: {doc, finished}."""
    if not getattr(page, "_runs_watched", False):
        page.add_init_script(WATCH)
        page._runs_watched = True
    return page.evaluate(f"() => {{ const runs = {WATCH}; return {{doc: runs.doc, finished: runs.sequence()}}; }}")


def _wait_for_streamlit(page: Page) -> None:
    # Connection troubles show in the status widget even when no run is going.
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=20_000)


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished the current script run (after a page load, or after
    a click or key that may or may not ask for a run)."""
    _watch(page)
    page.locator('[data-testid="stApp"]').wait_for(state="attached")
    page.wait_for_function(f"() => ({IDLE})({WATCH})", timeout=20_000)
    _wait_for_streamlit(page)


def after_rerun(page: Page, action) -> None:
    """Do `action` (which makes Streamlit run the script again) and wait until that run has
    finished: the count of finished runs goes up and the app is idle again. A full page
    load in between starts a new document, whose first finished run counts."""
    before = _watch(page)
    action()
    page.wait_for_function(
        f"""([doc, finished]) => {{
            const runs = {WATCH};
            return (runs.doc !== doc || runs.sequence() > finished) && ({IDLE})(runs);
        }}""",
        arg=[before["doc"], before["finished"]],
        timeout=20_000,
    )
    _wait_for_streamlit(page)


def open_page(page: Page, url: str) -> None:
    _watch(page)
    page.goto(url)
    page.locator('[data-testid="stSidebar"]').wait_for(state="attached")
    wait_idle(page)


def set_date(page: Page, label: str, iso_date: str) -> None:
    """st.date_input is three spinbuttons (year, month, day), not a text box."""
    year, month, day = iso_date.split("-")
    for part, value in (("year", year), ("month", month), ("day", day)):
        spin = page.get_by_role("spinbutton", name=f"{part}, {label}")
        spin.click()
        spin.press_sequentially(value)
    # Typing a date that is already set asks for no run: wait_idle allows for that.
    page.keyboard.press("Tab")
    wait_idle(page)


def fill_number(page: Page, label: str, value: str) -> None:
    box = page.get_by_label(label, exact=True)
    if _same_number(box.input_value(), value):
        return  # Enter on an unchanged value asks for no run
    box.fill(value)
    after_rerun(page, lambda: box.press("Enter"))


def _same_number(shown: str, value: str) -> bool:
    try:
        return float(shown) == float(value)
    except ValueError:
        return False


def choose_radio(page: Page, option: str) -> None:
    choice = page.get_by_text(option, exact=True)
    # Streamlit draws each option as a <label> around a hidden radio input.
    if choice.locator("xpath=ancestor::label[1]//input").is_checked():
        return  # already chosen: clicking it asks for no run
    after_rerun(page, choice.click)


def click_button(page: Page, name: str) -> None:
    after_rerun(page, page.get_by_role("button", name=name).click)


def go_to(page: Page, menu_label: str) -> None:
    after_rerun(page, page.locator('[data-testid="stSidebar"]').get_by_role("link", name=menu_label).click)


def choose_option(page: Page, label: str, option: str) -> None:
    """Pick `option` in the st.selectbox labelled `label`."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)  # picking the option already shown asks for no run


def save_profile(page: Page, server_url: str, birth_date: str = "2026-07-01") -> None:
    """Fill the profile's required answers (none is pre-chosen) and save."""
    open_page(page, f"{server_url}/profile")
    set_date(page, "Date of birth of your baby", birth_date)
    choose_option(page, "How was your baby born?", "Vaginal birth")
    page.get_by_role("radiogroup", name="Feeding").get_by_text("Breastfeeding", exact=True).click()
    page.get_by_role("radiogroup", name="Running before pregnancy").get_by_text(
        "Recreational runner", exact=True
    ).click()
    click_button(page, "Save profile")
    expect(page.get_by_text("Profile saved.")).to_be_visible()
