"""The only non-page module that imports streamlit: page set-up, the menu, and small
widgets shared by pages. Pages read as a description of the screen and call in here.

Layout (A) from design.md: classic `pages/` without st.navigation, every page opening
with `with ui.page(...) as ctx:` so a deep link to a freshly started server still gets
the page config, the database and the menu.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import streamlit as st
from sqlite_utils import Database

from . import models, storage
from .validation import ValidationError

HOME_CHART_SPAN = timedelta(weeks=12)
# A long log opens on its last year: what matters now, and far less to draw.
TRENDS_RECENT_SPAN = timedelta(weeks=52)
TODAY_ENV_VAR = "RETURN_TO_RUN_TODAY"  # fixes "today" for tests and demos
EXAMPLE_MODE_KEY = "example_mode"

# (file, label, emoji). Emoji, not :material/...: icons, which are fetched from a font host.
MENU = (
    ("app.py", "Where am I", "🏠"),
    ("pages/log_run.py", "Log a run", "👟"),
    ("pages/symptoms.py", "Log symptoms", "📝"),
    ("pages/foundation.py", "Foundation work", "🧘"),
    ("pages/readiness.py", "Readiness tests", "✅"),
    ("pages/trends.py", "Trends", "📈"),
    ("pages/learn.py", "Learn", "📚"),
    ("pages/red_flags.py", "Red flags", "🚩"),
    ("pages/profile.py", "Profile", "👤"),
    ("pages/data.py", "Your data", "💾"),
)

DISCLAIMER = (
    "Return to Run is for education and self-tracking. It does not examine you and cannot "
    "diagnose anything. If something worries you, see a doctor, midwife or pelvic health "
    "physiotherapist."
)


@dataclass
class Context:
    """What every page needs: the open database, her profile, today's date, her units."""

    db: Database
    profile: models.Profile | None
    today: date
    example_mode: bool
    db_path: Path

    @property
    def units(self) -> str:
        return self.profile.units if self.profile else "km"

    @property
    def weeks_since_birth(self) -> int | None:
        return models.weeks_since(self.profile.birth_date, self.today) if self.profile else None


def today() -> date:
    """Today's date, or the date in $RETURN_TO_RUN_TODAY (ISO) when set."""
    fixed = os.environ.get(TODAY_ENV_VAR)
    return date.fromisoformat(fixed) if fixed else date.today()


def _open_for_session() -> tuple[Database, bool, Path]:
    main_path = storage.db_path()
    db = storage.open_db(main_path)
    if storage.get_setting(db, EXAMPLE_MODE_KEY) == "on":
        example_path = storage.example_db_path(main_path)
        db.close()
        return storage.open_db(example_path), True, example_path
    return db, False, main_path


@contextlib.contextmanager
def page(title: str, icon: str = "🏃‍♀️", *, layout: str = "centered") -> Iterator[Context]:
    """Set up a page and yield its Context; an unexpected error becomes a calm message.

    A database that cannot be opened stops the page with an explanation instead of a
    traceback (her data could appear in one).
    """
    st.set_page_config(
        page_title=f"{title} · Return to Run", page_icon=icon, layout=layout, initial_sidebar_state="auto"
    )
    _menu()
    try:
        db, example_mode, path = _open_for_session()
    except storage.StorageError as error:
        st.error(str(error), icon="🗄️")
        st.stop()
    context = Context(db=db, profile=storage.get_profile(db), today=today(), example_mode=example_mode, db_path=path)
    if example_mode:
        _example_banner()
    try:
        yield context
    except storage.StorageError as error:
        st.error(str(error), icon="🗄️")
    except Exception:  # the last line of defence: never a traceback on screen
        st.error(
            "Something went wrong on this page, and nothing was saved from the step that "
            "failed. Your earlier entries are safe. Reload the page to try again; if it keeps "
            "happening, export your data from 'Your data' and report the problem.",
            icon="😔",
        )
        if os.environ.get("RETURN_TO_RUN_DEBUG"):
            raise
    finally:
        db.close()
    st.caption(DISCLAIMER)


def _menu() -> None:
    with st.sidebar:
        st.markdown("### 🏃‍♀️ Return to Run")
        for path, label, icon in MENU:
            st.page_link(path, label=label, icon=icon)


def _example_banner() -> None:
    from . import example

    st.info(
        f"You are exploring **example data**: {example.example_summary()} Nothing you do here touches your own log.",
        icon="🧪",
    )
    if st.button("Leave example data", key="leave_example_banner"):
        leave_example_mode()
        st.rerun()


def set_example_mode(on: bool) -> None:
    """Switch between her database and the example one (the switch lives in her database)."""
    main_path = storage.db_path()
    main = storage.open_db(main_path)
    try:
        storage.set_setting(main, EXAMPLE_MODE_KEY, "on" if on else None)
    finally:
        main.close()


