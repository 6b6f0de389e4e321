"""Her own patterns: how often symptoms follow runs, by length, kind, rest and effort.

Pure pandas over the History DataFrames. Everything is said as counts with a whole
percentage beside them ("after 3 of 8 runs (38%)"), never as a bare percentage, and
nothing is said about a group with fewer than MIN_RUNS_FOR_PATTERN runs. The sentences
agree with the patterns chart (pattern_table): where the chart shows a difference, a
sentence names it, as standing out or as still small. Observations about her log, not
diagnoses or advice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import models
from .frame_cache import built_for, row_wise
from .records import NOT_LINKED, record_ids, run_records, texts, to_date
from .symptoms import RunLinks, symptom_flags

# Fewer runs than this in a group and nothing is said about it: with 3 runs, "2 of 3"
# is as likely chance as pattern.
MIN_RUNS_FOR_PATTERN = 5
# A difference is worth a sentence when the share of runs followed by the symptom
# differs by at least this much between two groups, and the higher group had the
# symptom after at least MIN_RUNS_WITH_SYMPTOM runs. A rule of thumb, not a test.
NOTABLE_DIFFERENCE = 0.25
MIN_RUNS_WITH_SYMPTOM = 2

LENGTH_BANDS = ("under 20 min", "20-30 min", "over 30 min")
EFFORT_BANDS = ("easy (1-3)", "moderate (4-6)", "hard (7-10)", "effort not recorded")
REST_BANDS = ("0-1 days", "2 days", "3+ days", "first run")

OUTCOME_SYMPTOMS = ("any_symptom", "leakage", "heaviness", "pain", "pelvic_pain", "joint_pain", "bleeding")
SYMPTOM_NAMES = {
    "any_symptom": "Any symptom",
    "leakage": "Leakage",
    "heaviness": "Heaviness or pressure",
    "pain": "Pain",
    "pelvic_pain": "Pelvic, low back or abdominal pain",
    "joint_pain": "Hip, knee, foot or ankle pain",
    "bleeding": "Bleeding",
}
# Symptoms the summary sentences look at (pain split by where it is, as in the lessons);
# "any_symptom" (the chart's first choice) is said when no single symptom stands out.
SENTENCE_SYMPTOMS = ("leakage", "heaviness", "pelvic_pain", "joint_pain")
ANY_SYMPTOM_NAME = "Symptoms"

# Groupings: column -> (groups in display order, groups left out of comparisons).
GROUPINGS = {
    "length_band": (LENGTH_BANDS, ()),
    "kind": (models.RUNNING_KINDS, ()),
    "rest_band": (REST_BANDS, ("first run",)),
    "effort_band": (EFFORT_BANDS, ("effort not recorded",)),
}
GROUPING_NAMES = {
    "length_band": "Run length",
    "kind": "Kind of run",
    "rest_band": "Days since the previous run",
    "effort_band": "Effort",
}
GROUP_LABELS = {
    **{band: band for band in LENGTH_BANDS + EFFORT_BANDS + REST_BANDS},
    **{kind: models.RUN_KINDS[kind] for kind in models.RUNNING_KINDS},
    "0-1 days": "0-1 days (back to back)",
    "3+ days": "3 or more days",
}
# How each group reads in a sentence: (first mention, second mention).
_PHRASES = {
    "under 20 min": ("runs under 20 min", "under 20 min"),
    "20-30 min": ("runs of 20-30 min", "of 20-30 min"),
    "over 30 min": ("runs over 30 min", "over 30 min"),
    "walk_run": ("walk-run sessions", "walk-run sessions"),
    "continuous": ("continuous runs", "continuous runs"),
    "hills_speed": ("hills or speed sessions", "hills or speed sessions"),
    "buggy": ("runs with the buggy", "runs with the buggy"),
    "0-1 days": ("runs within a day of another run", "within a day of another run"),
    "2 days": ("runs after a 2-day gap", "after a 2-day gap"),
    "3+ days": ("runs after a gap of 3 or more days", "after a gap of 3 or more days"),
    "easy (1-3)": ("runs at easy effort (1-3)", "at easy effort (1-3)"),
    "moderate (4-6)": ("runs at moderate effort (4-6)", "at moderate effort (4-6)"),
    "hard (7-10)": ("runs at hard effort (7-10)", "at hard effort (7-10)"),
}

OUTCOME_COLUMNS = (
    "run_id",
    "run_date",
    "duration_min",
    "kind",
    "effort_1_10",
    "days_since_previous_run",
    "length_band",
    "effort_band",
    "rest_band",
    *OUTCOME_SYMPTOMS,
)


def runs_with_outcomes(runs: pd.DataFrame, symptoms: pd.DataFrame, *, run_recs=None) -> pd.DataFrame:
    """One row per running run (models.RUNNING_KINDS), oldest first, with what followed.

    A symptom entry counts for the one run it is linked to by symptoms.RunLinks, the rule
    the walk-run plan uses: by run_id, or with timing "during_run" / "within_24h" her
    latest run on the entry's date, or failing that on the day before.

    Columns: run_id, run_date, duration_min, kind, effort_1_10 (NaN if not recorded),
    days_since_previous_run (days since the previous running run; NaN for the first),
    length_band (LENGTH_BANDS: under 20 / 20-30 inclusive / over 30 min), effort_band
    (EFFORT_BANDS), rest_band (REST_BANDS), and booleans any_symptom, leakage,
    heaviness, pain, pelvic_pain, joint_pain, bleeding.

    run_recs: records.run_records(runs) when the caller already has them (History.records.runs,
    built once per version of her data), so that ten years of runs are not turned into records again.
    """
    sessions = [r for r in (run_records(runs) if run_recs is None else run_recs) if r.running]
    days = np.array([r.run_date.toordinal() for r in sessions], dtype=float)
    duration = np.array([r.duration_min for r in sessions], dtype=float)
    effort = np.array([np.nan if r.effort_1_10 is None else r.effort_1_10 for r in sessions], dtype=float)
    gap = np.diff(days, prepend=np.nan) if len(days) else np.empty(0)

    length_band = np.select([duration < 20, duration <= 30], LENGTH_BANDS[:2], LENGTH_BANDS[2])
    effort_band = np.select([effort <= 3, effort <= 6, effort <= 10], EFFORT_BANDS[:3], EFFORT_BANDS[3])
    rest_band = np.select([gap <= 1, gap == 2, gap >= 3], REST_BANDS[:3], REST_BANDS[3])

    # What followed each run: the outcome flags of the check-ins linked to it, or-ed.
    entries = built_for(symptoms, _link_rows)
    links = RunLinks(sessions)
    position = {run.id: i for i, run in enumerate(sessions)}
    linked = [
        (i, position[run_id])
        for i, run_id in enumerate(
            links.link(run_id, timing, day)
            for run_id, timing, day in zip(
                entries["run_id"].tolist(), entries["timing"].tolist(), entries["day"].tolist(), strict=True
            )
        )
        if run_id is not None
    ]
    entry_at = np.array([i for i, _ in linked], dtype=np.int64)
    run_at = np.array([k for _, k in linked], dtype=np.int64)
    followed = {}
    for name in OUTCOME_SYMPTOMS:
        followed[name] = np.zeros(len(sessions), dtype=bool)
        np.logical_or.at(followed[name], run_at, entries[name][entry_at])

    return pd.DataFrame(
        {
            "run_id": pd.Series([r.id for r in sessions], dtype=object),
            "run_date": pd.Series([r.run_date for r in sessions], dtype=object),
            "duration_min": duration,
            "kind": pd.Series([r.kind for r in sessions], dtype=object),
            "effort_1_10": effort,
            "days_since_previous_run": gap,
            "length_band": length_band.astype(object),
            "effort_band": effort_band.astype(object),
            "rest_band": rest_band.astype(object),
            **followed,
        }
    )[list(OUTCOME_COLUMNS)]


# What RunLinks reads of each check-in, with its outcome flags: kept per check-in frame and
# grown with a save's new entries (frame_cache), so a saved run leaves ten years of check-ins
# as they were.
@row_wise
def _link_rows(symptoms: pd.DataFrame) -> dict[str, np.ndarray]:
    flags = symptom_flags(symptoms)
    return {
        "run_id": np.array(record_ids(symptoms["run_id"]), dtype=object),
        "timing": texts(symptoms["timing"], NOT_LINKED).to_numpy(dtype=object),
        "day": np.array(symptoms["symptom_date"].map(to_date).tolist(), dtype=object),
    } | {name: flags[name].to_numpy(bool) for name in OUTCOME_SYMPTOMS}


def pattern_table(outcomes: pd.DataFrame, by: str, symptom: str) -> pd.DataFrame:
    """How many runs in each group were followed by `symptom`, as counts.

    `by` is one of GROUPINGS (length_band, kind, rest_band, effort_band); `symptom`
    one of OUTCOME_SYMPTOMS. Every group is listed, in display order, even with 0 runs.
    Columns: group (code), label, runs, with_symptom, summary ("4 of 5"), enough_data
    (runs >= MIN_RUNS_FOR_PATTERN).
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {sorted(GROUPINGS)}, not {by!r}")
    if symptom not in OUTCOME_SYMPTOMS:
        raise ValueError(f"symptom must be one of {OUTCOME_SYMPTOMS}, not {symptom!r}")
    groups, _ = GROUPINGS[by]
    counts = outcomes.groupby(by)[symptom].agg(["size", "sum"]).reindex(list(groups)).fillna(0)
    runs = counts["size"].astype("int64").to_numpy()
    with_symptom = counts["sum"].astype("int64").to_numpy()
    return pd.DataFrame(
        {
            "group": list(groups),
            "label": [GROUP_LABELS[g] for g in groups],
            "runs": runs,
            "with_symptom": with_symptom,
            "summary": [f"{w} of {n}" for w, n in zip(with_symptom, runs, strict=True)],
            "enough_data": runs >= MIN_RUNS_FOR_PATTERN,
        }
    )


