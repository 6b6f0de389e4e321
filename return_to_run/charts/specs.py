"""Chart specs (Vega-Lite dicts) without rebuilding the Altair chart after every save.

Building the weekly chart in Altair costs 0.2-0.6 s whatever the number of weeks (Altair
deep-copies and checks the whole chart at every step), and after a save only its rows
change. weekly_spec() therefore builds the Altair chart once per *structure* (the options,
the kind of x axis, whether red flags, phases and a starting zoom are drawn: Plan.structure())
and keeps that spec as a skeleton; for new rows it copies the skeleton and puts in only the
parts that depend on them: the datasets (named by Altair's own hash of their rows), the x
domain, the brush's starting value, the phase names' colour domain and the description.
The result is equal to `weekly_chart(...).to_dict()` for the same arguments
(tests/test_charts.py compares them on empty, short and ten-year logs).
"""

from __future__ import annotations

import threading
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

# Altair's name for an inline dataset ("data-" + a hash of its rows): used to name the
# swapped-in rows exactly as to_dict() would.
from altair.vegalite.v6.api import _dataset_name

from . import weekly as weekly_module
from .base import Rows, scale_domain

_SKELETONS: dict[tuple, dict] = {}
_LOCK = threading.Lock()
# Skeletons are small (no rows); a few dozen cover every option she can pick on Trends.
MAX_SKELETONS = 64


def spec(builder: str, frame: pd.DataFrame, **options) -> dict:
    """charts.<builder>(frame, **options).to_dict(validate=False), through weekly_spec() for
    the weekly chart. A new dict every call (callers may change it)."""
    if builder == "weekly_chart":
        return weekly_spec(frame, **options)
    if builder == "progression_chart" and not options and not frame.empty:
        return _progression_spec(frame)
    if builder == "patterns_chart" and not options and not frame.empty and int(frame["runs"].sum()) > 0:
        return _patterns_spec(frame)
    from . import secondary

    return getattr(secondary, builder)(frame, **options).to_dict(validate=False)


def weekly_spec(
    weekly: pd.DataFrame,
    *,
    measure: str = "minutes",
    units: str = "km",
    symptom_layers: tuple[str, ...] | None = None,
    phase_periods: pd.DataFrame | None = None,
    compact: bool = False,
) -> dict:
    """weekly_chart(weekly, ...).to_dict(validate=False), from a cached skeleton when a chart
    of the same structure was built before in this process."""
    if weekly.empty:
        key: tuple = ("empty",)
        plan = None
    else:
        plan = weekly_module.plan(weekly, measure, units, symptom_layers, phase_periods, compact)
        key = plan.structure()
    skeleton = _SKELETONS.get(key)
    if skeleton is None:
        # What weekly_chart() does, from the same plan (its row sets are the slots' rows).
        chart = weekly_module.empty_chart() if plan is None else weekly_module.build_from_plan(plan)
        built = chart.to_dict(validate=False)
        # The empty chart is the same spec every time: kept whole.
        empty = {"spec": _copy(built), "paths": [], "datasets": []}
        _keep(key, empty if plan is None else _skeleton(built, _slots(plan)))
        return built
    return _fill(skeleton, _slots(plan))


def _frames(plan) -> dict[str, pd.DataFrame]:
    """The plan's row sets by role (those the chart draws)."""
    frames = {"df": plan.df, "phases": plan.phases, "phase_names": plan.phase_names}
    if not plan.flagged.empty:  # no red flag: nothing drawn from it
        frames["flagged"] = plan.flagged
    frames |= {f"long_{name}": frame for name, frame in plan.long.items()}
    frames["extent"] = plan.extent
    return {role: frame for role, frame in frames.items() if frame is not None}


def _slots(plan) -> dict[str, Any]:
    """The data-dependent parts of a plan, as they appear in a spec: "data:<role>" -> the rows
    (Altair's data transformer's values), "x_domain", "brush_value", "phase_domain",
    "description"."""
    if plan is None:
        return {}
    slots: dict[str, Any] = {f"data:{role}": values(frame) for role, frame in _frames(plan).items()}
    slots["x_domain"] = _plain(scale_domain(plan.domain, plan.x_type))
    slots["brush_value"] = _plain(plan.zoom)
    slots["phase_domain"] = None if plan.phases is None else list(dict.fromkeys(plan.phases["phase"]))
    slots["description"] = plan.description
    return slots


