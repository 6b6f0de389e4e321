"""A big import or replace-restore that reports its progress, so a test can SIGKILL it mid-write.

    python -m tests.children.killed_mid_write import|restore DB_PATH pause|free ROWS

With `pause` it parks itself half way through its one transaction (after more rows than
SQLite's page cache holds, so pages have spilled to the WAL), so the kill lands mid-write.
"""

from __future__ import annotations

import sys
import time
from datetime import date

from return_to_run import services, storage, validation

TODAY = date(2026, 11, 25)


def say(text: str) -> None:
    print(text, flush=True)


def rows(count: int, tag: str) -> list[dict]:
    return [
        {
            "run_date": f"20{16 + i % 10}-0{1 + i % 9}-1{i % 10}",
            "duration_min": 10 + i % 50,
            "kind": "continuous",
            "notes": f"{tag} {i} " + "x" * 100,
            "source": tag,
            "source_id": f"{tag}-{i}",
        }
        for i in range(count)
    ]


def big_import(db, count: int, pause: bool) -> None:
    def progress(done: int, total: int) -> None:
        say(f"progress {done} {total}")
        if pause and done >= total // 2:
            time.sleep(60)

    services.import_runs(db, rows(count, "strava"), today=TODAY, progress=progress)


def big_restore(db, count: int, pause: bool) -> None:
    backup = {table: [] for table in storage.USER_TABLES}
    backup["runs"] = [
        {**validation.validate_run(row, today=TODAY)[0], "id": number + 1, "created_at": "2026-01-01"}
        for number, row in enumerate(rows(count, "backup"))
    ]
    for run in backup["runs"]:
        run["run_date"] = run["run_date"].isoformat()
    inserts = 0

    def trace(statement: str) -> None:
        nonlocal inserts
        if statement.startswith("INSERT"):
            inserts += 1
            if inserts % 1000 == 0:
                say(f"progress {inserts} {count}")
            if pause and inserts == count // 2:
                time.sleep(60)

    db.conn.set_trace_callback(trace)
    services.restore_backup(db, backup, mode="replace", today=TODAY)


def main(argv: list[str]) -> None:
    action, path, pause, count = argv[0], argv[1], argv[2] == "pause", int(argv[3])
    db = storage.open_db(path)
    (big_import if action == "import" else big_restore)(db, count, pause)
    say("done")


if __name__ == "__main__":
    main(sys.argv[1:])
