"""Your data: import from Strava, Garmin or activity files; export, back up and restore;
the clinician summary; the example data switch; using the app from her phone."""

from datetime import timedelta

import streamlit as st

from return_to_run.ui import data, imports, shell, state, text, widgets

with shell.page("Your data", "💾") as ctx:
    st.title("💾 Your data")
    st.write(f"Everything lives in one file on this computer: {text.code_span(ctx.db_path)}. Nothing is uploaded.")
    shell.show_flash()
    import_tab, report_tab, backup_tab, example_tab, phone_tab = st.tabs(
        ["Import runs", "Clinician summary", "Export and restore", "Example data", "Use from your phone"]
    )

    # ---- import (never into the example data; see ui/data.py)
    with import_tab:
        st.markdown(
            "Bring in runs your watch already recorded: Strava's `activities.csv` or whole "
            "export zip, Garmin Connect's activities CSV, or single GPX, TCX or FIT files."
        )
        imports.import_section(ctx)

    # ---- clinician summary
    with report_tab:
        if ctx.profile is None:
            st.info("Set up your profile first: the summary starts from your birth date.")
        else:
            st.markdown(
                "A PDF to take to your physiotherapist, doctor or midwife: your profile, phase, "
                "readiness tests, weekly running against symptoms, and red flags. Made here, "
                "on your computer."
            )
            cols = st.columns(2)
            start = widgets.date_field(
                "From",
                value=max(ctx.profile.birth_date, ctx.today - timedelta(weeks=26)),
                max_value=ctx.today,
                key="report_from",
                container=cols[0],
            )
            end = widgets.date_field("To", value=ctx.today, max_value=ctx.today, key="report_to", container=cols[1])
            if start > end:
                st.error("**From** must be on or before **To**.")
            elif st.button("Make the PDF", key="make_report"):
                # fpdf2 and the chart renderer load only when she asks for a PDF.
                from return_to_run import report

                with st.spinner("Making your summary ..."):
                    state.remember(ctx, "report_pdf", report.report_for(ctx.db, today=ctx.today, start=start, end=end))
            pdf = state.recall(ctx, "report_pdf")
            if pdf is not None:
                st.download_button(
                    "⬇️ Download the summary (PDF)",
                    pdf,
                    file_name=f"return-to-run-summary-{ctx.today.isoformat()}.pdf",
                    mime="application/pdf",
                    key="download_report",
                )

    # ---- export, backup, restore
    with backup_tab:
        st.markdown(
            "**Export everything**: a zip with a CSV per log, a JSON copy and a SQLite copy of "
            "the database. Keep it somewhere safe, or use it to move to another computer."
        )
        st.download_button(
            "⬇️ Download everything (zip)",
            data.export_later(ctx),
            file_name=f"return-to-run-{ctx.today.isoformat()}.zip",
            mime="application/zip",
            key="download_export",
        )
        st.divider()
        data.restore_section(ctx)

    # ---- example data
    with example_tab:
        if ctx.example_mode:
            st.markdown(
                "You are exploring the example data. Leaving deletes the example file; your own log is untouched."
            )
            if st.button("Leave and remove example data", key="leave_example", type="primary"):
                shell.leave_example_mode()
                st.rerun()
        else:
            st.markdown(
                "See the app with six months of a made-up mother's logs. It goes into a separate "
                "file, never mixed with yours, and one click removes it."
            )
            if st.button("🧪 Explore with example data", key="load_example_data"):
                shell.start_example_mode()
                st.rerun()

    # ---- phone mode (issue 15): what it is, how to start it, a new link
    with phone_tab:
        data.phone_section(ctx)