# ---------------------------------------------------------------- shared widgets


def show_problems(error: ValidationError) -> None:
    """List every problem of a refused entry, each naming its field; nothing was saved."""
    lines = "\n".join(f"- **{p.field}**: {p.message}" for p in error.problems)
    st.error(f"Nothing was saved. Please fix:\n\n{lines}", icon="✋")


def weeks_label(ctx: Context) -> str:
    """'14 weeks since birth' or '5 years (262 weeks) since birth'."""
    weeks = ctx.weeks_since_birth
    if weeks is None:
        return ""
    if weeks < 0:
        return f"{-weeks} weeks before the birth date"
    if weeks >= 104:
        return f"{weeks // 52} years ({weeks} weeks) since birth"
    return f"{weeks} week{'s' if weeks != 1 else ''} since birth"


def require_profile(ctx: Context) -> None:
    """Stop the page with a pointer to the profile when none is saved yet."""
    if ctx.profile is None:
        st.info("First, tell the app about your birth: it needs the date to know where you are.", icon="👤")
        st.page_link("pages/profile.py", label="Set up your profile", icon="👤")
        st.stop()


def distance_label(units: str) -> str:
    return "Distance (mi)" if units == "mi" else "Distance (km)"


def format_distance(distance_km: float | None, units: str) -> str:
    if distance_km is None or distance_km != distance_km:  # NaN from pandas
        return "—"
    return f"{models.from_km(distance_km, units):.2f} {units}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 run', '3 runs', '2 activities'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


TABLE_WORDS = {
    "profile": ("profile", "profiles"),
    "runs": ("run", "runs"),
    "symptoms": ("symptom entry", "symptom entries"),
    "red_flags": ("red flag", "red flags"),
    "readiness_results": ("readiness result", "readiness results"),
    "foundation_sessions": ("foundation session", "foundation sessions"),
    "lesson_progress": ("lesson read", "lessons read"),
    "settings": ("setting", "settings"),
}


def flash(message: str, icon: str = "✅") -> None:
    """A message that survives the rerun after a save."""
    st.session_state["_flash"] = (message, icon)


def show_flash() -> None:
    if "_flash" in st.session_state:
        message, icon = st.session_state.pop("_flash")
        st.success(message, icon=icon)


# ---------------------------------------------------------------- runs


def date_range(ctx: Context, key: str, *, weeks_back: int = 8) -> tuple[date, date]:
    """From/To pickers for a log list, defaulting to the last `weeks_back` weeks."""
    cols = st.columns(2)
    start = cols[0].date_input(
        "From",
        value=ctx.today - timedelta(weeks=weeks_back),
        key=f"{key}_from",
        format="YYYY-MM-DD",
        min_value=date(1950, 1, 1),
    )
    end = cols[1].date_input("To", value=ctx.today, key=f"{key}_to", format="YYYY-MM-DD", min_value=date(1950, 1, 1))
    return start, end


def runs_table(runs, units: str):
    """Her runs as a readable table (her units, labels instead of codes). Text stays text."""
    import pandas as pd

    def pattern(row) -> str:
        if row["kind"] != "walk_run" or pd.isna(row["run_interval_min"]):
            return ""
        return f"{row['run_interval_min']:g} run / {row['walk_interval_min']:g} walk × {int(row['interval_repeats'])}"

    return pd.DataFrame(
        {
            "Date": runs["run_date"],
            "Kind": runs["kind"].map(models.RUN_KINDS),
            "Minutes": runs["duration_min"].astype(float).round(1),
            f"Distance ({units})": [
                None if pd.isna(d) else round(models.from_km(float(d), units), 2) for d in runs["distance_km"]
            ],
            "Pattern": [pattern(row) for _, row in runs.iterrows()],
            "Effort": runs["effort_1_10"],
            "Notes": runs["notes"],
            "From": runs["source"],
        }
    )


def _run_choice_label(row) -> str:
    return f"{row['run_date']} · {models.RUN_KINDS[row['kind']]} · {row['duration_min']:g} min"


