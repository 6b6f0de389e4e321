"""Server-side time of every page with ten years of daily data, against an empty page.

Builds a ten-year database (3,650 daily runs, a symptom check-in after each, ~1,500
foundation sessions, readiness tests twice a year and 20 red flags) in a temporary folder,
then runs every page of the menu under Streamlit's AppTest, entered through app.py and
switched to the page as tests/conftest.py does: median of 5 runs after one warm-up.

The baseline ("empty page") is a one-line page `import streamlit as st; st.write("hi")`
run the same way (AppTest.from_file on a temporary file): what any Streamlit page costs
under AppTest. Target: every page within 1.5x of it. Also times export_zip and
import_runs for the ten years. Prints figures; asserts nothing. Under 2 minutes.

    .venv/bin/python bench/bench_pages.py            # table
    .venv/bin/python bench/bench_pages.py --profile  # + cProfile top functions of the slowest page
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from return_to_run import models, services, storage, ui, validation  # noqa: E402

TODAY = date(2026, 11, 25)
DAYS = 3650
REPEATS = 5
TARGET = 1.5


def build_ten_years(path: Path, *, today: date = TODAY, days: int = DAYS) -> dict[str, int]:
    """A ten-year database at `path`; returns its counts. Deterministic (no randomness)."""
    storage.remove_database(path)
    db = storage.open_db(path)
    start = today - timedelta(days=days - 1)
    services.save_profile(
        db,
        {
            "birth_date": start - timedelta(weeks=10),
            "birth_type": "vaginal",
            "perineal_tear": "first_second",
            "feeding": "formula",
            "running_background": "recreational",
        },
        today=today,
    )
    kinds = list(models.RUN_KINDS)
    runs = []
    for n in range(days):
        kind = kinds[n % len(kinds)]
        minutes = 20 + (n * 7) % 40
        run = {
            "run_date": start + timedelta(days=n),
            "kind": kind,
            "duration_min": minutes,
            "distance_km": round(minutes / (6.5 if kind != "walk" else 12), 2),
            "effort_1_10": 1 + n % 8,
            "notes": "easy" if n % 3 else "windy, buggy",
            "source": "bench",
            "source_id": f"b{n}",
        }
        if kind == "walk_run":
            run.update(run_interval_min=1, walk_interval_min=1, interval_repeats=min(10, minutes // 2))
        runs.append(run)
    services.import_runs(db, runs, today=today)
    run_ids = [r["id"] for r in db.query("SELECT id FROM runs ORDER BY run_date")]
    symptoms = []
    for n, run_id in enumerate(run_ids):
        clean, problems = validation.validate_symptom(
            {
                "symptom_date": start + timedelta(days=n),
                "run_id": run_id,
                "timing": "within_24h",
                "leakage": "drops" if n % 11 == 0 else "none",
                "heaviness_0_10": n % 13 // 6,
                "pain_knee_0_10": n % 17 // 8,
            },
            today=today,
        )
        assert not problems, problems
        symptoms.append({**storage.connection.to_sqlite(clean), "created_at": "2026-01-01T00:00:00+00:00"})
    db["symptoms"].insert_all(symptoms, batch_size=500)  # check-ins in bulk (add_symptom re-reads history each time)
    for n in range(0, days, 7):
        for activity in ("pelvic_floor", "strength", "breathing"):
            services.add_foundation_session(
                db,
                {"session_date": start + timedelta(days=n + 1), "activity": activity, "duration_min": 15},
                today=today,
            )
    for n in range(0, days, 182):
        services.add_readiness_results(
            db,
            [
                {
                    "test_date": start + timedelta(days=n),
                    "test_code": code,
                    "completed": True,
                    "had_symptoms": False,
                    "reps_left": 22 if code in models.STRENGTH_TESTS else None,
                    "reps_right": 21 if code in models.STRENGTH_TESTS else None,
                }
                for code in models.READINESS_TESTS
            ],
            today=today,
        )
    for n in range(0, days, 183):
        flagged = start + timedelta(days=n)
        (flag_id,) = services.add_red_flags(db, ["heavy_bleeding"], flagged_date=flagged, today=today)
        services.resolve_red_flag(db, flag_id, resolved_date=flagged + timedelta(days=3), note="seen", today=today)
    found = storage.counts(db)
    db.close()
    return found


def median_ms(fn, repeats: int = REPEATS) -> float:
    fn()  # warm-up: imports, lesson cache, SQLite page cache
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def page_runner(page: str, *, clear_caches: bool = False):
    def run():
        if clear_caches:
            st.cache_data.clear()
            st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        if page != "app.py":
            at.switch_page(page)
        at.run()
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].value}")

    return run


def main() -> None:
    profile = "--profile" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db_path = folder / "ten_years.db"
        began = time.perf_counter()
        found = build_ten_years(db_path)
        print(
            f"ten-year database: {found} ({db_path.stat().st_size / 1e6:.1f} MB, built in "
            f"{time.perf_counter() - began:.1f} s)"
        )
        os.environ[storage.DB_ENV_VAR] = str(db_path)
        os.environ[ui.TODAY_ENV_VAR] = TODAY.isoformat()

        minimal = folder / "minimal_page.py"
        minimal.write_text('import streamlit as st\nst.write("hi")\n')
        baseline = median_ms(lambda: AppTest.from_file(str(minimal), default_timeout=60).run())
        times = {page: median_ms(page_runner(page)) for page, _, _ in ui.MENU}
        # The first render after she saves something: the app's caches are keyed on the data
        # version, so a new entry means computing everything once. Cleared before each run.
        cold = {page: median_ms(page_runner(page, clear_caches=True)) for page, _, _ in ui.MENU}

        print(
            f"\nEvery page under AppTest (median of {REPEATS} after 1 warm-up), against an empty page "
            f"= one-line st.write page: {baseline:.0f} ms"
        )
        print(f"{'page':24} {'median ms':>10} {'ratio':>7}  target {TARGET}x   first render after a save (ms)")
        for page, ms in times.items():
            print(
                f"{page:24} {ms:10.0f} {ms / baseline:7.2f}  {'ok    ' if ms / baseline <= TARGET else 'MISSED'}"
                f"   {cold[page]:8.0f}"
            )

        # a second reference: the profile page on an EMPTY database (the app's own lightest page)
        empty_path = folder / "empty.db"
        os.environ[storage.DB_ENV_VAR] = str(empty_path)
        empty_profile = median_ms(page_runner("pages/profile.py"))
        print(
            f"(reference: pages/profile.py on an empty database: {empty_profile:.0f} ms, "
            f"{empty_profile / baseline:.2f}x the one-line page)"
        )
        os.environ[storage.DB_ENV_VAR] = str(db_path)

        db = storage.open_db(db_path)
        export_ms = median_ms(lambda: storage.export_zip(db, today=TODAY), repeats=3)
        size = len(storage.export_zip(db, today=TODAY))
        rows = [
            dict(r)
            for r in db.query(
                "SELECT run_date, duration_min, distance_km, kind, run_interval_min, "
                "walk_interval_min, interval_repeats, effort_1_10, notes, source, "
                "source_id FROM runs"
            )
        ]
        db.close()

        def fresh_import():
            target = folder / "import.db"
            storage.remove_database(target)
            fresh = storage.open_db(target)
            services.import_runs(fresh, rows, today=TODAY)
            fresh.close()

        import_ms = median_ms(fresh_import, repeats=3)
        print(f"\nexport_zip of ten years: {export_ms:.0f} ms (median of 3), {size / 1e6:.1f} MB zip")
        print(
            f"import_runs of {len(rows)} runs into a new database: {import_ms:.0f} ms (median of 3, "
            "incl. open + migrate)"
        )

        if profile:
            missed = [page for page, ms in times.items() if ms / baseline > TARGET] or [max(times, key=times.get)]
            for page in missed:
                print(f"\ncProfile of {page} (cumulative; the app's own functions and the big libraries):")
                # AppTest runs the script in its own thread: start the profiler inside that thread.
                profiler = cProfile.Profile()
                threading.setprofile(lambda *_, started=profiler: started.enable())
                page_runner(page)()
                threading.setprofile(None)
                stats = pstats.Stats(profiler).sort_stats("cumulative")
                stats.print_stats(r"return_to_run/|/pages/|altair/vegalite/v\d/api.py|pandas/core/frame.py", 15)


if __name__ == "__main__":
    main()
