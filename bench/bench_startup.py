"""Cold start and peak memory of `streamlit run app.py` against a one-line Streamlit app.

Cold start: from launching `python -m streamlit run` to the home page's title rendered in
Chromium (Playwright), median of 3, for app.py (empty database) and for a minimal app
`import streamlit as st; st.write("hi")` run with the same .streamlit/config.toml.
Target: within 1.3x. Peak memory: the server's VmHWM (peak RSS, from /proc) after the
browser has rendered the home page and then the Trends page with ten years of data
(bench_pages.build_ten_years), against the minimal app after rendering its page.
Prints figures; asserts nothing. About 1 minute.

    .venv/bin/python bench/bench_startup.py                # everything
    .venv/bin/python bench/bench_startup.py --trends-only  # only the Trends browser load time
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import ROOT, TODAY, build_ten_years

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TARGET = 1.3
RUNS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(script: Path, cwd: Path, db_path: Path) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    env = {**os.environ, "RETURN_TO_RUN_DB": str(db_path), "RETURN_TO_RUN_TODAY": TODAY.isoformat()}
    began = time.perf_counter()
    # The app starts the way tasks.py starts it (through its launcher); the minimal app plainly.
    command = ["-m", "return_to_run.serve"] if script == ROOT / "app.py" else ["-m", "streamlit", "run", str(script)]
    # Loopback only: bound to 127.0.0.1 and reached by that address (the launcher allows it).
    process = subprocess.Popen(
        [sys.executable, *command, "--server.address", "127.0.0.1", "--server.port", str(port)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url, began
        except OSError:
            if process.poll() is not None or time.perf_counter() - began > 60:
                raise RuntimeError(f"{script} did not start") from None
            time.sleep(0.02)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cold_start(browser, script: Path, cwd: Path, db_path: Path, text: str, visit: tuple[str, ...] = ()):
    """Seconds from launch to `text` visible; and peak RSS after visiting `visit` pages too."""
    process, url, began = start(script, cwd, db_path)
    try:
        page = browser.new_page(viewport={"width": 1000, "height": 1600})
        page.goto(url)
        page.get_by_text(text).first.wait_for(timeout=60_000)
        seconds = time.perf_counter() - began
        for path, wait_for in visit:
            page.goto(url + path)
            page.locator(wait_for).first.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        rss = peak_rss_mb(process.pid)
        page.close()
        return seconds, rss
    finally:
        stop(process)
        storage_files = [Path(str(db_path) + s) for s in ("-wal", "-shm")]
        for extra in storage_files:
            extra.unlink(missing_ok=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    if "--trends-only" in sys.argv:
        with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
            build_ten_years(Path(folder) / "ten_years.db")
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            trends_load_times(browser, Path(folder) / "ten_years.db", Path(folder) / "empty.db")
            browser.close()
        return

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        folder = Path(folder)
        minimal_dir = folder / "minimal"
        (minimal_dir / ".streamlit").mkdir(parents=True)
        shutil.copy(ROOT / ".streamlit" / "config.toml", minimal_dir / ".streamlit" / "config.toml")
        minimal = minimal_dir / "minimal_app.py"
        minimal.write_text('import streamlit as st\nst.write("hi")\n')
        ten_years = folder / "ten_years.db"
        build_ten_years(ten_years)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # warm the OS file cache once for each (Python imports), not counted
        cold_start(browser, minimal, minimal_dir, folder / "warm.db", "hi")
        cold_start(browser, ROOT / "app.py", ROOT, folder / "warm.db", "Return to Run")

        ours, theirs = [], []
        for n in range(RUNS):
            theirs.append(cold_start(browser, minimal, minimal_dir, folder / "unused.db", "hi")[0])
            empty = folder / f"empty{n}.db"
            ours.append(cold_start(browser, ROOT / "app.py", ROOT, empty, "Two first steps")[0])
        app_s, min_s = statistics.median(ours), statistics.median(theirs)
        print(f"Cold start to a rendered home page (median of {RUNS}, launch -> text visible):")
        print(f"  minimal one-line app: {min_s:5.2f} s   {[f'{t:.2f}' for t in theirs]}")
        print(f"  app.py (empty db):    {app_s:5.2f} s   {[f'{t:.2f}' for t in ours]}")
        print(f"  ratio {app_s / min_s:.2f}x (target {TARGET}x: {'ok' if app_s / min_s <= TARGET else 'MISSED'})")

        _, min_rss = cold_start(browser, minimal, minimal_dir, folder / "unused.db", "hi")
        _, app_rss = cold_start(
            browser,
            ROOT / "app.py",
            ROOT,
            ten_years,
            "Your last 12 weeks",
            visit=(("/trends", '[data-testid="stVegaLiteChart"]'),),
        )
        print("Peak RSS of the server (VmHWM):")
        print(f"  minimal app after its page:                      {min_rss:6.0f} MB")
        print(
            f"  app.py, ten years, after home and trends pages:  {app_rss:6.0f} MB "
            f"({app_rss / min_rss:.2f}x, +{app_rss - min_rss:.0f} MB)"
        )
        trends_load_times(browser, ten_years, folder / "empty_for_load.db")
        browser.close()


def load_times(browser, ten_years: Path, empty_db: Path, repeats: int = 5) -> dict[str, float]:
    """Browser load time in ms (navigation to content drawn), median of `repeats` on one warm
    server each: {"empty": the Profile page of an empty database, "trends": Trends with ten
    years of data, until its main chart has drawn its marks}."""

    def load_ms(url: str, wait_for: str) -> float:
        page = browser.new_page(viewport={"width": 1000, "height": 1600})
        began = time.perf_counter()
        page.goto(url)
        page.locator(wait_for).first.wait_for(timeout=60_000)
        elapsed = (time.perf_counter() - began) * 1000
        page.close()
        return elapsed

    results = {}
    for name, db_path, path, wait_for in (
        ("empty", empty_db, "/profile", "text=Save profile"),
        ("trends", ten_years, "/trends", '[data-testid="stVegaLiteChart"] .marks'),
    ):
        process, url, _ = start(ROOT / "app.py", ROOT, db_path)
        try:
            load_ms(url + path, wait_for)  # warm-up: first script run, caches
            results[name] = statistics.median(load_ms(url + path, wait_for) for _ in range(repeats))
        finally:
            stop(process)
    return results


def trends_load_times(browser, ten_years: Path, empty_db: Path) -> None:
    """Print load_times() and their ratio."""
    results = load_times(browser, ten_years, empty_db)
    print("Browser load time, navigation to content drawn (median of 5, warm server):")
    print(f"  empty page (profile, empty db)   {results['empty']:6.0f} ms")
    print(f"  Trends, ten years                {results['trends']:6.0f} ms")
    print(f"  ratio {results['trends'] / results['empty']:.2f}x (issue 16's target is 1.25x)")


if __name__ == "__main__":
    main()