def edit_or_delete_run(ctx: Context, runs) -> None:
    """Pick one of the listed runs to change or delete (delete asks first, then offers undo)."""
    with st.expander("Change or delete a run"):
        choices = {int(row["id"]): _run_choice_label(row) for _, row in runs.iterrows()}
        run_id = st.selectbox("Run", list(choices), format_func=choices.get, key="edit_run_id")
        run = storage.get_run(ctx.db, run_id)
        with st.form(f"edit_run_{run_id}"):
            raw = {
                "run_date": st.date_input(
                    "Date",
                    value=date.fromisoformat(run["run_date"]),
                    max_value=ctx.today,
                    min_value=date(1950, 1, 1),
                    format="YYYY-MM-DD",
                    key=f"edit_date_{run_id}",
                ),
                "kind": st.selectbox(
                    "Kind",
                    list(models.RUN_KINDS),
                    format_func=models.RUN_KINDS.get,
                    index=list(models.RUN_KINDS).index(run["kind"]),
                    key=f"edit_kind_{run_id}",
                ),
                "duration_min": st.number_input(
                    "Duration (min)", min_value=0.0, value=float(run["duration_min"]), key=f"edit_duration_{run_id}"
                ),
                "run_interval_min": st.number_input(
                    "Run interval (min, walk-run only)",
                    min_value=0.0,
                    value=run["run_interval_min"],
                    key=f"edit_ri_{run_id}",
                ),
                "walk_interval_min": st.number_input(
                    "Walk interval (min, walk-run only)",
                    min_value=0.0,
                    value=run["walk_interval_min"],
                    key=f"edit_wi_{run_id}",
                ),
                "interval_repeats": st.number_input(
                    "Repeats (walk-run only)",
                    min_value=0,
                    step=1,
                    value=run["interval_repeats"],
                    key=f"edit_rep_{run_id}",
                ),
                "effort_1_10": st.slider("Effort", 1, 10, run["effort_1_10"] or 4, key=f"edit_effort_{run_id}"),
                "notes": st.text_area("Notes", value=run["notes"], max_chars=2000, key=f"edit_notes_{run_id}"),
            }
            distance = st.number_input(
                distance_label(ctx.units),
                min_value=0.0,
                value=(round(models.from_km(run["distance_km"], ctx.units), 3) if run["distance_km"] else None),
                key=f"edit_distance_{run_id}",
            )
            raw["distance_km"] = models.to_km(distance, ctx.units) if distance else None
            saved = st.form_submit_button("Save changes", type="primary")
        if saved:
            try:
                storage.update_run(ctx.db, run_id, raw, today=ctx.today)
            except ValidationError as error:
                show_problems(error)
            else:
                flash("Run updated.")
                st.rerun()
        confirm = st.checkbox("Yes, delete this run", key=f"confirm_delete_run_{run_id}")
        if st.button("Delete run", disabled=not confirm, key=f"delete_run_{run_id}"):
            snapshot = storage.delete_run(ctx.db, run_id)
            st.session_state["undo_run"] = snapshot
            flash(f"Run of {run['run_date']} deleted.", icon="🗑️")
            st.rerun()


def undo_bar(ctx: Context, kind: str) -> None:
    """An Undo button for the last deletion of `kind` ("run", "symptom" or "foundation")."""
    snapshot = st.session_state.get(f"undo_{kind}")
    if snapshot is None:
        return
    undo = {
        "run": storage.undo_delete_run,
        "symptom": storage.undo_delete_symptom,
        "foundation": storage.undo_delete_foundation_session,
    }[kind]
    if st.button(f"↩️ Undo delete of that {kind}", key=f"undo_{kind}_button"):
        undo(ctx.db, snapshot)
        del st.session_state[f"undo_{kind}"]
        flash(f"The {kind} is back.")
        st.rerun()


# ---------------------------------------------------------------- symptoms


def quick_checkin(ctx: Context, run_id: int) -> None:
    """The under-30-seconds check-in after a run; 'no symptoms' is one tap."""
    try:
        run = storage.get_run(ctx.db, run_id)
    except KeyError:
        st.session_state.pop("checkin_run_id", None)
        return
    with st.container(border=True):
        st.markdown(
            f"**Check-in for your run of {run['run_date']}** "
            f"({models.RUN_KINDS[run['kind']].lower()}, {run['duration_min']:g} min)"
        )
        base = {"symptom_date": run["run_date"], "run_id": run_id}
        cols = st.columns([2, 1])
        if cols[0].button("✅ No symptoms", type="primary", width="stretch", key="checkin_none"):
            storage.add_symptom(ctx.db, {**base, "timing": "during_run"}, today=ctx.today)
            st.session_state.pop("checkin_run_id", None)
            flash("Logged: no symptoms with this run.")
            st.rerun()
        if cols[1].button("Later", width="stretch", key="checkin_later"):
            st.session_state.pop("checkin_run_id", None)
            st.rerun()
        with st.expander("I noticed something", expanded=False):
            timing = st.radio(
                "When?",
                ["during_run", "within_24h"],
                format_func=models.SYMPTOM_TIMINGS.get,
                horizontal=True,
                key="checkin_timing",
            )
            leakage = st.radio(
                "Leakage",
                list(models.LEAKAGE_LEVELS),
                format_func=models.LEAKAGE_LEVELS.get,
                horizontal=True,
                key="checkin_leakage",
            )
            heaviness = st.slider("Heaviness, pressure or bulging (0-10)", 0, 10, 0, key="checkin_heaviness")
            sites = st.multiselect(
                "Pain where?", list(models.PAIN_SITES), format_func=models.PAIN_SITES.get, key="checkin_pain_sites"
            )
            pain = st.slider("Worst pain (0-10)", 0, 10, 0, key="checkin_pain") if sites else 0
            if st.button("Save check-in", key="checkin_save"):
                raw = {
                    **base,
                    "timing": timing,
                    "leakage": leakage,
                    "heaviness_0_10": heaviness,
                    **{f"pain_{site}_0_10": pain for site in sites},
                }
                save_symptom_entry(ctx, raw, clear_checkin=True)


