"""Privacy, live: a browser session through every page stays on localhost, the server
listens on loopback only, foreign Hosts and Origins are refused where Streamlit can
refuse them, and HTML in her data (an imported activity name) is shown as text.

Streamlit 1.67 enforces `server.allowedHosts` on the WebSocket handshake (/_stcore/stream)
only; the launcher (return_to_run/serve.py) refuses any other Host on every plain HTTP route
too (tests/test_serve.py covers each route and phone mode).
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import sqlite3
import subprocess
import threading
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from return_to_run import ui

from .conftest import start_server, stop_server
from .helpers import click_button, go_to, open_page, save_profile, wait_idle

pytestmark = pytest.mark.browser


def _port(server) -> int:
    return int(server.url.rsplit(":", 1)[1])


def _handshake(server, *, host: str, origin: str | None) -> int:
    """Status of a WebSocket upgrade on /_stcore/stream with these Host and Origin headers."""
    conn = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=5)
    headers = {
        "Host": host,
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    if origin:
        headers["Origin"] = origin
    conn.putrequest("GET", "/_stcore/stream", skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        conn.putheader(name, value)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


def test_every_page_with_example_data_makes_no_request_off_localhost(server, page):
    open_page(page, server.url)
    click_button(page, "🧪 Explore with example data")
    expect(page.get_by_text("You are exploring")).to_be_visible()
    for _, label, _ in ui.MENU:
        go_to(page, label)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert not page.locator('[data-testid="stAlertContentError"]').count(), label
    go_to(page, "Your data")
    for tab in ("Import runs", "Clinician summary", "Export and restore", "Example data"):
        page.get_by_role("tab", name=tab).click()
        wait_idle(page)
    go_to(page, "Learn")
    # A lesson (not the quick links at the top, which hide on a wide window).
    lesson = page.locator('[data-testid="stMain"] a[href*="lesson="]').first
    expect(lesson).to_be_visible()
    lesson.click()
    wait_idle(page)
    expect(page.get_by_text("Sources (", exact=False).first).to_be_visible()
    go_to(page, "Trends")
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible()
    wait_idle(page)
    assert page.requests.hosts >= {"localhost"}
    assert page.requests.off_localhost() == set()


def test_server_listens_on_loopback_only(server):
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{_port(server)}"], capture_output=True, text=True)
    if listening.returncode:
        pytest.skip("ss is not available")
    local = {line.split()[3].rsplit(":", 1)[0] for line in listening.stdout.splitlines() if line.strip()}
    assert local and local <= {"127.0.0.1", "[::1]", "[::ffff:127.0.0.1]"}, local
    # and from the machine's own non-loopback address, the port is closed
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        own_ip = probe.getsockname()[0]
    except OSError:
        own_ip = None
    finally:
        probe.close()
    if own_ip and not own_ip.startswith("127."):
        with pytest.raises(OSError), socket.create_connection((own_ip, _port(server)), timeout=2):
            pass


def test_websocket_with_a_foreign_host_or_origin_is_refused(server):
    port = _port(server)
    assert _handshake(server, host=f"localhost:{port}", origin=f"http://localhost:{port}") == 101
    assert _handshake(server, host=f"127.0.0.1:{port}", origin=None) == 101
    # DNS rebinding: a page on evil.example resolved to 127.0.0.1 (same-origin from its view)
    assert _handshake(server, host=f"evil.example:{port}", origin=f"http://evil.example:{port}") == 403
    assert _handshake(server, host=f"evil.example:{port}", origin=None) == 403
    # another site's page opening a socket to her localhost app
    assert _handshake(server, host=f"localhost:{port}", origin="http://evil.example") == 403
    assert _handshake(server, host=f"localhost:{port}", origin="https://share.streamlit.io") == 403


def test_plain_http_with_a_foreign_host_is_refused(server):
    """Refused by the launcher's Host guard (Streamlit alone guards only the WebSocket)."""
    for path in ("/_stcore/health", "/_stcore/metrics", "/"):
        request = urllib.request.Request(server.url + path, headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 403
        assert refused.value.read() == b""


class _ProxyRecorder:
    """A fake HTTP(S) proxy on localhost that records what the server tries to reach."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    self.requests.append(conn.recv(1024).decode("latin-1").split("\r\n", 1)[0])


def test_a_foreign_origin_never_makes_the_server_call_out(tmp_path):
    # Plain `streamlit run` would: a WebSocket handshake with a foreign Origin makes Streamlit
    # look up the public IP at checkip.amazonaws.com before refusing it. The launcher
    # (return_to_run/serve.py) seeds that answer so the lookup never happens.
    proxy = _ProxyRecorder()
    address = f"http://127.0.0.1:{proxy.port}"
    running = start_server(
        tmp_path,
        extra_env={
            "HTTP_PROXY": address,
            "HTTPS_PROXY": address,
            "http_proxy": address,
            "https_proxy": address,
            "NO_PROXY": "localhost,127.0.0.1",
            "no_proxy": "localhost,127.0.0.1",
        },
    )
    try:
        port = _port(running)
        assert _handshake(running, host=f"localhost:{port}", origin="http://evil.example") == 403
    finally:
        stop_server(running)
        proxy.sock.close()
    assert proxy.requests == []


def test_html_in_an_imported_activity_name_is_shown_as_text(server, page, tmp_path):
    save_profile(page, server.url)
    probe = "<img src=x onerror=\"document.title='pwned'\">"
    csv = tmp_path / "activities.csv"
    csv.write_text(
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
        "Activity Description\n"
        f'111,"Nov 20, 2026, 7:00:00 AM","{probe.replace(chr(34), chr(34) * 2)}",Run,1800,5.0,'
        f"\"{probe.replace(chr(34), chr(34) * 2)} <script>document.title='pwned'</script>\"\n"
    )
    go_to(page, "Your data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(csv))
    wait_idle(page)
    page.get_by_role("button", name=re.compile(r"^Import 1 ")).click()  # "Import 1 activity" (wording may change)
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"^Imported 1 "))).to_be_visible()
    go_to(page, "Log a run")
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    # shown as the characters she typed (the grid is a canvas; its cells are readable by role)
    expect(page.locator('[role="gridcell"]').filter(has_text="<img src=x").first).to_be_attached()
    with sqlite3.connect(server.db_path) as conn:
        assert conn.execute("SELECT notes FROM runs").fetchone()[0].startswith(probe)
    go_to(page, "Where am I")
    go_to(page, "Trends")
    wait_idle(page)
    assert page.title() != "pwned"
    assert page.locator("img[src='x']").count() == 0
    assert page.requests.off_localhost() == set()
