#!/usr/bin/env python3
"""The two commands of the README, on any machine with Python 3.11+:

    python3 tasks.py start   # make .venv, install, open the app on http://localhost:8501
    python3 tasks.py test    # make .venv, install the test tools, run ruff and the whole test suite

Extra words after `test` go to pytest (e.g. `python3 tasks.py test -k storage`).
Only the standard library is used here, because this runs before anything is installed.
"""

from __future__ import annotations

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
    files = [ROOT / requirements, ROOT / "requirements.txt"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(f"Installing {requirements} (first run only; takes a minute) ...", flush=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(ROOT / requirements)],
        check=True,
    )
    stamp.write_text(digest)


def start() -> int:
    ensure_environment("requirements.txt")
    print("Starting Return to Run on http://localhost:8501 (Ctrl+C to stop) ...", flush=True)
    return subprocess.call([str(PYTHON), "-m", "return_to_run.serve"], cwd=ROOT)


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
    return start() if argv[0] == "start" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
