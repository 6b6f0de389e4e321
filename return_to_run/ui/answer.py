"""Cached calls into the guidance engine (return_to_run.guidance): the one answer that home,
Log a run and the check-in show, worked out once per version of her data.

Keyed like ui/cached.py: on the database's path, id and data version (bumped by a trigger on
every write), plus today's date, her profile and her "start me where I am" setting, so an
answer can never outlive the data it was read from. cache_resource: the answers are frozen
dataclasses, handed back without a copy on every rerun.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from .. import guidance, helplines, models, readiness, storage
from . import cached
from .shell import Context


def _key(ctx: Context) -> tuple:
    """What every function below is keyed on (the history itself is passed unhashed, as
    `_history`: the data version stands for it) (placement is a setting: no data version bump)."""
    return (
        str(ctx.db_path),
        ctx.database_id,
        storage.data_version(ctx.db),
        ctx.today,
        ctx.profile,
        storage.start_where_i_am(ctx.db),
    )


@st.cache_resource(max_entries=8, show_spinner=False)
def _today_at(
    db_path: str, database_id: str, version: int, day: date, profile: models.Profile, placed: bool, _history
) -> guidance.TodayAnswer:
    return guidance.today_answer(profile, _history, day, placement_confirmed=placed)


def today(ctx: Context) -> guidance.TodayAnswer:
    """guidance.today_answer for her profile, history and today."""
    return _today_at(*_key(ctx), cached.history(ctx))


@st.cache_resource(max_entries=8, show_spinner=False)
def _placement_at(
    db_path: str, database_id: str, version: int, day: date, profile: models.Profile, placed: bool, _history
) -> int | None:
    if placed:
        return None  # already confirmed: nothing to offer
    return guidance.placement_offer(profile, _history, day)


def placement(ctx: Context) -> int | None:
    """The level "start me where I am" would place her at (guidance.placement_offer), or None
    when there is nothing to offer or she already confirmed it."""
    return _placement_at(*_key(ctx), cached.history(ctx))


@st.cache_resource(max_entries=64, show_spinner=False)
def _run_form_at(
    db_path: str,
    database_id: str,
    version: int,
    day: date,
    profile: models.Profile,
    placed: bool,
    fields: tuple,
    _history,
) -> guidance.RunFormState:
    return guidance.run_form_state(profile, _history, day, placement_confirmed=placed, **dict(fields))


def run_form(ctx: Context, **fields) -> guidance.RunFormState:
    """guidance.run_form_state for what the Log a run form holds now (run_date, kind,
    duration_min: None until she types one, and the walk-run pattern)."""
    return _run_form_at(*_key(ctx), tuple(sorted(fields.items())), cached.history(ctx))


def after_checkin(ctx: Context, entry: dict) -> tuple[str, str]:
    """guidance.after_checkin for the entry just saved: (what it means next, lesson slug)."""
    return guidance.after_checkin(
        entry,
        ctx.profile,
        cached.history(ctx),
        ctx.today,
        placement_confirmed=storage.start_where_i_am(ctx.db),
    )


def tests_offered(ctx: Context) -> dict[str, readiness.TestOffer]:
    """readiness.tests_offered by test code: impact tests from 12 weeks (earlier with a note
    to ask her clinician), never while a red flag is open; the others any time."""
    return {offer.code: offer for offer in readiness.tests_offered(ctx.profile, cached.history(ctx), ctx.today)}


@st.cache_resource(show_spinner=False)
def all_helplines() -> dict[str, helplines.Country]:
    """The helplines file shipped with the app (it cannot change while the app runs)."""
    return helplines.load_helplines()