def percent(part: int, whole: int) -> int:
    """A whole percentage, halves rounded up (3 of 8 -> 38)."""
    return int(part * 100 / whole + 0.5) if whole else 0


def _comparisons(outcomes: pd.DataFrame, symptoms: tuple[str, ...] = SENTENCE_SYMPTOMS) -> tuple[list[tuple], bool]:
    """Candidate (difference, symptom, hi, lo, notable) with hi/lo dicts of group, runs and
    with_symptom (every difference above 0), and whether any grouping had two groups with
    enough runs to compare."""
    found: list[tuple] = []
    comparable = False
    symptoms = list(symptoms)
    # numpy over the rows, not a pandas groupby per grouping: pattern_sentences runs this on
    # every run she ever logged after each save (tests compare it with the groupby form).
    values = np.asarray(outcomes[symptoms].to_numpy(), dtype=float).reshape(len(outcomes), len(symptoms))
    for by, (groups, excluded) in GROUPINGS.items():
        column = outcomes[by].to_numpy()
        kept = []  # (group, runs, counts per symptom) of the groups that can be compared
        for group in groups:
            mask = column == group
            runs = int(mask.sum())
            if runs >= MIN_RUNS_FOR_PATTERN and group not in excluded:
                kept.append((group, runs, np.nansum(values[mask], axis=0).astype("int64")))
        if len(kept) < 2:
            continue
        comparable = True
        runs = np.array([k[1] for k in kept], dtype="int64")
        counts = np.array([k[2] for k in kept], dtype="int64")
        for j, symptom in enumerate(symptoms):
            share = counts[:, j] / runs
            hi, lo = int(share.argmax()), int(share.argmin())  # the first of equal shares, as idxmax
            difference = share.max() - share.min()
            if difference > 0:
                notable = difference >= NOTABLE_DIFFERENCE and counts[hi, j] >= MIN_RUNS_WITH_SYMPTOM
                found.append(
                    (
                        difference,
                        symptom,
                        {"group": kept[hi][0], "runs": int(runs[hi]), "with_symptom": int(counts[hi, j])},
                        {"group": kept[lo][0], "runs": int(runs[lo]), "with_symptom": int(counts[lo, j])},
                        bool(notable),
                    )
                )
    return found, comparable


