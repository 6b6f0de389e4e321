"""The page shell: page set-up, the menu, flash messages and the example data switch.

Layout (A) from design.md: classic `pages/` without st.navigation, every page opening with
`with shell.page(...) as ctx:` so a deep link to a freshly started server still gets the page
config, the database and the menu.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
from sqlite_utils import Database

from .. import models, services, storage
from . import access, nav, state
from .site import MENU, today

DEBUG_ENV_VAR = "RETURN_TO_RUN_DEBUG"  # lets an unexpected error through, for a developer
EXAMPLE_MODE_KEY = "example_mode"

DISCLAIMER = (
    "Return to Run is for education and self-tracking. It does not examine you and cannot "
    "diagnose anything. If something worries you, see a doctor, midwife or pelvic health "
    "physiotherapist."
)
UNEXPECTED_ERROR = (
    "Something went wrong on this page, and nothing was saved from the step that "
    "failed. Your earlier entries are safe. Reload the page to try again; if it keeps "
    "happening, export your data from 'Your data' and report the problem."
)


@dataclass
class Context:
    """What every page needs: the open database, her profile, today's date, her units."""

    db: Database
    profile: models.Profile | None
    today: date
    example_mode: bool
    db_path: Path
    # storage.database_id: random per database file, so the example data, her own log and a
    # deleted and recreated file are three databases for session state and cache keys.
    database_id: str

    @property
    def units(self) -> str:
        return self.profile.units if self.profile else "km"

    @property
    def weeks_since_birth(self) -> int | None:
        return models.weeks_since(self.profile.birth_date, self.today) if self.profile else None


def _open_for_session() -> tuple[Database, bool, Path]:
    """(database, example mode on, its path): the example database while the switch in her
    own database says so."""
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
    # Checks that decide whether this browser may see the app at all belong here: before the
    # menu is drawn and before her database is opened.
    access.gate()
    nav.style()
    _menu()
    nav.quick_nav()
    try:
        db, example_mode, path = _open_for_session()
    except storage.StorageError as error:
        # The app's own sentence about her database file (its path, the system's reason):
        # nothing in it comes from a file's content or her typing.
        st.error(str(error), icon="🗄️")
        st.stop()
    context = Context(
        db=db,
        profile=storage.get_profile(db),
        today=today(),
        example_mode=example_mode,
        db_path=path,
        database_id=storage.database_id(db),
    )
    state.follow_database(context.database_id)
    if example_mode:
        _example_banner()
    try:
        yield context
    except storage.StorageError as error:
        st.error(str(error), icon="🗄️")  # as above: the app's own sentence
    except Exception:  # the last line of defence: never a traceback on screen
        st.error(UNEXPECTED_ERROR, icon="😔")
        if os.environ.get(DEBUG_ENV_VAR):
            raise
    finally:
        db.close()
    st.caption(DISCLAIMER)


def _menu() -> None:
    with st.sidebar:
        st.markdown("### 🏃‍♀️ Return to Run")
        for path, label, icon in MENU:
            st.page_link(path, label=label, icon=icon)
        nav.fold_menu_after_a_pick()


def _example_banner() -> None:
    from .. import example  # see start_example_mode

    st.info(
        f"You are exploring **example data**: {example.example_summary()} Nothing you do here touches your own log.",
        icon="🧪",
    )
    if st.button("Leave example data", key="leave_example_banner"):
        leave_example_mode()
        st.rerun()


def require_profile(ctx: Context) -> None:
    """Stop the page with a pointer to the profile when none is saved yet."""
    if ctx.profile is None:
        st.info("First, tell the app about your birth: it needs the date to know where you are.", icon="👤")
        st.page_link("pages/profile.py", label="Set up your profile", icon="👤")
        st.stop()


# ---------------------------------------------------------------- flash messages


def flash(message: str, icon: str = "✅") -> None:
    """A message that survives the rerun after a save. `message` is Markdown: escape any of
    her text in it (text.escape_markdown)."""
    st.session_state["flash"] = (message, icon)


def show_flash() -> None:
    """The message flashed before the last rerun, once."""
    if "flash" in st.session_state:
        message, icon = st.session_state.pop("flash")
        st.success(message, icon=icon)


# ---------------------------------------------------------------- example data


def set_example_mode(on: bool) -> None:
    """Switch between her database and the example one (the switch lives in her database)."""
    main = storage.open_db(storage.db_path())
    try:
        services.set_setting(main, EXAMPLE_MODE_KEY, "on" if on else None)
    finally:
        main.close()
    state.forget_records()


def start_example_mode() -> None:
    """Fill the separate example database (fresh each time) and switch to it."""
    # Imported here: the example data brings the whole engine (guidance, levels, phases,
    # lessons), which a new user's first screen does not need (cold start).
    from .. import example

    example_path = storage.example_db_path(storage.db_path())
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
