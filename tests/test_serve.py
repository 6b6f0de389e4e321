"""The launcher (return_to_run/serve.py and `tasks.py start`), live on loopback addresses only.

A real server per module, asked with forged Host headers over plain HTTP and the WebSocket
handshake: a foreign Host is refused on every route (issue 13 item 2); the default server does
not answer on another loopback address; phone mode on the alias 127.0.0.2 stands in for the
home-network address (issue 15); the printed address is the real one and the browser is opened
there (issue 14). No request leaves the machine: every address here is in 127.0.0.0/8.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import platform
import re
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from return_to_run import phone_access, serve

from .conftest import ROOT

FOREIGN_HOSTS = ["evil.example", "evil.example:{port}", "localhost.evil.example:{port}", "127.0.0.1.nip.io"]
ROUTES = ["/", "/_stcore/health", "/_stcore/metrics", "/media/x.pdf", "/static/js/index.js", "/favicon.png", "/trends"]


def _free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


@dataclass
class Running:
    process: subprocess.Popen
    address: str
    port: int
    log: Path
    data: Path

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")


def start_launcher(tmp_path: Path, *args: str, address: str = "127.0.0.1", env: dict | None = None) -> Running:
    port = _free_port(address)
    data = tmp_path / "data"
    log = tmp_path / "serve.log"
    environ = {
        **os.environ,
        "RETURN_TO_RUN_DB": str(data / "test.db"),
        "RETURN_TO_RUN_TODAY": "2026-11-25",
        **(env or {}),
    }
    environ.pop(phone_access.PHONE_ENV_VAR, None)
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "return_to_run.serve", "--port", str(port), *args],
            cwd=ROOT,
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running = Running(process, address, port, log, data)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "Press Ctrl+C" in running.output() or "Ctrl+C stops it" in running.output():
            return running
        if process.poll() is not None:
            break
        time.sleep(0.2)
    stop_launcher(running)
    raise RuntimeError(f"the launcher did not start: {running.output()[-2000:]}")


def stop_launcher(running: Running) -> None:
    running.process.terminate()
    try:
        running.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        running.process.kill()


def _get(running: Running, path: str, host: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(running.address, running.port, timeout=10)
    conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host.format(port=running.port))
    conn.endheaders()
    response = conn.getresponse()
    status, body = response.status, response.read()
    conn.close()
    return status, body


def _handshake(running: Running, host: str) -> int:
    """Status of a WebSocket upgrade on /_stcore/stream with this Host (same-origin)."""
    host = host.format(port=running.port)
    conn = http.client.HTTPConnection(running.address, running.port, timeout=10)
    conn.putrequest("GET", "/_stcore/stream", skip_host=True, skip_accept_encoding=True)
    for name, value in {
        "Host": host,
        "Origin": f"http://{host}",
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }.items():
        conn.putheader(name, value)
    conn.endheaders()
    status = conn.getresponse().status
    conn.close()
    return status


def _refused(address: str, port: int) -> bool:
    try:
        with socket.create_connection((address, port), timeout=3):
            return False
    except OSError:
        return True


# --- default mode ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_server(tmp_path_factory) -> Iterator[Running]:
    """The default server, started as `tasks.py start` does (with --browser), where "her
    browser" is a script that writes down the address it was asked to open."""
    tmp_path = tmp_path_factory.mktemp("local")
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    browser.chmod(0o700)
    running = start_launcher(tmp_path, "--browser", env={"BROWSER": f"{browser} %s"})
    yield running
    stop_launcher(running)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_foreign_host_is_refused_on_every_route(local_server, route, host):
    assert _get(local_server, route, host) == (403, b"")


@pytest.mark.parametrize("host", ["localhost", "localhost:{port}", "127.0.0.1", "127.0.0.1:{port}"])
def test_localhost_is_served(local_server, host):
    assert _get(local_server, "/_stcore/health", host) == (200, b"ok")
    status, body = _get(local_server, "/_stcore/metrics", host)
    assert status == 200
    status, body = _get(local_server, "/", host)
    assert status == 200 and b"<html" in body.lower()


def test_a_missing_or_malformed_host_is_refused(local_server):
    conn = http.client.HTTPConnection(local_server.address, local_server.port, timeout=10)
    conn.putrequest("GET", "/_stcore/metrics", skip_host=True, skip_accept_encoding=True)
    conn.endheaders()
    assert conn.getresponse().status in (400, 403)  # HTTP/1.1 without Host
    conn.close()
    for host in ("localhost:99999", "localhost@evil.example", "localhost:{port}/x"):
        assert _get(local_server, "/_stcore/metrics", host)[0] in (400, 403), host


