"""Browser tests: a real `streamlit run` server per test module, driven by Playwright
in Debian's Chromium. Without Chromium they skip with one line saying why; in CI
(CI=true) a missing Chromium is a failure, so they can never silently not run."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TODAY = "2026-11-25"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = "Debian's chromium is not installed (apt-get install chromium): browser tests skipped"
    if os.environ.get("CI") == "true":
        pytest.fail(message.replace("skipped", "cannot run, and CI requires them"))
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    db_path: Path
    process: subprocess.Popen
    log_path: Path


def start_server(tmp_path: Path, *, extra_env: dict | None = None) -> Server:
    port = _free_port()
    db_path = tmp_path / "browser.db"
    log_path = tmp_path / "server.log"
    env = {**os.environ, "RETURN_TO_RUN_DB": str(db_path), "RETURN_TO_RUN_TODAY": TODAY, **(extra_env or {})}
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "return_to_run.serve", "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return Server(url, db_path, process, log_path)
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"streamlit did not start: {log_path.read_text()[-2000:]}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    """A freshly started server with an empty database (one per test: deep links on a fresh server)."""
    _require_chromium()
    running = start_server(tmp_path)
    yield running
    stop_server(running)


@dataclass
class RequestLog:
    hosts: set[str] = field(default_factory=set)

    def record(self, request) -> None:
        self.hosts.add(urlparse(request.url).hostname or request.url)

    def off_localhost(self) -> set[str]:
        return {h for h in self.hosts if h not in ("localhost", "127.0.0.1", "[::1]", "::1")}


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A tall page (Streamlit scrolls an inner element) that records every request's host."""
    context = browser.new_context(viewport={"width": 1000, "height": 2400})
    tab = context.new_page()
    tab.requests = RequestLog()
    tab.on("request", tab.requests.record)
    tab.set_default_timeout(20_000)
    yield tab
    context.close()
