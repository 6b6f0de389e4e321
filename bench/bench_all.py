"""Every figure of issue 16 in one table, as ratios measured in this run. Asserts nothing.

    .venv/bin/python bench/bench_all.py                  # full (~1.5 min on a quiet machine)
    .venv/bin/python bench/bench_all.py --quick          # fewer repeats (~1 min)
    .venv/bin/python bench/bench_all.py --profile        # instead: where the time goes after a save
    .venv/bin/python bench/bench_all.py --profile --raw  # + the raw cProfile lists

Figures (each against a reference measured in the same process, same run, interleaved with it
so that a busy machine slows both alike):

- home / Log a run / Trends right after a save: one AppTest session per page on its own copy
  of the ten-year database (bench_pages.build_ten_years). Each round: rerun a one-line page
  (`st.write("hi")`, its own AppTest session), add one run through the same function the Log
  a run page saves with (services.add_run: the data version changes, so every cache keyed on
  it is cold), then render the page once: the first render after the save. Median over the
  rounds. The ratio judged is in the shape issue 16's first figures were measured in: a new
  AppTest session for each render on both sides (each new session pays AppTest's scan of
  every installed package for components, 40-150 ms, on both sides). Beside it: the same
  session's rerun against a warm rerun of the one-line page (Streamlit alone, a few ms), the
  page's warm rerun (nothing changed), and CPU time.
- browser load of Trends / an empty page: Chromium navigation until Trends' main chart has
  drawn its marks (ten years), against the Profile page of an empty database; one warm server
  each (bench_startup.trends_load_times).
- cold start: launch of the server to the home page's text visible in Chromium, app.py on an
  empty database (through its launcher) against a one-line app with the same config.
- parse + preview of a ten-year Strava CSV: importers.parse_upload against pandas.read_csv of
  the same file (bench_import.generate).
- peak memory: VmHWM of the app's server after Chromium rendered home, then Trends, with ten
  years (MB; the one-line app's figure beside it).

Servers are bound to 127.0.0.1 on free ports and terminated. Chromium is Debian's
/usr/bin/chromium through Playwright.
"""

from __future__ import annotations

import cProfile
import logging
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_pages import ROOT, TODAY, build_ten_years  # noqa: E402

from return_to_run import services, storage  # noqa: E402

try:  # the one door for saves (services.py); older trees saved through storage
    from return_to_run.services import add_run
except ImportError:  # pragma: no cover - before the services split
    add_run = services.add_run

TODAY_ENV_VAR = "RETURN_TO_RUN_TODAY"

# (label, page, target ratio)
AFTER_SAVE = (
    ("home right after a save / one-line page", "app.py", 1.5),
    ("Log a run right after a save / one-line page", "pages/log_run.py", 1.5),
    ("Trends right after a save / one-line page", "pages/trends.py", 2.0),
)
BROWSER_TARGET = 1.25
COLD_START_TARGET = 1.3
IMPORT_TARGET = 3.0
MEMORY_TARGET_MB = 120


def _settings(quick: bool) -> dict[str, int]:
    if quick:
        return {"saves": 4, "loads": 2, "starts": 1, "imports": 3}
    return {"saves": 10, "loads": 5, "starts": 3, "imports": 7}


# ---------------------------------------------------------------- AppTest: right after a save


