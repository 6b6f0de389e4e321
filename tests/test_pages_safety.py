"""AppTests for issue 13 items 1, 8 and 10 on the screen side: text from a file, the database
or her typing is shown escaped, never as Markdown; session state that names records belongs
to the database it came from."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from return_to_run import services, storage

from .helpers import IMAGE_MARKUP, IMAGE_MARKUP_ESCAPED, PROFILE, TODAY, app_test, markdown_shown, no_errors

# ---------------------------------------------------------------- item 1: shown as text

# As shown by text.escape_markdown: escaped, and a word joiner before the scheme's ':' so that
# Streamlit's Markdown does not make the bare address a link.
IMAGE_MARKUP_SHOWN = IMAGE_MARKUP_ESCAPED


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (IMAGE_MARKUP, "\\!\\[t\\]\\(http\u2060\\://203\\.0\\.113\\.5/p\\.png\\)"),
        ("see www.example.com", "see www\u2060\\.example\\.com"),
        ("mail me@example.com", "mail me\u2060@example\\.com"),
        ("HTTPS://x", "HTTPS\u2060\\://x"),
        ("a plain note, 5:30 pace", "a plain note, 5\u2060\\:30 pace"),
    ],
)
def test_text_from_a_file_is_escaped_and_never_becomes_a_bare_link(text, shown):
    from return_to_run.ui.text import escape_markdown

    assert escape_markdown(text) == shown
    unescaped = re.sub(r"\\(.)", r"\1", shown)  # what Markdown shows
    assert unescaped.replace("\u2060", "") == text  # the same characters
    assert not re.search(r"(?i)https?://|www\.|\w@", unescaped)  # nothing a bare link starts with


def _show_a_refusal_naming(field: str) -> None:
    from return_to_run.ui import widgets
    from return_to_run.validation import Problem, ValidationError

    widgets.show_problems(ValidationError([Problem(field, f"is not a column of runs ({field})")]))


def test_a_refusal_shows_field_names_and_messages_escaped():
    at = AppTest.from_function(_show_a_refusal_naming, args=(IMAGE_MARKUP,), default_timeout=30).run()
    [error] = at.error
    assert error.value == (
        "Nothing was saved. Please fix:\n\n"
        f"- **{IMAGE_MARKUP_SHOWN}**: is not a column of runs \\({IMAGE_MARKUP_SHOWN}\\)"
    )
    assert "![" not in error.value


def _stored_red_flag(db, code: str) -> None:
    # A code no form can make: what a restored backup or another version could leave behind.
    db["red_flags"].insert(
        {"flag_code": code, "flagged_date": "2026-11-20", "resolved_note": "", "created_at": "2026-11-20T08:00:00"}
    )


def test_an_unknown_red_flag_code_is_shown_as_text_on_home(db_with_profile):
    _stored_red_flag(db_with_profile, IMAGE_MARKUP)
    at = app_test("app.py").run()
    assert not at.exception
    shown = markdown_shown(at)
    assert "![" not in shown
    assert IMAGE_MARKUP_ESCAPED.capitalize() in shown or IMAGE_MARKUP_ESCAPED in shown
    # It still pauses training, as any open red flag does.
    assert "### Paused: a red flag is open" in shown


def test_an_unknown_red_flag_code_is_shown_as_text_on_red_flags(db_with_profile):
    _stored_red_flag(db_with_profile, IMAGE_MARKUP)
    at = app_test("pages/red_flags.py").run()
    no_errors(at)
    assert at.main.subheader[0].value == "Open red flags (1)"
    assert f"**{IMAGE_MARKUP_SHOWN}** · raised 2026\\-11\\-20" in [m.value for m in at.main.markdown]
    assert "![" not in markdown_shown(at)


def _backup_json(**run_extra) -> bytes:
    run = {
        "id": 1,
        "run_date": "2026-11-20",
        "duration_min": 30.0,
        "kind": "continuous",
        "notes": IMAGE_MARKUP,
        "source": "manual",
        "created_at": "2026-11-20T08:00:00",
        **run_extra,
    }
    payload = {"format": "return-to-run-backup", "tables": {"runs": [run]}}
    return json.dumps(payload).encode()


def test_a_restore_refusal_naming_a_column_from_the_file_is_escaped(db_with_profile):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="restore_file").set_value(("backup.json", _backup_json(**{IMAGE_MARKUP: 1}), "text/json"))
    at.run()
    at.button(key="restore_button").click().run()
    assert not at.exception
    assert [e.icon for e in at.main.error] == ["📄"]  # refused, with the column named
    assert IMAGE_MARKUP_SHOWN in at.main.error[0].value
    assert "![" not in markdown_shown(at)
    assert storage.list_runs(db_with_profile).empty


def test_an_import_file_name_is_shown_as_a_code_span(db_with_profile):
    at = app_test("pages/data.py").run()
    at.file_uploader(key="import_file").set_value((f"{IMAGE_MARKUP}.gpx", b"<gpx>not really</gpx>", "text/xml"))
    at.run()
    assert not at.exception
    assert "![" not in markdown_shown(at).replace(f"`{IMAGE_MARKUP}.gpx`", "")


def test_her_run_notes_stay_plain_text_in_her_log(db_with_profile):
    services.add_run(
        db_with_profile,
        {"run_date": date(2026, 11, 20), "duration_min": 30, "kind": "continuous", "notes": IMAGE_MARKUP},
        today=TODAY,
    )
    at = app_test("pages/log_run.py").run()
    no_errors(at)
    [table] = [d.value for d in at.main.dataframe if "Notes" in d.value.columns]
    assert table["Notes"].tolist() == [IMAGE_MARKUP]  # a table cell, never Markdown
    assert "![" not in markdown_shown(at)


# ---------------------------------------------------------------- items 8 and 10: one database


def _enter_example_mode(at: AppTest) -> AppTest:
    at.switch_page("pages/data.py").run()
    at.button(key="load_example_data").click().run()
    no_errors(at)
    return at


def test_undo_of_an_example_run_is_gone_after_leaving_example_mode(db_file):
    main = storage.open_db(db_file)
    services.save_profile(main, PROFILE, today=TODAY)
    main.close()
    at = _enter_example_mode(app_test("app.py"))
    at.switch_page("pages/log_run.py").run()
    no_errors(at)
    run_id = at.selectbox(key="edit_run_id").value
    at.checkbox(key=f"confirm_delete_run_{run_id}").check().run()
    at.button(key=f"delete_run_{run_id}").click().run()
    no_errors(at)
    assert at.button(key="undo_run_button").label == "↩️ Undo delete of that run"

    at.button(key="leave_example_banner").click().run()
    no_errors(at)
    at.switch_page("pages/log_run.py").run()
    no_errors(at)
    assert not [b for b in at.button if b.key == "undo_run_button"]
    main = storage.open_db(db_file)
    try:
        assert storage.list_runs(main).empty  # her log did not gain the example run
    finally:
        main.close()


def test_the_check_in_of_an_example_run_is_not_offered_in_her_own_log(db_file):
    main = storage.open_db(db_file)
    services.save_profile(main, PROFILE, today=TODAY)
    services.add_run(main, {"run_date": TODAY, "duration_min": 20, "kind": "continuous"}, today=TODAY)
    main.close()
    at = _enter_example_mode(app_test("app.py"))
    at.switch_page("pages/log_run.py").run()
    at.number_input(key="run_duration").set_value(25.0)
    at.button(key="save_run").click().run()
    no_errors(at)
    assert at.button(key="checkin_none").label == "✅ No symptoms"

    at.button(key="leave_example_banner").click().run()
    at.switch_page("pages/log_run.py").run()
    no_errors(at)
    assert not [b for b in at.button if b.key == "checkin_none"]


PDF_LABEL = "⬇️ Download the summary (PDF)"


def pdf_buttons(at: AppTest) -> list:
    return [b for b in at.get("download_button") if b.proto.label == PDF_LABEL]


def test_the_pdf_made_from_one_database_is_not_offered_from_another(db_file):
    main = storage.open_db(db_file)
    services.save_profile(main, PROFILE, today=TODAY)
    main.close()
    at = _enter_example_mode(app_test("app.py"))
    assert pdf_buttons(at) == []
    at.button(key="make_report").click().run()
    no_errors(at)
    assert len(pdf_buttons(at)) == 1

    at.button(key="leave_example").click().run()
    no_errors(at)
    assert pdf_buttons(at) == []


# ---------------------------------------------------------------- item 9: a stale window

STALE_RUN = (
    "This run was changed or deleted in another window, so nothing was saved. Your typing is still "
    "in the form: reload the page to see the record as it is now."
)


def _two_runs(db) -> tuple[int, int]:
    older = services.add_run(
        db, {"run_date": date(2026, 11, 18), "duration_min": 20, "kind": "continuous"}, today=TODAY
    )
    newer = services.add_run(
        db, {"run_date": date(2026, 11, 20), "duration_min": 30, "kind": "continuous"}, today=TODAY
    )
    return older, newer


def _save_changes(at: AppTest) -> AppTest:
    [save] = [b for b in at.main.button if b.label == "Save changes"]
    return save.click().run()


def test_an_edit_of_a_run_deleted_in_another_window_is_refused_and_her_text_kept(db_with_profile):
    db = db_with_profile
    older, newer = _two_runs(db)
    at = app_test("pages/log_run.py").run()
    assert at.selectbox(key="edit_run_id").value == newer
    at.text_area(key=f"edit_notes_{newer}").input("legs felt heavy at the end")
    services.delete_run(db, newer)  # the other window
    _save_changes(at)
    assert not at.exception
    assert [e.value for e in at.main.error] == [STALE_RUN]
    assert at.text_area(key=f"edit_notes_{newer}").value == "legs felt heavy at the end"
    assert storage.list_runs(db)["id"].tolist() == [older]  # nothing came back, nothing else changed


def test_an_edit_of_her_only_run_deleted_in_another_window_is_refused_not_lost(db_with_profile):
    """Her only run deleted elsewhere: the list is empty now, but the form she was typing in is
    still answered (once lost without a word because the empty list skipped the edit form)."""
    db = db_with_profile
    only = services.add_run(db, {"run_date": date(2026, 11, 20), "duration_min": 30, "kind": "continuous"}, today=TODAY)
    at = app_test("pages/log_run.py").run()
    at.text_area(key=f"edit_notes_{only}").input("legs felt heavy at the end")
    services.delete_run(db, only)  # the other window
    _save_changes(at)
    assert not at.exception
    assert [e.value for e in at.main.error] == [STALE_RUN]
    assert at.text_area(key=f"edit_notes_{only}").value == "legs felt heavy at the end"
    assert "No runs in these dates yet." in [i.value for i in at.main.info]
    assert storage.list_runs(db).empty
    fresh = app_test("pages/log_run.py").run()  # a window that never showed it: no edit form
    assert not [e for e in fresh.main.expander if e.label == "Change or delete a run"]


def test_an_edit_of_a_run_changed_in_another_window_is_refused(db_with_profile):
    db = db_with_profile
    _, newer = _two_runs(db)
    at = app_test("pages/log_run.py").run()
    at.text_area(key=f"edit_notes_{newer}").input("mine")
    services.update_run(  # the other window: 35 minutes
        db, newer, {"run_date": date(2026, 11, 20), "duration_min": 35, "kind": "continuous"}, today=TODAY
    )
    _save_changes(at)
    assert [e.value for e in at.main.error] == [STALE_RUN]
    assert at.text_area(key=f"edit_notes_{newer}").value == "mine"
    assert storage.get_run(db, newer)["duration_min"] == 35.0 and storage.get_run(db, newer)["notes"] == ""
    # Unchanged elsewhere, her edit goes through.
    at2 = app_test("pages/log_run.py").run()
    at2.text_area(key=f"edit_notes_{newer}").input("mine")
    _save_changes(at2)
    no_errors(at2)
    assert storage.get_run(db, newer)["notes"] == "mine"


def test_a_delete_of_a_run_changed_in_another_window_is_refused(db_with_profile):
    db = db_with_profile
    _, newer = _two_runs(db)
    at = app_test("pages/log_run.py").run()
    at.checkbox(key=f"confirm_delete_run_{newer}").check().run()
    services.update_run(
        db, newer, {"run_date": date(2026, 11, 20), "duration_min": 35, "kind": "continuous"}, today=TODAY
    )
    at.button(key=f"delete_run_{newer}").click().run()
    assert [e.value for e in at.main.error] == [STALE_RUN]
    assert storage.run_exists(db, newer)


def test_a_delete_of_a_symptom_entry_deleted_in_another_window_says_so(db_with_profile):
    db = db_with_profile
    first, _ = services.add_symptom(db, {"symptom_date": date(2026, 11, 20), "leakage": "drops"}, today=TODAY)
    second, _ = services.add_symptom(db, {"symptom_date": date(2026, 11, 22), "leakage": "none"}, today=TODAY)
    at = app_test("pages/symptoms.py").run()
    assert at.selectbox(key="delete_symptom_id").value == second
    at.checkbox(key=f"confirm_delete_symptom_{second}").check().run()
    services.delete_symptom(db, second)  # the other window
    at.button(key=f"delete_symptom_{second}").click().run()
    assert not at.exception
    assert [e.value for e in at.main.error] == [
        "This symptom entry was changed or deleted in another window, so nothing was saved. Your typing is "
        "still in the form: reload the page to see the record as it is now."
    ]
    assert storage.list_symptoms(db)["id"].tolist() == [first]
    assert not [b for b in at.main.button if b.key == "undo_symptom_button"]


def test_resolving_a_red_flag_resolved_in_another_window_says_so_and_keeps_her_note(db_with_profile):
    db = db_with_profile
    [flag_id] = services.add_red_flags(db, ["fever"], flagged_date=date(2026, 11, 21), today=TODAY)
    at = app_test("pages/red_flags.py").run()
    at.text_input(key=f"resolve_note_{flag_id}").input("GP says a cold")
    services.resolve_red_flag(db, flag_id, resolved_date=date(2026, 11, 23), note="other window", today=TODAY)
    at.button(key=f"resolve_{flag_id}").click().run()
    assert not at.exception
    assert [e.value for e in at.main.error] == [
        "This red flag was changed or deleted in another window, so nothing was saved. Your typing is "
        "still in the form: reload the page to see the record as it is now."
    ]
    assert at.text_input(key=f"resolve_note_{flag_id}").value == "GP says a cold"
    assert storage.list_red_flags(db)["resolved_note"].tolist() == ["other window"]
    at.run()  # the next run shows the flag as it is now: resolved
    assert at.main.subheader[0].value == "Open red flags (0)"


def test_an_undo_that_cannot_be_applied_says_why_and_is_dropped(db_with_profile):
    db = db_with_profile
    row = {"run_date": "2026-11-20", "duration_min": 30, "kind": "continuous", "source": "strava", "source_id": "7"}
    services.import_runs(db, [row], today=TODAY)
    at = app_test("pages/log_run.py").run()
    run_id = at.selectbox(key="edit_run_id").value
    at.checkbox(key=f"confirm_delete_run_{run_id}").check().run()
    at.button(key=f"delete_run_{run_id}").click().run()
    services.import_runs(db, [row], today=TODAY)  # imported again meanwhile
    at.button(key="undo_run_button").click().run()
    assert not at.exception
    assert [e.value for e in at.main.error] == [
        "That run was imported again after it was deleted, so it is already in your log."
    ]
    assert len(storage.list_runs(db)) == 1
    at.run()
    assert not [b for b in at.main.button if b.key == "undo_run_button"]