def save_symptom_entry(ctx: Context, raw: dict, *, clear_checkin: bool = False) -> int | None:
    """Save a symptom entry, then show red flags and the lessons that explain it."""
    try:
        symptom_id, codes = storage.add_symptom(ctx.db, raw, today=ctx.today)
    except ValidationError as error:
        show_problems(error)
        return None
    if clear_checkin:
        st.session_state.pop("checkin_run_id", None)
    st.session_state["last_symptom"] = {"id": symptom_id, "codes": codes, "raw": raw}
    st.rerun()


def show_last_symptom_result() -> None:
    """After a symptom save: any red flag first, then lessons for what she noted."""
    result = st.session_state.pop("last_symptom", None)
    if result is None:
        return
    from . import symptoms

    if result["codes"]:
        show_red_flag_alerts([symptoms.RED_FLAGS[c] for c in result["codes"] if c in symptoms.RED_FLAGS])
    kinds = symptoms.symptom_kinds(result["raw"])
    if not kinds:
        st.success("Saved: no symptoms. Each symptom-free session counts towards your next step.", icon="✅")
        return
    st.success("Saved. Noticing this is useful: it is how you and the app learn what your body needs.", icon="📝")
    lessons_to_show = lessons_for_kinds(kinds)
    if lessons_to_show:
        st.markdown("**Read why this happens:**")
        for lesson in lessons_to_show:
            lesson_link(lesson)


def show_red_flag_alerts(flags) -> None:
    """Red flags, most urgent first, with what to do. Shown above everything else."""
    order = {"emergency": 0, "same_day": 1, "pelvic_physio": 2}
    for flag in sorted(flags, key=lambda f: order.get(f.urgency, 3)):
        if flag.urgency == "emergency":
            st.error(f"**{flag.label}.** {flag.advice}", icon="🚨")
        elif flag.urgency == "same_day":
            st.error(f"**{flag.label}.** {flag.advice}", icon="☎️")
        else:
            st.warning(f"**{flag.label}.** {flag.advice}", icon="🩺")


# ---------------------------------------------------------------- lessons


@st.cache_resource(show_spinner=False)
def all_lessons():
    """Lessons are files shipped with the app: they cannot change while it runs."""
    from . import lessons

    return lessons.load_lessons()


def lessons_for_kinds(kinds) -> list:
    from . import lessons

    found, seen = [], set()
    for kind in kinds:
        for lesson in lessons.lessons_for_symptom(all_lessons(), kind):
            if lesson.slug not in seen:
                seen.add(lesson.slug)
                found.append(lesson)
    return found


def lesson_link(lesson, *, done: bool = False) -> None:
    """A link that opens the lesson on the Learn page."""
    st.page_link(
        "pages/learn.py", label=lesson.title, icon="✅" if done else "📖", query_params={"lesson": lesson.slug}
    )


def lesson_view(ctx: Context, lesson, *, read_on: date | None) -> None:
    """One lesson: text, calculator where it belongs, sources with evidence in words, read mark."""
    from . import lessons

    st.title(lesson.title)
    st.caption(
        f"{lesson.topic} · last reviewed {lesson.last_reviewed.isoformat()} · "
        f"evidence: {lessons.EVIDENCE_LEVEL_WORDS.get(lesson.evidence_level, lesson.evidence_level)}"
    )
    st.markdown(lesson.body)
    if lesson.slug == "impact-load":
        impact_calculator(ctx)
    with st.expander(f"Sources ({len(lesson.sources)})", expanded=False):
        for source in lesson.sources:
            st.markdown(f"**[{source.id}]** {source.citation}  \n*{source.evidence}*")
    if read_on:
        st.success(f"You read this on {read_on.isoformat()}.", icon="✅")
        if st.button("Mark as not read", key=f"unread_{lesson.slug}"):
            storage.mark_lesson_unread(ctx.db, lesson.slug)
            st.rerun()
    elif st.button("Mark as read", type="primary", key=f"read_{lesson.slug}"):
        storage.mark_lesson_read(ctx.db, lesson.slug, today=ctx.today)
        st.rerun()
    related = [r for r in (lesson_by_slug(s) for s in lesson.related) if r]
    if related:
        st.markdown("**Read next**")
        for other in related:
            lesson_link(other)