def _app_test(page: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page != "app.py":
        at.switch_page(page)
    return at


def _run(at, what: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one rerun of `at`; an exception on
    the page stops the bench. The CPU figure leaves out time spent waiting for a core, which
    other work on a shared machine adds to the wall figure."""
    began, began_cpu = time.perf_counter(), time.process_time()
    at.run()
    elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    if at.exception:
        raise RuntimeError(f"{what}: {at.exception[0].value}")
    return elapsed, cpu


def _save_one_run(db_path: Path, n: int) -> None:
    """One run of today, as the Log a run page saves it (a new data version)."""
    db = storage.open_db(db_path)
    try:
        add_run(
            db,
            {"run_date": TODAY, "kind": "continuous", "duration_min": 20 + n % 7, "effort_1_10": 4, "notes": ""},
            today=TODAY,
        )
    finally:
        db.close()


def after_save(folder: Path, ten_years: Path, rounds: int) -> dict[str, dict[str, float]]:
    """page -> median ms of {"saved": its first rerun right after a save, "warm": a rerun with
    nothing changed, "one_line": a rerun of the one-line page; "saved_fresh" and
    "one_line_fresh": the same first render after a save and the one-line page, each in a new
    AppTest session; and each in CPU time ("saved_cpu", ...)}, interleaved round by round."""
    from streamlit.testing.v1 import AppTest

    minimal = folder / "minimal_page.py"
    minimal.write_text('import streamlit as st\nst.write("hi")\n')
    baseline = AppTest.from_file(str(minimal), default_timeout=60)
    for _ in range(3):
        _run(baseline, "one-line page")  # warm-up
    os.environ[TODAY_ENV_VAR] = TODAY.isoformat()
    results = {}
    for _, page, _ in AFTER_SAVE:
        db_path = folder / f"after_save_{Path(page).stem}.db"
        shutil.copy(ten_years, db_path)
        os.environ[storage.DB_ENV_VAR] = str(db_path)
        at = _app_test(page)
        _run(at, page)  # first run: imports, lessons, everything cold
        _run(at, page)
        times = {name: [] for name in ("saved", "warm", "one_line", "saved_fresh", "one_line_fresh")}
        for n in range(rounds):
            times["one_line"].append(_run(baseline, "one-line page"))
            times["warm"].append(_run(at, page))
            _save_one_run(db_path, n)
            times["saved"].append(_run(at, page))
            # The shape issue 16's first figures were measured in: a new AppTest session for
            # each render, on both sides (each pays AppTest's scan of installed packages).
            times["one_line_fresh"].append(_run(AppTest.from_file(str(minimal), default_timeout=60), "one-line"))
            _save_one_run(db_path, 1000 + n)
            times["saved_fresh"].append(_run(_app_test(page), page))
        results[page] = {}
        for name, values in times.items():
            results[page][name] = statistics.median(wall for wall, _ in values) * 1000
            results[page][name + "_cpu"] = statistics.median(cpu for _, cpu in values) * 1000
    return results


# Library functions worth naming in the summary beside the app's own (the heavy ones).
PROFILE_LIBRARY = (
    "altair/vegalite/v6/api.py:to_dict",
    "altair/utils/schemapi.py:validate_jsonschema",
    "altair/utils/schemapi.py:_deep_copy",
    "altair/vegalite/v6/api.py:_prepare_data",
    "streamlit/dataframe_util.py:convert_anything_to_arrow_bytes",
    "streamlit/elements/vega_charts.py:vega_lite_chart",
    "streamlit/elements/arrow.py:dataframe",
    "pandas/io/sql.py:read_sql_query",
    "pandas/core/frame.py:__init__",
)


def _profile_summary(stats: pstats.Stats, rounds: int, top: int = 18) -> None:
    """The app's functions (and PROFILE_LIBRARY's) by cumulative time, in ms per save."""
    rows = []
    for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items():
        short = filename.replace(str(ROOT) + "/", "")
        library = next((lib for lib in PROFILE_LIBRARY if filename.endswith(lib.split(":")[0])), None)
        ours = short.startswith(("return_to_run/", "pages/", "app.py"))
        if ours or (library and name == library.split(":")[1]):
            where = short if ours else short.split("site-packages/")[-1]
            rows.append((cumulative / rounds * 1000, f"{where}:{line}({name})"))
    for ms, where in sorted(rows, reverse=True)[:top]:
        print(f"  {ms:7.0f} ms  {where}")


# (module, attribute) timed one by one right after a save, inclusive of what they call. A
# name that moved is skipped (the list names functions other helpers may rename).
STEPS = (
    ("return_to_run.ui.cached", "_history_at"),
    ("return_to_run.ui.cached", "_assessment_at"),
    ("return_to_run.ui.cached", "_trends_at"),
    ("return_to_run.ui.cached", "assessment"),
    ("return_to_run.ui.cached", "recent_weeks"),
    ("return_to_run.ui.cached", "trends"),
    ("return_to_run.ui.cached", "planned_run_warnings"),
    ("return_to_run.ui.cached", "chart"),
    ("return_to_run.ui.cached", "_chart_spec"),
    ("return_to_run.ui.runs", "suggested_pattern"),
    ("return_to_run.storage", "load_history"),
    ("return_to_run.storage", "list_runs"),
    ("return_to_run.storage", "first_log_date"),
    ("return_to_run.storage", "counts"),
    ("return_to_run.phases", "assess"),
    ("return_to_run.records", "from_history"),
    ("return_to_run.volume", "weekly_summary"),
    ("return_to_run.volume", "single_run_spikes"),
    ("return_to_run.patterns", "runs_with_outcomes"),
    ("return_to_run.patterns", "pattern_sentences"),
    ("return_to_run.patterns", "pattern_table"),
    ("return_to_run.plan", "check_planned_run"),
    ("return_to_run.charts", "weekly_chart"),
    ("return_to_run.charts", "progression_chart"),
    ("return_to_run.charts", "patterns_chart"),
    ("return_to_run.charts", "foundation_chart"),
    ("altair.vegalite.v6.api", "TopLevelMixin.to_dict"),
    ("streamlit.dataframe_util", "convert_anything_to_arrow_bytes"),
    ("streamlit", "vega_lite_chart"),
    ("streamlit", "dataframe"),
)


def _instrument(spent: dict[str, float]):
    """Wrap every STEPS function so that its time (outermost call only) adds up in `spent`;
    returns a function that puts the originals back."""
    import functools
    import importlib

    undo = []
    for module_name, dotted in STEPS:
        try:
            owner = importlib.import_module(module_name)
            *path, name = dotted.split(".")
            for part in path:
                owner = getattr(owner, part)
            original = getattr(owner, name)
        except (ImportError, AttributeError):
            continue
        label = f"{module_name.removeprefix('return_to_run.')}.{dotted}"
        depth = {"n": 0}

        def timed(*args, _original=original, _label=label, _depth=depth, **kwargs):
            _depth["n"] += 1
            began = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                _depth["n"] -= 1
                if _depth["n"] == 0:
                    spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - began

        functools.update_wrapper(timed, original)
        setattr(owner, name, timed)
        undo.append((owner, name, original))

    def restore():
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)

    return restore


def breakdown_after_save(folder: Path, ten_years: Path, rounds: int = 5) -> None:
    """Each STEPS function's time in the first render after a save (median ms of `rounds`
    saves, inclusive: a step's time contains the steps it calls), per page."""
    os.environ[TODAY_ENV_VAR] = TODAY.isoformat()
    for page in ("app.py", "pages/log_run.py", "pages/trends.py"):
        db_path = folder / f"breakdown_{Path(page).stem}.db"
        shutil.copy(ten_years, db_path)
        os.environ[storage.DB_ENV_VAR] = str(db_path)
        at = _app_test(page)
        _run(at, page)
        _run(at, page)
        per_round, totals = [], []
        for n in range(rounds):
            _save_one_run(db_path, 300 + n)
            spent: dict[str, float] = {}
            restore = _instrument(spent)
            try:
                totals.append(_run(at, page)[0])
            finally:
                restore()
            per_round.append(spent)
        names = {name for spent in per_round for name in spent}
        medians = {name: statistics.median(spent.get(name, 0.0) for spent in per_round) * 1000 for name in names}
        print(
            f"\n{page} right after a save: {statistics.median(totals) * 1000:.0f} ms in all (median of {rounds}, "
            "timers on); where it goes, inclusive ms:"
        )
        for name, ms in sorted(medians.items(), key=lambda item: -item[1]):
            if ms >= 1:
                print(f"  {ms:7.0f} ms  {name}")


def profile_after_save(folder: Path, ten_years: Path, rounds: int = 3) -> None:
    """cProfile of home, Log a run and Trends right after a save (`rounds` saves summed):
    a summary per save, then the raw top of the cumulative list. The profiler roughly
    doubles every figure; read them as shares."""
    os.environ[TODAY_ENV_VAR] = TODAY.isoformat()
    for page in ("app.py", "pages/log_run.py", "pages/trends.py"):
        db_path = folder / f"profile_{Path(page).stem}.db"
        shutil.copy(ten_years, db_path)
        os.environ[storage.DB_ENV_VAR] = str(db_path)
        at = _app_test(page)
        _run(at, page)
        _run(at, page)
        profiler = cProfile.Profile()
        unprofiled = []
        for n in range(rounds):
            _save_one_run(db_path, 100 + n)
            # AppTest runs the script in its own thread: start the profiler inside that thread.
            threading.setprofile(lambda *_, started=profiler: started.enable())
            _run(at, page)
            threading.setprofile(None)
            profiler.disable()
            _save_one_run(db_path, 200 + n)
            unprofiled.append(_run(at, page)[0])
        print(
            f"\n{page} right after a save: {statistics.median(unprofiled) * 1000:.0f} ms without the profiler "
            f"(median of {rounds}). Under cProfile, cumulative ms per save:"
        )
        stats = pstats.Stats(profiler)
        _profile_summary(stats, rounds)
        if "--raw" in sys.argv:
            stats.sort_stats("cumulative").print_stats(r"return_to_run/|/pages/|app\.py|altair/|jsonschema", 40)


# ---------------------------------------------------------------- import


def import_ratio(folder: Path, repeats: int) -> tuple[float, float]:
    """(median ms of parse_upload, of pandas.read_csv) on a ten-year Strava CSV, interleaved."""
    import pandas as pd
    from bench_import import generate

    from return_to_run.importers import parse_upload

    path = folder / "activities.csv"
    generate(path)
    data = path.read_bytes()
    today = TODAY

    def ours():
        parse_upload("activities.csv", data, today=today)

    def theirs():
        pd.read_csv(path)

    ours(), theirs()  # warm-up
    mine, pandas_ = [], []
    for _ in range(repeats):
        for fn, into in ((ours, mine), (theirs, pandas_)):
            began = time.perf_counter()
            fn()
            into.append(time.perf_counter() - began)
    return statistics.median(mine) * 1000, statistics.median(pandas_) * 1000


# ---------------------------------------------------------------- browser


def browser_figures(folder: Path, ten_years: Path, settings: dict[str, int]) -> dict:
    """Cold start (s), Trends load (ms) and peak memory (MB), each with its reference."""
    import bench_startup
    from playwright.sync_api import sync_playwright

    bench_startup.RUNS = settings["starts"]
    minimal_dir = folder / "minimal"
    (minimal_dir / ".streamlit").mkdir(parents=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", minimal_dir / ".streamlit" / "config.toml")
    minimal = minimal_dir / "minimal_app.py"
    minimal.write_text('import streamlit as st\nst.write("hi")\n')
    app = ROOT / "app.py"
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=bench_startup.CHROMIUM, args=bench_startup.ARGS)
        try:
            # The first start of each also warms the OS file cache (Python imports) for the cold
            # starts below, so it is not counted as one; it gives the peak memory instead.
            _, min_rss = bench_startup.cold_start(browser, minimal, minimal_dir, folder / "unused.db", "hi")
            memory_db = folder / "memory.db"
            shutil.copy(ten_years, memory_db)
            _, app_rss = bench_startup.cold_start(
                browser,
                app,
                ROOT,
                memory_db,
                "Your last 12 weeks",
                visit=(("/trends", '[data-testid="stVegaLiteChart"] .marks'),),
            )
            found["memory"] = (app_rss, min_rss)

            ours, theirs = [], []
            for n in range(settings["starts"]):
                theirs.append(bench_startup.cold_start(browser, minimal, minimal_dir, folder / "unused.db", "hi")[0])
                empty = folder / f"empty{n}.db"
                ours.append(bench_startup.cold_start(browser, app, ROOT, empty, "Two first steps")[0])
            found["cold"] = (statistics.median(ours), statistics.median(theirs))

            loads_db = folder / "loads.db"
            shutil.copy(ten_years, loads_db)
            loads = bench_startup.load_times(browser, loads_db, folder / "empty_for_load.db", settings["loads"])
            found["load"] = (loads["trends"], loads["empty"])
        finally:
            browser.close()
    return found


# ---------------------------------------------------------------- the table


def _verdict(value: float, target: float) -> str:
    if value <= target:
        return "ok"
    return f"MISSED by {value / target - 1:.0%}" if value < 2 * target else f"MISSED, {value / target:.0f}x the target"


def main() -> None:
    # AppTest's script thread is not a server session: Streamlit warns about it once per run.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    quick = "--quick" in sys.argv
    settings = _settings(quick)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        ten_years = folder / "ten_years.db"
        found = build_ten_years(ten_years)
        print(f"ten-year database: {found['runs']:,} runs, {found['symptoms']:,} check-ins ", end="")
        print(f"(built in {time.perf_counter() - began:.0f} s)", flush=True)

        if "--profile" in sys.argv:
            breakdown_after_save(folder, ten_years)
            profile_after_save(folder, ten_years)
            return

        saved = after_save(folder, ten_years, settings["saves"])
        print(f"after-save figures done ({time.perf_counter() - began:.0f} s)", flush=True)
        parse_ms, read_csv_ms = import_ratio(folder, settings["imports"])
        print(f"import figure done ({time.perf_counter() - began:.0f} s)", flush=True)
        if Path("/usr/bin/chromium").exists():
            browser = browser_figures(folder, ten_years, settings)
        else:
            browser = None
            print("no /usr/bin/chromium: browser figures skipped")

    rows = []  # (figure, ratio or value, detail, target text, verdict)
    for label, page, target in AFTER_SAVE:
        ms = saved[page]
        # The verdict is on the shape issue 16's figures were measured in (a new session for
        # each render on both sides); the same session's rerun against a warm one-line rerun
        # (a few ms of Streamlit alone) is shown beside it.
        ratio = ms["saved_fresh"] / ms["one_line_fresh"]
        detail = (
            f"new session each: {ms['saved_fresh']:.0f} vs {ms['one_line_fresh']:.0f} ms; same session: "
            f"{ms['saved']:.0f} ms (CPU {ms['saved_cpu']:.0f}) vs a warm one-line rerun {ms['one_line']:.1f} ms; "
            f"warm rerun {ms['warm']:.0f} ms; after a save = {ms['saved'] / ms['warm']:.1f}x warm"
        )
        rows.append((label, f"{ratio:.2f}x", detail, f"<= {target}x", _verdict(ratio, target)))
    if browser:
        trends, empty = browser["load"]
        rows.append(
            (
                "browser load of Trends / an empty page",
                f"{trends / empty:.2f}x",
                f"{trends:.0f} ms vs {empty:.0f} ms",
                f"<= {BROWSER_TARGET}x",
                _verdict(trends / empty, BROWSER_TARGET),
            )
        )
        app_s, min_s = browser["cold"]
        rows.append(
            (
                "cold start to rendered home / a one-line app",
                f"{app_s / min_s:.2f}x",
                f"{app_s:.2f} s vs {min_s:.2f} s",
                f"<= {COLD_START_TARGET}x",
                _verdict(app_s / min_s, COLD_START_TARGET),
            )
        )
    rows.append(
        (
            "parse + preview of a ten-year Strava CSV / pandas.read_csv",
            f"{parse_ms / read_csv_ms:.2f}x",
            f"{parse_ms:.0f} ms vs {read_csv_ms:.1f} ms",
            f"<= {IMPORT_TARGET:g}x",
            _verdict(parse_ms / read_csv_ms, IMPORT_TARGET),
        )
    )
    if browser:
        app_rss, min_rss = browser["memory"]
        rows.append(
            (
                "peak memory of the server with ten years",
                f"{app_rss:.0f} MB",
                f"one-line app: {min_rss:.0f} MB",
                f"<= {MEMORY_TARGET_MB} MB",
                _verdict(app_rss, MEMORY_TARGET_MB),
            )
        )

    s = settings
    print(
        f"\nIssue 16 figures ({'quick' if quick else 'full'}: median of {s['saves']} saves, {s['loads']} browser "
        f"loads, {s['starts']} cold starts, {s['imports']} imports; {time.perf_counter() - began:.0f} s in all)\n"
    )
    print("| figure | now | target | verdict | measured |")
    print("|---|---:|---|---|---|")
    for figure, value, detail, target, verdict in rows:
        print(f"| {figure} | {value} | {target} | {'**' + verdict + '**' if verdict != 'ok' else 'ok'} | {detail} |")


if __name__ == "__main__":
    main()