def _counts(hi: dict, lo: dict) -> str:
    """'3 of 8 runs over 30 min (38%), and 1 of 27 of 20-30 min (4%)'."""
    first = _PHRASES[hi["group"]][0]
    second = _PHRASES[lo["group"]][1]
    return (
        f"{hi['with_symptom']} of {hi['runs']} {first} ({percent(hi['with_symptom'], hi['runs'])}%), "
        f"and {lo['with_symptom']} of {lo['runs']} {second} ({percent(lo['with_symptom'], lo['runs'])}%)"
    )


def pattern_sentences(outcomes: pd.DataFrame) -> list[str]:
    """At most two plain observations about what stands out, as counts with whole
    percentages, e.g. "Leakage followed 3 of 8 runs over 30 min (38%), and 1 of 27 of
    20-30 min (4%)."

    A difference stands out when both groups have at least MIN_RUNS_FOR_PATTERN runs, the
    shares differ by NOTABLE_DIFFERENCE (25 points) or more and the higher group had the
    symptom after at least 2 runs: largest first, one sentence per symptom, any symptom
    when no single one stands out. A smaller difference is still named, as small, so the
    sentence never contradicts the chart; "equally often" only when the shares are equal.
    """
    total = len(outcomes)
    found, comparable = _comparisons(outcomes)
    if not comparable:
        noun = "run" if total == 1 else "runs"
        return [
            f"Not enough runs logged yet to see patterns: a comparison needs at least "
            f"{MIN_RUNS_FOR_PATTERN} runs in each group (for example {MIN_RUNS_FOR_PATTERN} "
            f"under 20 min and {MIN_RUNS_FOR_PATTERN} over 30 min), and you have logged "
            f"{total} {noun} so far."
        ]
    if not outcomes[list(SENTENCE_SYMPTOMS)].to_numpy().any():
        return [f"No leakage, heaviness or pain was logged after any of your {total} runs."]
    notable = [item for item in found if item[4]]
    if not notable:
        notable = [item for item in _comparisons(outcomes, ("any_symptom",))[0] if item[4]]
    if not notable:
        if not found:
            return ["Symptoms followed each kind of run you can compare equally often."]
        _, symptom, hi, lo, _ = max(found, key=lambda item: item[0])
        return [
            f"No clear pattern yet: the biggest difference is small, {SYMPTOM_NAMES[symptom].lower()} after "
            f"{_counts(hi, lo)}."
        ]
    notable.sort(key=lambda item: -item[0])  # stable: ties keep the GROUPINGS order
    sentences: list[str] = []
    used: set[str] = set()
    for _, symptom, hi, lo, _ in notable:
        if symptom in used:
            continue
        used.add(symptom)
        name = ANY_SYMPTOM_NAME if symptom == "any_symptom" else SYMPTOM_NAMES[symptom]
        sentences.append(f"{name} followed {_counts(hi, lo)}.")
        if len(sentences) == 2:
            break
    return sentences