def symptoms_table(entries):
    """Symptom entries as a readable table; notes stay plain text."""
    import pandas as pd

    def pains(row) -> str:
        found = [
            f"{models.PAIN_SITES[site].lower()} {int(row[f'pain_{site}_0_10'])}"
            for site in models.PAIN_SITES
            if row[f"pain_{site}_0_10"]
        ]
        return ", ".join(found)

    return pd.DataFrame(
        {
            "Date": entries["symptom_date"],
            "When": entries["timing"].map(models.SYMPTOM_TIMINGS),
            "Leakage": entries["leakage"].map(models.LEAKAGE_LEVELS),
            "Heaviness": entries["heaviness_0_10"],
            "Pain": [pains(row) for _, row in entries.iterrows()],
            "Bleeding": entries["bleeding"].map(models.BLEEDING_LEVELS),
            "Bowel": ["yes" if flag else "" for flag in entries["bowel_leakage"]],
            "Notes": entries["notes"],
        }
    )


def delete_symptom_control(ctx: Context, entries) -> None:
    """Delete one entry, after a confirmation; undo is offered afterwards."""
    choices = {
        int(row["id"]): f"{row['symptom_date']} · {models.SYMPTOM_TIMINGS[row['timing']]}"
        for _, row in entries.iterrows()
    }
    _confirmed_delete(ctx, "symptom", "entry", choices, storage.delete_symptom)


def _confirmed_delete(ctx: Context, kind: str, noun: str, choices: dict, delete) -> None:
    """Pick one of `choices`, tick to confirm, delete; the snapshot goes to the undo bar."""
    with st.expander(f"Delete {'an' if noun[0] in 'aeiou' else 'a'} {noun}"):
        record_id = st.selectbox(noun.capitalize(), list(choices), format_func=choices.get, key=f"delete_{kind}_id")
        confirm = st.checkbox(f"Yes, delete this {noun}", key=f"confirm_delete_{kind}_{record_id}")
        if st.button(f"Delete {noun}", disabled=not confirm, key=f"delete_{kind}_{record_id}"):
            st.session_state[f"undo_{kind}"] = delete(ctx.db, record_id)
            flash(f"{noun.capitalize()} deleted.", icon="🗑️")
            st.rerun()


# ---------------------------------------------------------------- guidance


def todays_plan(assessment, units: str) -> None:
    """Today's suggested session, or the foundation focus when she is not running yet."""
    with st.container(border=True):
        st.markdown("#### Today")
        if assessment.training_withheld:
            st.markdown("No training suggestion while a red flag is open. Rest, and follow the advice above.")
            return
        session = assessment.session
        if session is not None:
            if session.walk_interval_min:
                st.markdown(
                    f"**Walk-run, level {session.level_number}:** run {session.run_interval_min:g} min, "
                    f"walk {session.walk_interval_min:g} min, × {session.repeats} "
                    f"({session.total_min:g} minutes in all, {session.run_min:g} of them running)."
                )
            else:
                st.markdown(f"**Run {session.total_min:g} minutes continuously** (level {session.level_number}).")
            st.caption(session.reason)
            for note in session.notes:
                st.markdown(f"- {note}")
        for item in assessment.todays_focus:
            st.markdown(f"- {item}")
        for message in assessment.messages:
            st.caption(message)


def quick_actions() -> None:
    """The two things she does most, first on the home page and easy to hit one-handed."""
    cols = st.columns(2)
    if cols[0].button("👟 Log a run", type="primary", width="stretch", key="home_log_run"):
        st.switch_page("pages/log_run.py")
    if cols[1].button("📝 Log symptoms", width="stretch", key="home_log_symptoms"):
        st.switch_page("pages/symptoms.py")


def next_phase_checklist(assessment) -> None:
    """What unlocks the next phase, ticked as she gets there."""
    if assessment.next_phase is None or not assessment.checklist:
        return
    done = sum(item.done for item in assessment.checklist)
    st.markdown(f"#### To unlock *{assessment.next_phase.name}* ({done} of {len(assessment.checklist)})")
    st.progress(done / len(assessment.checklist))
    for item in assessment.checklist:
        st.markdown(f"{'✅' if item.done else '⬜'} {item.label}")


def modifiers_note(assessment) -> None:
    """Why her plan moves more gently, if it does."""
    if not assessment.modifiers:
        return
    count = len(assessment.modifiers)
    with st.expander(f"Why your plan moves gently ({count} reason{'s' if count != 1 else ''})"):
        for modifier in assessment.modifiers:
            st.markdown(f"**{modifier.label}.** {modifier.explanation}")
            st.caption(f"Source: {modifier.source}")


