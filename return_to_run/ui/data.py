"""The Your data page's widgets: the export made on click, the restore preview, and phone
mode's explanation and new link (the import is ui/imports.py). Shared by both: the page's
session state and the refusal while she explores the example data.

Import and restore always write into her own database: while she explores the example data
they are refused with a message (and re-checked at the click, in case another window switched
meanwhile), so a backup can never land in the example file that "Leave example data" deletes.

Every message that carries text from a file (file names, column names, values, codes, titles,
notes) shows it escaped with bare links defused (text.escape_markdown), or as a code span: never as
Markdown or a link.
"""

from __future__ import annotations

import io
import ipaddress
import os
from collections.abc import Callable

import streamlit as st

from .. import phone_access, services, storage
from . import access, state
from .shell import Context, flash
from .text import code_span, escape_markdown, table_counts

# Session state of this page, tagged with the database it came from (ui/state.py): a switch
# to or from the example data makes it unreadable, and a restore drops it.
LAST_IMPORT = "last_import"  # {"batch", "added", "filename", "symptoms_made"}: for "Undo this import"
IMPORT_UNIT = "import_unit"  # (the upload's id, "km" or "mi"): the unit she picked for that file
PAGE_KEYS = (LAST_IMPORT, IMPORT_UNIT)

EXAMPLE_REFUSAL = (
    "You are exploring the example data. {what} always goes into your own log, never into the "
    "example file: leave the example data first (the button at the top of the page), then come "
    "back here."
)
UNIT_WORDS = {"km": "kilometres", "mi": "miles"}


def forget_page_state() -> None:
    """Drop this page's previews and choices (after a restore: they named the old records)."""
    for key in PAGE_KEYS:
        state.forget(key)


def refused_in_example_mode(ctx: Context, what: str) -> bool:
    """True (and says why) while the example data is open: `what` ("Importing", "Restoring")
    would write into the example file."""
    if ctx.example_mode:
        st.info(EXAMPLE_REFUSAL.format(what=what), icon="🧪")
    return ctx.example_mode


# ---------------------------------------------------------------- export


def export_later(ctx: Context) -> Callable[[], bytes]:
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


# ---------------------------------------------------------------- restore

RESTORE_MODES = {
    "merge": "Merge: add what is missing to my current data",
    "replace": "Replace: delete my current data and put the backup in its place",
}


def restore_section(ctx: Context) -> None:
    """Pick a backup, see what it holds, restore it (never into the example data)."""
    st.markdown("**Restore from an export**")
    if refused_in_example_mode(ctx, "Restoring"):
        return
    backup = st.file_uploader("Export zip", type=["zip", "json"], key="restore_file")
    if backup is None:
        return
    try:
        tables_in_backup = storage.read_backup(backup.getvalue())
    except storage.RestoreError as error:
        st.error(escape_markdown(error), icon="📄")
    else:
        restore_preview(ctx, tables_in_backup, getattr(backup, "file_id", None) or f"{backup.name}:{backup.size}")


def restore_preview(ctx: Context, tables_in_backup: dict, upload_id: str = "") -> None:
    """Show what the backup holds; restore only after she picks merge or replace."""
    st.markdown("This backup holds: " + table_counts({t: len(rows) for t, rows in tables_in_backup.items()}) + ".")
    mode = st.radio("How to restore", list(RESTORE_MODES), key="restore_mode", format_func=RESTORE_MODES.get)
    # Keyed by the file: "replace everything" is never ticked in advance for the next backup.
    confirm = mode == "merge" or st.checkbox("Yes, replace everything I have now", key=f"restore_confirm_{upload_id}")
    if st.button("Restore", type="primary", disabled=not confirm, key="restore_button"):
        if ctx.example_mode:  # another window may have switched since this page was drawn
            st.error(EXAMPLE_REFUSAL.format(what="Restoring"), icon="🧪")
            return
        try:
            written = services.restore_backup(ctx.db, tables_in_backup, mode=mode, today=ctx.today)
        except storage.RestoreError as error:
            st.error(escape_markdown(error), icon="📄")
        else:
            # Undo snapshots, the check-in, the PDF and this page's previews named records the
            # restore replaced.
            state.forget_records()
            forget_page_state()
            flash("Restored: " + table_counts(written) + ".")
            st.rerun()


# ---------------------------------------------------------------- phone mode

PHONE_EXPLAINED = (
    "You can open Return to Run on your phone, on your home Wi-Fi, for example to check in "
    "right after a run. It is **off** unless you start it: then this computer serves the app on "
    "your Wi-Fi, and a phone gets in only with a link that carries a long secret key (shown as a "
    "QR code to scan). **Anyone on the same Wi-Fi who has the link can see your data**, so keep "
    "it to yourself. Nothing goes through the internet or any account.\n\n"
    "To start it, stop the app (Ctrl+C in its window) and start it again with "
    "`python3 tasks.py start --phone`; to stop it, press Ctrl+C and start the app as usual."
)
PHONE_LINK = "phone_link"  # (link, QR PNG bytes): the link made in this session, shown until she leaves


def phone_section(ctx: Context) -> None:
    """How to use the app from her phone; in phone mode, a button that makes a new link and
    locks out every phone that had the old one."""
    st.subheader("📱 Use from your phone")
    st.markdown(PHONE_EXPLAINED)
    key_file = phone_access.key_file_from_env(os.environ)
    if key_file is None:
        st.info("Phone mode is off: only this computer can open the app.", icon="🔒")
        return
    st.success("Phone mode is on: phones on your Wi-Fi with the link can open the app.", icon="📱")
    st.markdown(
        "Lost the link, or gave it to someone who should not have it? Make a new one: every phone "
        "with the old link is locked out and needs the new one."
    )
    if st.button("Make a new phone link", key="new_phone_link"):
        key = phone_access.new_key(key_file)
        record = phone_access.load_record(key_file)
        if record is not None:  # this window stays in; every other one needs the new link
            st.session_state[access.SESSION_KEY] = record.key_id
        link = phone_link(key)
        _save_qr_beside(link, key_file)
        st.session_state[PHONE_LINK] = (link, qr_png(link))
    made = st.session_state.get(PHONE_LINK)
    if made is not None:
        link, png = made
        st.image(png, caption="Scan with your phone's camera", width=240)
        st.markdown(f"Or open this link on the phone: {code_span(link)}")


def phone_link(key: str) -> str:
    """The phone's link for `key`, at the address and port this server listens on."""
    address = st.get_option("server.address") or ""
    try:
        ipaddress.ip_address(address)
    except ValueError:  # "localhost" (the config's default): the launcher gives phone mode an IP
        address = "127.0.0.1"
    port = int(st.get_option("server.port") or 8501)
    https = bool(st.get_option("server.sslCertFile"))
    return phone_access.phone_link(address, port, key, https=https)


def qr_png(link: str) -> bytes:
    """The link's QR code as PNG bytes, made here by segno (no network)."""
    import segno

    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=6, border=4)
    return out.getvalue()


def _save_qr_beside(link: str, key_file) -> None:
    """Replace the saved QR image the terminal points to (0600: it holds the key)."""
    from .. import serve

    serve.save_qr(link, key_file.with_name(phone_access.QR_FILE_NAME))