# ------------------------------------------------------------------- symptom rises

RISE_MIN_DAYS = 2
# A jump of this many points in the week's worst heaviness or pain (0-10) also counts as a
# rise: one day of heaviness 4 after a symptom-free week is worth a sentence.
RISE_MIN_SCORE = 3


def _day_label(day) -> str:
    return f"{day.day} {day:%b %Y}"


def _change_words(minutes: float, change_pct: float) -> str:
    if minutes == 0:
        return "no running"
    amount = f"{minutes:.0f} min"
    if pd.isna(change_pct):
        return f"{amount} (after a week with no running)"
    whole = int(abs(change_pct) + 0.5)  # a whole percentage, as the chart's table shows
    if change_pct > 0:
        return f"{amount} (up {whole}%)"
    if change_pct < 0:
        return f"{amount} (down {whole}%)"
    return f"{amount} (no change)"


def symptom_rises(weekly: pd.DataFrame, *, min_rise: int = RISE_MIN_DAYS, limit: int = 3) -> list[str]:
    """Weeks where symptoms rose on the week before (symptom days up by `min_rise` or more,
    or the worst heaviness or pain score up by RISE_MIN_SCORE or more), with the running
    load of that week and the week before it. Newest first, at most `limit`.

    Observations only: a rise after more running is something to notice, not a cause.
    E.g. "Week 14 after birth (from 6 Apr 2026): symptoms on 3 days, up from 1 the week
    before. Running that week: 75 min (up 25%); the week before: 60 min (up 50%)."
    """
    if len(weekly) < 2:
        return []
    days = weekly["symptom_days"].astype("int64")
    worst = weekly[["worst_heaviness_0_10", "worst_pain_0_10"]].max(axis=1).astype("int64")
    rose = (((days - days.shift(1)) >= min_rise) | ((worst - worst.shift(1)) >= RISE_MIN_SCORE)).to_numpy()
    positions = np.flatnonzero(rose)[::-1][:limit]
    sentences = []
    for i in positions:  # at most `limit` rows: not a loop over the log
        row, before = weekly.iloc[i], weekly.iloc[i - 1]
        when = f"the week of {_day_label(row['week_start'])}"
        if row["weeks_since_birth"] is not None and not pd.isna(row["weeks_since_birth"]):
            when = f"week {int(row['weeks_since_birth'])} after birth (from {_day_label(row['week_start'])})"
        when = when[0].upper() + when[1:]
        score = ""
        if worst.iloc[i] - worst.iloc[i - 1] >= RISE_MIN_SCORE:
            score = f", worst heaviness or pain {int(worst.iloc[i])} of 10"
        count = int(row["symptom_days"])
        sentences.append(
            f"{when}: symptoms on {count} day{'s' if count != 1 else ''}, up from "
            f"{int(before['symptom_days'])} the week before{score}. Running that week: "
            f"{_change_words(row['run_minutes'], row['change_pct'])}; the week before: "
            f"{_change_words(before['run_minutes'], before['change_pct'])}."
        )
    return sentences