def start_example_mode() -> None:
    """Fill the separate example database (fresh each time) and switch to it."""
    from . import example

    main_path = storage.db_path()
    example_path = storage.example_db_path(main_path)
    storage.remove_database(example_path)
    example_db = storage.open_db(example_path)
    try:
        example.load_example(example_db, today=today())
    finally:
        example_db.close()
    set_example_mode(True)


def leave_example_mode() -> None:
    """Switch back to her own database and delete the example one."""
    set_example_mode(False)
    storage.remove_database(storage.example_db_path(storage.db_path()))


# ---------------------------------------------------------------- foundation


def foundation_summary(sessions) -> None:
    """Counts per activity over the period, then the sessions as a table."""
    counts = sessions["activity"].value_counts()
    cols = st.columns(len(models.FOUNDATION_ACTIVITIES))
    for col, (code, label) in zip(cols, models.FOUNDATION_ACTIVITIES.items(), strict=True):
        col.metric(label, int(counts.get(code, 0)))
    import pandas as pd

    st.dataframe(
        pd.DataFrame(
            {
                "Date": sessions["session_date"],
                "What": sessions["activity"].map(models.FOUNDATION_ACTIVITIES),
                "Minutes": sessions["duration_min"],
                "Notes": sessions["notes"],
            }
        ),
        hide_index=True,
        width="stretch",
        key="foundation_table",
    )


def delete_foundation_control(ctx: Context, sessions) -> None:
    choices = {
        int(r["id"]): f"{r['session_date']} · {models.FOUNDATION_ACTIVITIES[r['activity']]}"
        for _, r in sessions.iterrows()
    }
    _confirmed_delete(ctx, "foundation", "session", choices, storage.delete_foundation_session)


# ---------------------------------------------------------------- readiness

STATUS_WORDS = {"passed": "✅ passed", "failed": "❌ not yet", "not_done": "⬜ not done"}