# Altair's default data transformer refuses more rows than this (MaxRowsError).
_ALTAIR_MAX_ROWS = 5000


def values(frame: pd.DataFrame | Rows) -> list[dict]:
    """The rows Altair's default data transformer writes for `frame`
    (`alt.data_transformers.get()(frame)["values"]`), column by column instead of through
    its DataFrame copy and per-column pandas operations (a few ms for 12 weeks instead of
    ~30): numpy bools, ints and floats as Python values, NaN, infinity and missing values as
    None. A frame with anything else (datetime or category columns, a MultiIndex, too many
    rows) goes through Altair itself. tests/test_charts.py compares the two.
    Rows are read from their columns (no DataFrame made) when they hold only numbers, bools,
    text and None, else as their DataFrame."""
    if isinstance(frame, Rows):
        return _rows_values(frame)
    plain_columns = all(isinstance(name, str) for name in frame.columns)
    if len(frame) > _ALTAIR_MAX_ROWS or not plain_columns or isinstance(frame.index, pd.MultiIndex):
        return alt.data_transformers.get()(frame)["values"]
    columns = []
    for name in frame.columns:
        column = frame[name]
        kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else ""  # not pandas' nullable types
        if kind in ("b", "i", "u"):
            columns.append(column.tolist())
        elif kind == "f":
            numbers = column.to_numpy()
            columns.append(
                [v if ok else None for v, ok in zip(numbers.tolist(), np.isfinite(numbers).tolist(), strict=True)]
            )
        elif column.dtype == object or str(column.dtype) in ("str", "string"):
            items = column.astype(object)
            missing = items.isna().tolist()
            columns.append(
                [None if gone else _native(item) for item, gone in zip(items.tolist(), missing, strict=True)]
            )
        else:
            return alt.data_transformers.get()(frame)["values"]
    names = list(frame.columns)
    return (
        [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
        if names
        else [{} for _ in range(len(frame))]
    )


def _rows_values(rows: Rows) -> list[dict]:
    """values(rows.frame), from the columns: what that frame's columns would hold."""
    if len(rows) > _ALTAIR_MAX_ROWS:
        return values(rows.frame)
    columns = []
    for column in rows.columns.values():
        kind = column.dtype.kind
        if kind in ("b", "i", "u"):
            columns.append(column.tolist())
        elif kind == "f":
            columns.append(
                [v if ok else None for v, ok in zip(column.tolist(), np.isfinite(column).tolist(), strict=True)]
            )
        elif kind == "O" and _text(items := column.tolist()):
            columns.append(items)  # text and None: a str (or object) column of the frame
        else:  # calendar days, anything else: as the DataFrame
            return values(rows.frame)
    names = list(rows.columns)
    if not names:
        return []
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _text(items: list) -> bool:
    return all(type(item) is str or item is None for item in items)


def _native(item):
    """A cell of an object column as DataFrame.to_dict writes it (numpy scalars as Python
    values) after Altair turned arrays into lists."""
    if isinstance(item, np.ndarray):
        return item.tolist()
    if isinstance(item, (np.bool_, np.integer, np.floating)):
        return item.item()
    return item


def _plain(value):
    """Altair objects (DateTime) inside lists and dicts as the dicts to_dict() writes."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, alt.DateTime):
        return value.to_dict(validate=False)
    return value


def _skeleton(spec: dict, slots: dict[str, Any]) -> dict | None:
    """{"spec": spec without its datasets, "paths": [(path, slot)]}: where each slot sits in
    `spec`. None when the spec cannot be told apart into slots (two different row sets
    with the same rows, a view named by Altair from a hash of its rows, or something found
    that the slots do not account for): then nothing is cached and every call builds the
    chart."""
    names: dict[str, str] = {}
    for slot, values in slots.items():
        if slot.startswith("data:"):
            name = _dataset_name(values)
            if name in names:
                return None
            names[name] = slot
    paths: list[tuple[tuple, str]] = []

    def walk(node, path: tuple) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                here = (*path, k)
                if k == "data" and isinstance(v, dict) and "name" in v:
                    if v["name"] not in names:
                        raise LookupError(v["name"])
                    paths.append(((*here, "name"), names[v["name"]]))
                elif k == "domain" and path[-3:] == ("encoding", "x", "scale") and isinstance(v, list):
                    paths.append((here, "x_domain"))
                elif k == "domain" and path[-3:] == ("encoding", "color", "scale") and node_field(path) == "phase":
                    paths.append((here, "phase_domain"))
                elif k == "value" and node.get("name") == "brush" and "select" in node:
                    paths.append((here, "brush_value"))
                elif k == "name" and isinstance(v, str) and v.startswith("view_"):
                    # Altair's name for an unnamed view holding a param: a hash of its rows
                    # (their DataFrame repr), which would go stale. Views with params are named.
                    raise LookupError(v)
                else:
                    walk(v, here)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    def node_field(path: tuple) -> Any:
        node = spec
        for step in path[:-1]:
            node = node[step]
        return node.get("field")

    body = _copy({k: v for k, v in spec.items() if k != "datasets"})
    try:
        walk(body, ())
    except LookupError:
        return None
    if "description" in body:
        paths.append((("description",), "description"))
    used = {names[name] for name in spec.get("datasets", {})}
    if used != {slot for _, slot in paths if slot.startswith("data:")}:
        return None
    # The skeleton filled with its own slots must give back the spec: else a part that
    # depends on the rows was missed, and the skeleton is not used.
    skeleton = {"spec": body, "paths": paths, "datasets": sorted(used)}
    if _fill(skeleton, slots) != spec:
        return None
    return skeleton


def _copy(node):
    if isinstance(node, dict):
        return {k: _copy(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_copy(v) for v in node]
    return node


def _fill(skeleton: dict, slots: dict[str, Any]) -> dict:
    """A new spec: the skeleton with `slots` put in."""
    out = _copy(skeleton["spec"])
    names = {}
    datasets = {}
    for slot in skeleton["datasets"]:
        values = slots[slot]
        name = _dataset_name(values)
        names[slot] = name
        datasets[name] = values
    for path, slot in skeleton["paths"]:
        node = out
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = names[slot] if slot in names else _copy(slots[slot])
    if datasets:
        out["datasets"] = datasets
    return out


def _patterns_spec(table: pd.DataFrame) -> dict:
    """patterns_chart(table).to_dict(validate=False) from a skeleton per list of groups: only
    the bars' and captions' rows change when a run is saved (no params, no hashed names)."""
    from . import secondary

    long, df, labels = secondary.patterns_plan(table)
    frames = {"bars": long, "captions": df}
    slots: dict[str, Any] = {f"data:{role}": values(frame) for role, frame in frames.items()}
    return _from_skeleton(
        ("patterns_chart", tuple(labels)), slots, lambda: secondary.patterns_from_plan(long, df, labels)
    )


def _from_skeleton(key: tuple, slots: dict[str, Any], build) -> dict:
    """The spec from the skeleton kept under `key`, or build().to_dict(validate=False) (and
    keep its skeleton when it can be told apart into `slots`)."""
    skeleton = _SKELETONS.get(key)
    if skeleton is not None:
        return _fill(skeleton, slots)
    built = build().to_dict(validate=False)
    _keep(key, _skeleton(built, slots))
    return built


def _keep(key: tuple, skeleton: dict | None) -> None:
    """Keep `skeleton` under `key` (None: the spec could not be told apart; nothing kept)."""
    if skeleton is None:
        return
    with _LOCK:
        if len(_SKELETONS) >= MAX_SKELETONS:
            _SKELETONS.clear()
        _SKELETONS[key] = skeleton


def _progression_spec(weekly: pd.DataFrame) -> dict:
    """progression_chart(weekly).to_dict(validate=False) from a skeleton per x axis kind: only
    its rows and x domain depend on the weeks (no params, so no hashed view names)."""
    from . import secondary

    df, limit_row, x_type, x_title, domain = secondary.progression_plan(weekly)
    frames = {"bars": df, "limit": limit_row}
    slots: dict[str, Any] = {f"data:{role}": values(frame) for role, frame in frames.items()}
    slots["x_domain"] = _plain(domain)
    return _from_skeleton(
        ("progression_chart", x_type, x_title),
        slots,
        lambda: secondary.progression_from_plan(df, limit_row, x_type, x_title, domain),
    )
