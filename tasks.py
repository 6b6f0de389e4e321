#!/usr/bin/env python3
"""The two commands of the README, on any machine with Python 3.11+:

    python3 tasks.py start   # make .venv, install, start the app and open it in your browser
    python3 tasks.py test    # make .venv, install the test tools, run ruff and the whole test suite

`start` takes:
    --port N       serve on port N instead of 8501
    --no-browser   do not open the browser (the address is printed either way)
    --phone        phone mode: serve on your home Wi-Fi, behind a key (a QR code and a link
                   are printed); see "From your phone" in README.md
    --new-key      with --phone: a new link; phones with the old one are locked out
    --address A    with --phone: serve on address A (tests use the loopback alias 127.0.0.2)

Extra words after `test` go to pytest (e.g. `python3 tasks.py test -k storage`).
Only the standard library is used here, because this runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment(requirements: str) -> None:
    """Create .venv and install `requirements` when they changed since the last install."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on an older Python to say so
        sys.exit(f"Return to Run needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / requirements, ROOT / "requirements.txt", ROOT / "constraints.txt"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing {requirements} (first run only; takes a minute) ...", flush=True)
    subprocess.run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(ROOT / requirements),
            "-c",
            str(ROOT / "constraints.txt"),  # the whole tested tree, transitive packages too
        ],
        check=True,
    )
    stamp.write_text(digest)


def serve_command(start_args: list[str]) -> list[str]:
    """The launcher's command line for `tasks.py start ...` (options checked here, so a typo
    is named before anything is installed)."""
    parser = argparse.ArgumentParser(prog="python3 tasks.py start")
    parser.add_argument("--port", type=int, help="port to serve on (default 8501)")
    parser.add_argument("--no-browser", action="store_true", help="do not open the browser")
    parser.add_argument("--phone", action="store_true", help="serve on your home Wi-Fi, behind a key")
    parser.add_argument("--new-key", action="store_true", help="with --phone: a new link, the old one stops working")
    parser.add_argument("--address", help="with --phone: the address to serve on")
    args = parser.parse_args(start_args)
    if (args.new_key or args.address) and not args.phone:
        parser.error("--new-key and --address go with --phone")
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port takes a number from 1 to 65535")
    command = [str(PYTHON), "-m", "return_to_run.serve"]
    if not args.no_browser:
        command.append("--browser")
    if args.port is not None:
        command += ["--port", str(args.port)]
    if args.phone:
        command.append("--phone")
    if args.new_key:
        command.append("--new-key")
    if args.address:
        command += ["--address", args.address]
    return command


def start(start_args: list[str]) -> int:
    """Install if needed, then run the launcher: it prints the real address once the server
    answers and opens her browser there (unless --no-browser). Ctrl+C stops it."""
    command = serve_command(start_args)
    ensure_environment("requirements.txt")
    print("Starting Return to Run (Ctrl+C to stop) ...", flush=True)
    server = subprocess.Popen(command, cwd=ROOT)
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl+C reached the server too: let it close its database and stop
        try:
            return server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            return 1


def test(pytest_args: list[str]) -> int:
    """Lint and format check first (fast, and a failure names the file), then pytest."""
    ensure_environment("requirements-dev.txt")
    for check in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
        if subprocess.call([str(PYTHON), "-m", *check], cwd=ROOT) != 0:
            print(f"`{' '.join(check)}` failed: run `.venv/bin/ruff format .` or fix what it names.")
            return 1
    return subprocess.call([str(PYTHON), "-m", "pytest", *pytest_args], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("start", "test"):
        print(__doc__)
        return 2
    return start(argv[1:]) if argv[0] == "start" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
