"""Phone mode in a real browser (issue 15), on the loopback alias 127.0.0.2 standing in for the
computer's Wi-Fi address: without the link a browser sees only how to get in, on every page;
the link lets it in (and a reload keeps it in, the key gone from the address); a new key locks
out the old link and the browsers let in with it; no request leaves the machine.

The launcher's plain-HTTP side (foreign Host refused on every route, the default server not
answering on 127.0.0.2) is tests/test_serve.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from return_to_run import phone_access, services, storage

from ..conftest import PROFILE, TODAY
from ..test_serve import Running, start_launcher, stop_launcher
from .helpers import wait_idle

pytestmark = pytest.mark.browser

DOOR_TEXT = "only with its link"
PAGES = ["/", "/log_run", "/symptoms", "/trends", "/data", "/profile", "/red_flags", "/learn"]


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory, browser) -> Iterator[Running]:
    tmp_path = tmp_path_factory.mktemp("phone_browser")
    db = storage.open_db(tmp_path / "data" / "test.db")
    services.save_profile(db, PROFILE, today=TODAY)  # her data: weeks since birth, a phase, a plan
    db.close()
    running = start_launcher(tmp_path, "--phone", "--address", "127.0.0.2", address="127.0.0.2")
    yield running
    stop_launcher(running)


class Phone:
    """A fresh browser context (its own cookies), recording the host of every request."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 390, "height": 2400})
        self.page: Page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.hosts: set[str] = set()
        self.page.on("request", lambda request: self.hosts.add(urlparse(request.url).hostname or request.url))

    def open(self, url: str) -> Page:
        self.page.goto(url)
        self.page.locator('[data-testid="stMain"]').wait_for(state="attached")
        wait_idle(self.page)
        return self.page


@pytest.fixture
def phones(browser) -> Iterator[Callable[[], Phone]]:
    """Make fresh browsers (contexts) for one test; closed after it."""
    made: list[Phone] = []

    def make() -> Phone:
        made.append(Phone(browser))
        return made[-1]

    yield make
    for phone in made:
        phone.context.close()


def _base(server: Running) -> str:
    return f"http://127.0.0.2:{server.port}"


def _at_the_door(page: Page) -> None:
    expect(page.get_by_text(DOOR_TEXT)).to_be_visible()
    body = page.locator("body").inner_text()
    assert "weeks" not in body.lower()  # nothing about her: weeks since birth, phase, plan
    assert page.locator('[data-testid="stSidebar"] a').count() == 0  # no menu either
    assert page.locator('[data-testid="stMain"] button').count() == 0


def _inside(page: Page) -> None:
    expect(page.get_by_text(DOOR_TEXT)).to_have_count(0)
    expect(page.locator('[data-testid="stSidebar"] a').first).to_be_attached()


def test_without_the_link_every_page_shows_only_how_to_get_in(phone_server, phones):
    phone = phones()
    for path in PAGES:
        _at_the_door(phone.open(_base(phone_server) + path))
    wrong = phone.open(_base(phone_server) + "/?key=not-the-key")
    _at_the_door(wrong)
    assert "key=" not in wrong.url
    assert phone.hosts == {"127.0.0.2"}


def test_the_link_lets_the_phone_in_and_keeps_it_in(phone_server, phones):
    key = phone_access.new_key(phone_server.data / phone_access.KEY_FILE_NAME)
    phone = phones()
    page = phone.open(phone_access.phone_link("127.0.0.2", phone_server.port, key))
    _inside(page)
    assert "key=" not in page.url  # the key left the address bar (and so its history entry)
    expect(page.get_by_text("weeks", exact=False).first).to_be_visible()  # her home page
    page.reload()
    wait_idle(page)
    _inside(page)
    _inside(phone.open(_base(phone_server) + "/trends"))  # a new session: the cookie lets it in
    assert phone.hosts == {"127.0.0.2"}  # nothing left the machine


def test_a_new_key_locks_out_the_old_link_and_the_phones_let_in_with_it(phone_server, phones):
    key_file = phone_server.data / phone_access.KEY_FILE_NAME
    old = phone_access.new_key(key_file)
    let_in = phones()
    _inside(let_in.open(phone_access.phone_link("127.0.0.2", phone_server.port, old)))
    new = phone_access.new_key(key_file)
    let_in.page.reload()
    wait_idle(let_in.page)
    _at_the_door(let_in.page)
    _at_the_door(phones().open(phone_access.phone_link("127.0.0.2", phone_server.port, old)))
    _inside(phones().open(phone_access.phone_link("127.0.0.2", phone_server.port, new)))


def test_the_phone_logs_a_run_and_its_check_in_and_a_stranger_sees_none_of_it(phone_server, phones):
    """Issue 15's 'done when': a second browser acting as the phone gets in with the link, logs
    a run and its check-in; a browser without the link sees nothing of hers."""
    key = phone_access.new_key(phone_server.data / phone_access.KEY_FILE_NAME)
    phone = phones()
    page = phone.open(phone_access.phone_link("127.0.0.2", phone_server.port, key))
    _inside(page)
    page = phone.open(_base(phone_server) + "/log_run")
    page.get_by_text("Continuous run", exact=True).click()
    wait_idle(page)
    minutes = page.get_by_label("Duration (min)", exact=True)
    minutes.fill("17")
    minutes.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save run").click()
    wait_idle(page)
    page.get_by_role("button", name="✅ No symptoms").click()
    wait_idle(page)
    db = storage.open_db(phone_server.data / "test.db")
    try:
        runs = [(r["kind"], r["duration_min"]) for r in db.query("SELECT kind, duration_min FROM runs")]
        checkins = [
            (r["leakage"], r["linked"]) for r in db.query("SELECT leakage, run_id IS NOT NULL AS linked FROM symptoms")
        ]
    finally:
        db.close()
    assert runs == [("continuous", 17.0)]
    assert checkins == [("none", 1)]
    stranger = phones()
    for path in ("/", "/log_run", "/trends"):
        _at_the_door(stranger.open(_base(phone_server) + path))
        assert "17" not in stranger.page.locator("body").inner_text()
    assert phone.hosts == {"127.0.0.2"} and stranger.hosts == {"127.0.0.2"}
