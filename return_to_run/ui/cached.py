"""Cached reads: her history, the assessment, Trends' summaries and chart specs.

Everything is keyed on the database's id and its data version, which a trigger bumps on every
write: a new entry gives a new key, and another database (the example data, a recreated file)
another id, so nothing here can go stale. Chart specs are cached under the data they draw
(Streamlit hashes the DataFrame), for the same reason. Ten years of logs then cost a few
milliseconds per rerun instead of hundreds.

Results are held with st.cache_resource, not st.cache_data: a hit hands back the same object
instead of an unpickled copy (20-25 ms for ten years of frames, and the copy lost the typed
records built on the History). Everything returned here is therefore shared between reruns
and sessions and must be treated as read-only: callers never change a frame, list or dict
they get from this module (derive a new one: pandas copies on write).
After a save, only the tables whose rows changed are turned into frames and records again
(storage read_history keeps the rest of the last read of the same file).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from .. import lessons, models, patterns, phases, storage, volume
from ..storage import queries
from .shell import Context

HOME_CHART_SPAN = timedelta(weeks=12)
# A long log opens on its last year: what matters now, and far less to draw.
TRENDS_RECENT_SPAN = timedelta(weeks=52)


def _key(ctx: Context) -> tuple[str, str, int]:
    """(path, database id, data version): what the cached functions below are keyed on."""
    return str(ctx.db_path), ctx.database_id, storage.data_version(ctx.db)


@st.cache_resource(show_spinner=False)
def _last_reads() -> dict:
    """(path, database id) -> what the last read_history of that file returned: the frames of
    the tables a save did not change are kept from it (one entry per database file)."""
    return {}


@st.cache_resource(max_entries=4, show_spinner=False)
def _history_at(db_path: str, database_id: str, version: int, _db=None) -> models.History:
    # Read on the page's own connection (`_db`, not part of the key) when there is one: the
    # version was read on it, and opening and checking a second connection after every save
    # cost more than reading the new rows.
    db = _db if _db is not None else storage.open_db(db_path)
    try:
        last = _last_reads()
        history, read = queries.read_history(db, last.get((db_path, database_id)))
        last[(db_path, database_id)] = read
        return history
    finally:
        if _db is None:
            db.close()


def history(ctx: Context) -> models.History:
    """Everything she has logged (cached for this version of her data)."""
    return _history_at(*_key(ctx), _db=ctx.db)


@st.cache_resource(max_entries=4, show_spinner=False)
def _assessment_at(db_path: str, database_id: str, version: int, day: date, profile: models.Profile, _db=None):
    return phases.assess(profile, _history_at(db_path, database_id, version, _db=_db), day)


def assessment(ctx: Context) -> phases.Assessment:
    """phases.assess() for her profile, history and today (cached for this version)."""
    return _assessment_at(*_key(ctx), ctx.today, ctx.profile, _db=ctx.db)


def readiness_status(ctx: Context) -> dict:
    """Each readiness test's latest result, code -> 'passed' / 'failed' / 'not_done'."""
    return assessment(ctx).readiness


@st.cache_resource(max_entries=4, show_spinner=False)
def _recent_weeks_at(db_path: str, database_id: str, version: int, day: date, birth_date: date, _db=None):
    history = _history_at(db_path, database_id, version, _db=_db)
    return volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=birth_date,
        start=day - HOME_CHART_SPAN,
        end=day,
        red_flags=history.red_flags,
    )


def recent_weeks(ctx: Context) -> pd.DataFrame:
    """volume.weekly_summary() of the last 12 weeks, for the home page chart."""
    return _recent_weeks_at(*_key(ctx), ctx.today, ctx.profile.birth_date, _db=ctx.db)


@st.cache_resource(max_entries=4, show_spinner=False)
def _trends_at(
    db_path: str, database_id: str, version: int, day: date, birth_date: date, since: date | None, _db=None
) -> dict:
    history = _history_at(db_path, database_id, version, _db=_db)
    weekly = volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=birth_date,
        start=since,
        end=day,
        red_flags=history.red_flags,
        foundation=history.foundation,
    )
    # The runs as records once per version (History.records: shared with the assessment, and
    # after a save only the changed tables are rebuilt), not once in each of the two below.
    run_recs = history.records.runs
    outcomes = patterns.runs_with_outcomes(history.runs, history.symptoms, run_recs=run_recs)
    return {
        "weekly": weekly,
        "outcomes": outcomes,
        "sentences": patterns.pattern_sentences(outcomes) + patterns.symptom_rises(weekly),
        "spikes": volume.single_run_spikes(history.runs, run_recs=run_recs),
    }


def trends(ctx: Context, *, since: date | None = None) -> dict:
    """What the Trends page shows, computed once per version of her data: the weekly summary
    from `since` (all when None), runs with their outcomes and the single-run spikes (all of
    her log: patterns need every run), and the summary sentences."""
    return _trends_at(*_key(ctx), ctx.today, ctx.profile.birth_date, since, _db=ctx.db)


@st.cache_resource(show_spinner=False)
def all_lessons() -> list[lessons.Lesson]:
    """Lessons are files shipped with the app: they cannot change while it runs."""
    return lessons.load_lessons()


@st.cache_resource(max_entries=64, show_spinner=False)
def _chart_spec(builder: str, frame, phase_periods, options: tuple) -> dict:
    """The chart's Vega-Lite spec with its datasets already in Arrow form.

    cache_resource hands back the same dict every time (no copy): Streamlit copies a spec
    before changing it. Converting the datasets here, once, spares Streamlit turning the
    same rows into Arrow on every rerun.
    """
    # Altair takes about 0.2 s to import: imported here, the home page of a new user (no
    # chart yet) starts without it.
    from ..charts import specs

    kwargs = dict(options)
    if phase_periods is not None:
        kwargs["phase_periods"] = phase_periods
    # Unvalidated (the builders' specs are checked against the Vega-Lite schema in
    # tests/test_charts.py; validating on every new version of her data cost ~45% of building
    # a chart), and the weekly chart from a skeleton kept per structure, with only its rows
    # and the parts that depend on them swapped in (charts.specs: ~10x faster after a save).
    spec = specs.spec(builder, frame, **kwargs)
    spec["datasets"] = {name: _arrow(name, rows) for name, rows in spec.get("datasets", {}).items()}
    return spec


# A chart's datasets are named by Altair from a hash of their rows, so a name stands for the
# same rows every time: after a save, the rows that did not change (phases, red-flag weeks,
# the zoom strip's extent, a chart's limit line) are not turned into Arrow again.
_ARROW_KEPT = 256


@st.cache_resource(show_spinner=False)
def _arrow_by_dataset_name() -> dict[tuple, bytes]:
    return {}


def _arrow(name: str, rows: list[dict]) -> bytes:
    """The rows as Arrow, kept under the dataset's name and its first row's value types
    (Altair's hash writes a date and its ISO text alike; Arrow does not)."""
    kept = _arrow_by_dataset_name()
    key = (name, tuple((column, type(value).__name__) for column, value in rows[0].items()) if rows else ())
    data = kept.get(key)
    if data is None:
        data = dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(rows))
        if len(kept) >= _ARROW_KEPT:
            kept.pop(next(iter(kept)), None)
        kept[key] = data
    return data


def chart(builder: str, frame, *, key: str, phase_periods=None, **options) -> None:
    """Draw charts.<builder>(frame, **options), with its spec cached under its data."""
    spec = _chart_spec(builder, frame, phase_periods, tuple(sorted(options.items())))
    st.vega_lite_chart(spec, width="stretch", key=key)