def test_two_host_headers_are_refused(local_server):
    conn = http.client.HTTPConnection(local_server.address, local_server.port, timeout=10)
    conn.putrequest("GET", "/_stcore/metrics", skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", "localhost")
    conn.putheader("Host", "evil.example")
    conn.endheaders()
    assert conn.getresponse().status in (400, 403)
    conn.close()


def test_the_websocket_refuses_a_foreign_host_and_accepts_localhost(local_server):
    assert _handshake(local_server, "localhost:{port}") == 101
    assert _handshake(local_server, "evil.example:{port}") == 403


def test_the_default_server_does_not_answer_on_another_address(local_server):
    """127.0.0.2 stands in for the machine's network address: bound to localhost only."""
    assert _refused("127.0.0.2", local_server.port)
    assert not _refused("127.0.0.1", local_server.port)


def test_it_prints_the_real_address_and_opens_the_browser_there(local_server):
    url = f"http://localhost:{local_server.port}"
    assert f"Return to Run is running at {url}" in local_server.output()
    opened = local_server.log.parent / "opened.txt"
    deadline = time.monotonic() + 10
    while not opened.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert opened.read_text().split() == [url]


def test_default_mode_makes_no_phone_key(local_server):
    assert not (local_server.data / phone_access.KEY_FILE_NAME).exists()
    assert "key=" not in local_server.output()


# --- phone mode -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory) -> Iterator[Running]:
    tmp_path = tmp_path_factory.mktemp("phone")
    running = start_launcher(tmp_path, "--phone", "--address", "127.0.0.2", address="127.0.0.2")
    yield running
    stop_launcher(running)


def _printed_key(running: Running) -> str:
    links = re.findall(rf"http://127\.0\.0\.2:{running.port}/\?key=([A-Za-z0-9_-]+)", running.output())
    assert len(links) == 1, running.output()
    return links[0]


def test_phone_mode_serves_the_address_and_the_machine_name(phone_server):
    for host in ("127.0.0.2:{port}", "127.0.0.2", platform.node().lower(), "localhost:{port}"):
        assert _get(phone_server, "/_stcore/health", host) == (200, b"ok"), host
    assert _handshake(phone_server, "127.0.0.2:{port}") == 101


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("host", [*FOREIGN_HOSTS, "127.0.0.3:{port}", "192.168.1.20:{port}"])
def test_phone_mode_still_refuses_a_foreign_host(phone_server, route, host):
    assert _get(phone_server, route, host) == (403, b"")


def test_phone_mode_refuses_a_foreign_host_on_the_websocket(phone_server):
    assert _handshake(phone_server, "evil.example:{port}") == 403


def test_phone_mode_listens_on_its_address_only(phone_server):
    assert _refused("127.0.0.1", phone_server.port)
    assert not _refused("127.0.0.2", phone_server.port)


def _door(running: Running, target: str) -> tuple[int, str | None, str | None]:
    """(status, Location, Set-Cookie) for a page request to `target` on the phone's address."""
    conn = http.client.HTTPConnection(running.address, running.port, timeout=30)
    conn.request("GET", target, headers={"Host": f"127.0.0.2:{running.port}"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, response.getheader("Location"), response.getheader("Set-Cookie")


def test_the_printed_link_lets_a_phone_in_until_a_new_key_is_made(phone_server):
    key = _printed_key(phone_server)
    key_file = phone_server.data / phone_access.KEY_FILE_NAME
    qr_file = phone_server.data / phone_access.QR_FILE_NAME
    assert "PHONE MODE" in phone_server.output()
    assert "█" in phone_server.output()  # the QR code, drawn in the terminal
    assert qr_file.read_text("utf-8").lstrip().startswith("<?xml")
    for path in (key_file, qr_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    # stored only as a hash
    assert key not in key_file.read_text("utf-8")
    record = phone_access.load_record(key_file)
    assert phone_access.verify_key(key, record)
    # the right key: a cookie for this phone, and the same page without the key
    status, location, cookie = _door(phone_server, f"/trends?key={key}&x=1")
    assert (status, location) == (303, "/trends?x=1")
    assert cookie == (
        f"{phone_access.COOKIE_NAME}={phone_access.cookie_value(record)}; Max-Age=34560000; Path=/; "
        "HttpOnly; SameSite=Strict"
    )
    # a wrong key: the key is taken out of the address all the same, and no cookie
    assert _door(phone_server, f"/?key={key[:-1]}") == (303, "/", None)
    assert _door(phone_server, f"//evil.example/?key={key[:-1]}") == (303, "/evil.example/", None)
    # no key: the page shell as usual (the page gate then shows only how to get in)
    assert _door(phone_server, "/")[0] == 200
    # a new key: the printed link no longer gets a cookie
    phone_access.new_key(key_file)
    assert _door(phone_server, f"/?key={key}") == (303, "/", None)


# --- the key across starts (in-process: no server needed) ----------------------------------


def test_a_restart_keeps_the_key_and_new_key_replaces_it(tmp_path, monkeypatch):
    monkeypatch.setenv("RETURN_TO_RUN_DB", str(tmp_path / "data" / "test.db"))
    args = argparse.Namespace(address="127.0.0.2", new_key=False)
    address, hosts, path, first = serve.prepare_phone(args)
    assert (address, path) == ("127.0.0.2", tmp_path / "data" / "phone_key.json")
    assert hosts == ("localhost", "127.0.0.1", "127.0.0.2", platform.node().lower())
    assert first is not None
    # started again: phones let in before keep their link, and no key is shown
    assert serve.prepare_phone(args)[3] is None
    assert phone_access.verify_key(first, phone_access.load_record(path))
    # --new-key: the old link is refused from then on
    second = serve.prepare_phone(argparse.Namespace(address="127.0.0.2", new_key=True))[3]
    record = phone_access.load_record(path)
    assert phone_access.verify_key(second, record)
    assert not phone_access.verify_key(first, record)


@pytest.mark.parametrize("address", ["0.0.0.0", "laptop", "::"])
def test_phone_mode_refuses_to_listen_everywhere(tmp_path, monkeypatch, address):
    monkeypatch.setenv("RETURN_TO_RUN_DB", str(tmp_path / "test.db"))
    with pytest.raises(SystemExit):
        serve.prepare_phone(argparse.Namespace(address=address, new_key=False))
    assert not (tmp_path / phone_access.KEY_FILE_NAME).exists()


def test_phone_mode_without_a_network_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("RETURN_TO_RUN_DB", str(tmp_path / "test.db"))
    monkeypatch.setattr(serve, "lan_address", lambda: None)
    with pytest.raises(SystemExit, match="not on a network"):
        serve.prepare_phone(argparse.Namespace(address=None, new_key=False))


# --- options --------------------------------------------------------------------------------


def _tasks():
    spec = importlib.util.spec_from_file_location("tasks_under_test", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], ["--browser"]),
        (["--no-browser"], []),
        (["--port", "8600"], ["--browser", "--port", "8600"]),
        (["--phone"], ["--browser", "--phone"]),
        (
            ["--phone", "--new-key", "--address", "127.0.0.2", "--no-browser"],
            ["--phone", "--new-key", "--address", "127.0.0.2"],
        ),
    ],
)
def test_tasks_start_passes_its_options_to_the_launcher(words, expected):
    tasks = _tasks()
    command = tasks.serve_command(words)
    assert command[:3] == [str(tasks.PYTHON), "-m", "return_to_run.serve"]
    assert command[3:] == expected


@pytest.mark.parametrize("words", [["--new-key"], ["--address", "127.0.0.2"], ["--port", "0"], ["--port", "x"]])
def test_tasks_start_names_a_wrong_option(words, capsys):
    with pytest.raises(SystemExit):
        _tasks().serve_command(words)
    assert "usage: python3 tasks.py start" in capsys.readouterr().err


def test_the_launcher_passes_other_options_to_streamlit():
    args, rest = serve.parse_args(["--phone", "--address", "127.0.0.2", "--server.headless", "true"])
    assert (args.phone, args.address, args.browser, args.new_key) == (True, "127.0.0.2", False, False)
    assert rest == ["--server.headless", "true"]
    with pytest.raises(SystemExit):
        serve.parse_args(["--new-key"])


def test_the_launcher_lets_arrow_use_the_system_allocator_unless_she_chose_one():
    """Peak memory (issue 16): Arrow's own pools keep freed memory; set before Streamlit
    imports pyarrow, and never over a value already in the environment."""
    code = "import os, return_to_run.serve; print(os.environ['ARROW_DEFAULT_MEMORY_POOL'])"
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    root = str(Path(__file__).resolve().parent.parent)
    plain = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert plain.stdout.strip() == "system"
    chosen = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        env={**env, "ARROW_DEFAULT_MEMORY_POOL": "mimalloc"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert chosen.stdout.strip() == "mimalloc"


def test_the_server_sends_without_waiting_for_acks():
    """serve.install_nodelay: the listening socket Streamlit binds, and so every connection it
    accepts, has TCP_NODELAY (without it each response's body waited ~40 ms for the browser's
    delayed ACK: ~1 s over a page's script files)."""
    from streamlit.web.server.starlette import starlette_server

    serve.install_nodelay()
    serve.install_nodelay()  # twice is once
    listening = starlette_server._bind_socket("127.0.0.1", 0, 8)
    try:
        assert listening.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        listening.setblocking(True)
        with socket.create_connection(listening.getsockname(), timeout=3):
            accepted, _ = listening.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listening.close()