def readiness_overview(status: dict) -> None:
    """Where each test stands, by its latest result."""
    load = [status.get(code, "not_done") for code in models.LOAD_IMPACT_TESTS]
    passed = load.count("passed")
    st.metric("Load and impact tests passed", f"{passed} of {len(load)}")
    import pandas as pd

    st.dataframe(
        pd.DataFrame(
            {
                "Test": [models.READINESS_TESTS[c] for c in models.READINESS_TESTS],
                "Latest": [
                    STATUS_WORDS.get(status.get(c, "not_done"), status.get(c, "")) for c in models.READINESS_TESTS
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="readiness_status_table",
    )


def lesson_by_slug(slug: str):
    from . import lessons

    try:
        return lessons.get_lesson(all_lessons(), slug)
    except KeyError:
        return None


def red_flag_history_table(flags):
    """Resolved red flags, labelled; her notes stay plain text."""
    import pandas as pd

    from . import symptoms

    return pd.DataFrame(
        {
            "Red flag": [symptoms.RED_FLAGS[c].label if c in symptoms.RED_FLAGS else c for c in flags["flag_code"]],
            "Raised": flags["flagged_date"],
            "Resolved": flags["resolved_date"],
            "Note": flags["resolved_note"],
        }
    )


def impact_calculator(ctx: Context) -> None:
    """The impact lesson's calculator: her own minutes, cadence and weight, or her last run."""
    from . import impact

    with st.container(border=True):
        st.markdown("#### Your numbers")
        last_runs = storage.list_runs(ctx.db).head(1)
        use_last = False
        if not last_runs.empty:
            last = last_runs.iloc[0].to_dict()
            use_last = st.toggle(
                f"Use my last run ({last['run_date']}, {last['duration_min']:g} min)", key="impact_use_last"
            )
        cols = st.columns(3)
        run_min = cols[0].number_input(
            "Running minutes", min_value=0.0, max_value=600.0, value=10.0, key="impact_run_min", disabled=use_last
        )
        cadence = cols[1].number_input(
            "Steps per minute when running", min_value=100, max_value=220, value=165, key="impact_cadence"
        )
        weight = cols[2].number_input(
            "Weight (kg, optional)",
            min_value=0.0,
            max_value=300.0,
            value=float(ctx.profile.weight_kg) if ctx.profile and ctx.profile.weight_kg else None,
            key="impact_weight",
        )
        try:
            if use_last:
                estimate = impact.impact_from_run(last, cadence_run_spm=cadence, weight_kg=weight or None)
            else:
                estimate = impact.estimate_impact(run_min=run_min, cadence_run_spm=cadence, weight_kg=weight or None)
        except ValueError as error:
            st.error(str(error))
            return
        cols = st.columns(3)
        cols[0].metric("Landings", f"{estimate.total_steps:,}")
        cols[1].metric("Per leg", f"{estimate.landings_per_leg:,}")
        if estimate.peak_force_run_n:
            cols[2].metric("Peak ground force per running step", f"{estimate.peak_force_run_n:,} N")
        else:
            cols[2].metric("Peak ground force per running step", f"{estimate.peak_force_run_bw:g} × body weight")
        st.markdown(
            f"Sum of peak ground forces over the session: **{estimate.cumulative_load_bw:,.0f} body "
            "weights**"
            + (f" (about {estimate.cumulative_load_tonnes:,.1f} tonnes)" if estimate.cumulative_load_tonnes else "")
            + "."
        )
        with st.expander("Assumptions"):
            for assumption in estimate.assumptions:
                st.markdown(f"- {assumption}")


def spikes_table(spikes):
    import pandas as pd

    return pd.DataFrame(
        {
            "Date": spikes["run_date"],
            "Minutes": spikes["duration_min"].round(1),
            "Longest in previous 30 days (min)": spikes["previous_longest_min"].round(1),
            "Times longer": spikes["ratio"].round(2),
        }
    )


def phase_periods(ctx: Context):
    """The calendar part of the phases, to shade on the weekly chart."""
    from . import phases

    return phases.phase_periods(ctx.profile, ctx.today)


# ---------------------------------------------------------------- data


def export_later(ctx: Context):
    """The export, made only when she clicks (it takes a few hundred ms for ten years).

    The click comes after this script run has closed ctx.db, so it opens its own.
    """
    path, day = ctx.db_path, ctx.today

    def make() -> bytes:
        db = storage.open_db(path)
        try:
            return storage.export_zip(db, today=day)
        finally:
            db.close()

    return make


def import_preview(ctx: Context, result) -> dict:
    """What an import would add and what it skips, and why; returns the rows to add."""
    import pandas as pd

    known = storage.existing_source_ids(ctx.db, result.source)
    new_rows = [r for r in result.rows if r["source_id"] not in known]
    duplicates = len(result.rows) - len(new_rows)
    cols = st.columns(3)
    cols[0].metric("New runs and walks", len(new_rows))
    cols[1].metric("Already imported", duplicates)
    cols[2].metric("Skipped", len(result.skipped))
    if new_rows:
        st.dataframe(
            runs_table(pd.DataFrame(new_rows), ctx.units), hide_index=True, width="stretch", key="import_preview_table"
        )
    if result.skipped:
        with st.expander(f"Skipped rows ({len(result.skipped)}) and why"):
            st.dataframe(
                pd.DataFrame(
                    {
                        "Row": [s.row for s in result.skipped],
                        "Reason": [s.reason for s in result.skipped],
                    }
                ),
                hide_index=True,
                width="stretch",
                key="import_skipped_table",
            )
    if not new_rows:
        st.info("Nothing new to import from this file.")
    return {"new_rows": new_rows, "duplicates": duplicates}


def restore_preview(ctx: Context, tables: dict) -> None:
    """Show what the backup holds; restore only after she picks merge or replace."""
    st.markdown(
        "This backup holds: "
        + ", ".join(plural(len(rows), *TABLE_WORDS[table]) for table, rows in tables.items() if rows)
        + "."
    )
    mode = st.radio(
        "How to restore",
        ["merge", "replace"],
        key="restore_mode",
        format_func={
            "merge": "Merge: add what is missing to my current data",
            "replace": "Replace: delete my current data and put the backup in its place",
        }.get,
    )
    confirm = mode == "merge" or st.checkbox("Yes, replace everything I have now", key="restore_confirm")
    if st.button("Restore", type="primary", disabled=not confirm, key="restore_button"):
        try:
            written = storage.restore_backup(ctx.db, tables, mode=mode)
        except storage.RestoreError as error:
            st.error(str(error), icon="📄")
        else:
            flash("Restored: " + ", ".join(plural(n, *TABLE_WORDS[t]) for t, n in written.items() if n) + ".")
            st.session_state.pop("restore_file", None)
            st.rerun()


def suggested_pattern(ctx: Context) -> dict:
    """The walk-run pattern to pre-fill: today's suggested level, or level 1 of the plan."""
    from . import plan

    session = assessment(ctx).session
    if session is not None and session.walk_interval_min:
        return {
            "run_interval_min": float(session.run_interval_min),
            "walk_interval_min": float(session.walk_interval_min),
            "interval_repeats": int(session.repeats),
            "why": f"Today's plan: level {session.level_number}.",
        }
    first = plan.LEVELS[0]
    return {
        "run_interval_min": float(first.run_interval_min),
        "walk_interval_min": float(first.walk_interval_min),
        "interval_repeats": int(first.repeats),
        "why": "The plan's first level.",
    }


# ---------------------------------------------------------------- cached reads
# Her whole history and the assessment are cached under the database's data version,
# which a trigger bumps on every write: a new entry gives a new key, so nothing here
# can go stale. Chart specs are cached under the data they draw (Streamlit hashes the
# DataFrame), for the same reason. Ten years of logs then cost a few milliseconds per
# rerun instead of hundreds.


@st.cache_data(max_entries=8, show_spinner=False)
def _history_at(db_path: str, version: int) -> models.History:
    db = storage.open_db(db_path)
    try:
        return storage.load_history(db)
    finally:
        db.close()


def history(ctx: Context) -> models.History:
    """Everything she has logged (cached for this version of her data)."""
    return _history_at(str(ctx.db_path), storage.data_version(ctx.db))


@st.cache_data(max_entries=8, show_spinner=False)
def _assessment_at(db_path: str, version: int, day: date, profile: models.Profile):
    from . import phases

    return phases.assess(profile, _history_at(db_path, version), day)


def assessment(ctx: Context):
    """phases.assess() for her profile, history and today (cached for this version)."""
    return _assessment_at(str(ctx.db_path), storage.data_version(ctx.db), ctx.today, ctx.profile)


@st.cache_resource(max_entries=64, show_spinner=False)
def _chart_spec(builder: str, frame, phase_periods, options: tuple) -> dict:
    """The chart's Vega-Lite spec with its datasets already in Arrow form.

    cache_resource hands back the same dict every time (no copy): Streamlit copies a spec
    before changing it. Converting the datasets here, once, spares Streamlit turning the
    same rows into Arrow on every rerun.
    """
    import pandas as pd
    from streamlit import dataframe_util

    from . import charts

    kwargs = dict(options)
    if phase_periods is not None:
        kwargs["phase_periods"] = phase_periods
    spec = getattr(charts, builder)(frame, **kwargs).to_dict()
    spec["datasets"] = {
        name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(rows))
        for name, rows in spec.get("datasets", {}).items()
    }
    return spec


def chart(builder: str, frame, *, key: str, phase_periods=None, **options) -> None:
    """Draw charts.<builder>(frame, **options), with its spec cached under its data."""
    spec = _chart_spec(builder, frame, phase_periods, tuple(sorted(options.items())))
    st.vega_lite_chart(spec, width="stretch", key=key)


@st.cache_data(max_entries=8, show_spinner=False)
def _trends_at(db_path: str, version: int, day: date, birth_date: date, since: date | None) -> dict:
    from . import patterns, volume

    history = _history_at(db_path, version)
    weekly = volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=birth_date,
        start=since,
        end=day,
        red_flags=history.red_flags,
        foundation=history.foundation,
    )
    outcomes = patterns.runs_with_outcomes(history.runs, history.symptoms)
    return {
        "weekly": weekly,
        "outcomes": outcomes,
        "sentences": patterns.pattern_sentences(outcomes) + patterns.symptom_rises(weekly),
        "spikes": volume.single_run_spikes(history.runs),
    }


@st.cache_data(max_entries=8, show_spinner=False)
def _recent_weeks_at(db_path: str, version: int, day: date, birth_date: date):
    from . import volume

    history = _history_at(db_path, version)
    return volume.weekly_summary(
        history.runs,
        history.symptoms,
        birth_date=birth_date,
        start=day - HOME_CHART_SPAN,
        end=day,
        red_flags=history.red_flags,
    )


def readiness_status(ctx: Context) -> dict:
    """phases.readiness_status(): each test's latest result (cached for this version)."""
    return _assessment_at(str(ctx.db_path), storage.data_version(ctx.db), ctx.today, ctx.profile).readiness


def recent_weeks(ctx: Context):
    """volume.weekly_summary() of the last 12 weeks, for the home page chart."""
    return _recent_weeks_at(str(ctx.db_path), storage.data_version(ctx.db), ctx.today, ctx.profile.birth_date)


def trends(ctx: Context, *, since: date | None = None) -> dict:
    """What the Trends page shows, computed once per version of her data: the weekly summary
    from `since` (all when None), runs with their outcomes and the single-run spikes (all of
    her log: patterns need every run), and the summary sentences."""
    return _trends_at(str(ctx.db_path), storage.data_version(ctx.db), ctx.today, ctx.profile.birth_date, since)


def planned_run_warnings(ctx: Context, kind: str, duration_min: float | None, run_date: date) -> list[str]:
    """Heads-ups for a run of today (a single-run jump past 110%, a week rising past ~10%,
    buggy too early); she can still save what she did."""
    if not duration_min or kind not in models.RUNNING_KINDS or run_date != ctx.today:
        return []
    return _planned_run_warnings_at(
        str(ctx.db_path), storage.data_version(ctx.db), ctx.today, float(duration_min), kind, ctx.profile
    )


@st.cache_data(max_entries=32, show_spinner=False)
def _planned_run_warnings_at(
    db_path: str, version: int, day: date, duration_min: float, kind: str, profile: models.Profile
) -> list[str]:
    from . import plan

    return plan.check_planned_run(duration_min, _history_at(db_path, version), day, kind=kind, profile=profile)
