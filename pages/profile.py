"""Profile: the birth she is recovering from and her running background."""

import streamlit as st

from return_to_run import helplines, models, services
from return_to_run.ui import shell, widgets
from return_to_run.validation import ValidationError

LEAKED_LABEL = "I leaked urine when coughing, sneezing, jumping or running, before or during pregnancy"

with shell.page("Profile", "👤") as ctx:
    st.title("👤 Your profile")
    st.write(
        "The date of the birth you are recovering from tells the app where you are; the rest "
        "shapes how gently it suggests you progress. Everything stays on this computer."
    )
    shell.show_flash()
    current = ctx.profile
    countries = dict(helplines.country_choices(helplines.load_helplines()))

    def _index(options, code) -> int | None:
        """Her saved answer's position; None (nothing chosen) before the first save, so a
        rushed save can never store an answer she did not give."""
        return list(options).index(code) if current is not None and code in options else None

    with st.form("profile_form"):
        birth_date = widgets.date_field(
            "Date of birth of your baby",
            value=current.birth_date if current else None,
            key="profile_birth_date",
        )
        birth_type = st.selectbox(
            "How was your baby born?",
            list(models.BIRTH_TYPES),
            index=_index(models.BIRTH_TYPES, current.birth_type if current else None),
            format_func=models.BIRTH_TYPES.get,
            key="profile_birth_type",
            placeholder="Choose one",
        )
        perineal_tear = st.selectbox(
            "Perineal tear",
            list(models.PERINEAL_TEARS),
            index=list(models.PERINEAL_TEARS).index(current.perineal_tear if current else "unknown"),
            format_func=models.PERINEAL_TEARS.get,
            key="profile_tear",
        )
        feeding = st.radio(
            "Feeding",
            list(models.FEEDING),
            horizontal=True,
            index=_index(models.FEEDING, current.feeding if current else None),
            format_func=models.FEEDING.get,
            key="profile_feeding",
        )
        leaked = st.checkbox(
            LEAKED_LABEL, value=current.leaked_before_or_during_pregnancy if current else False, key="profile_leaked"
        )
        background = st.radio(
            "Running before pregnancy",
            list(models.RUNNING_BACKGROUNDS),
            index=_index(models.RUNNING_BACKGROUNDS, current.running_background if current else None),
            format_func=models.RUNNING_BACKGROUNDS.get,
            horizontal=True,
            key="profile_background",
        )
        injury = st.checkbox(
            "I have had a running injury before",
            value=current.previous_running_injury if current else False,
            key="profile_injury",
        )
        tired = st.checkbox(
            "I usually sleep under 7 hours or feel very tired",
            value=current.short_sleep_or_high_fatigue if current else False,
            key="profile_tired",
            help="Short sleep and fatigue are linked to more pain in postnatal runners "
            "(Christopher 2021), so the plan moves more slowly.",
        )
        saved_country = getattr(current, "country", None)
        country = st.selectbox(
            "Where do you live? (optional, for the helplines the app shows)",
            list(countries),
            index=list(countries).index(saved_country) if saved_country in countries else None,
            format_func=countries.get,
            key="profile_country",
            placeholder="Choose a country",
        )
        units = st.radio(
            "Distances in",
            list(models.UNITS),
            index=list(models.UNITS).index(current.units if current else "km"),
            format_func=models.UNITS.get,
            horizontal=True,
            key="profile_units",
        )
        weight = st.number_input(
            "Weight in kg (optional, only for the impact calculator)",
            min_value=0.0,
            max_value=300.0,
            step=0.5,
            value=float(current.weight_kg) if current and current.weight_kg else None,
            key="profile_weight",
        )
        submitted = st.form_submit_button("Save profile", type="primary", width="stretch")

    if submitted:
        raw = {
            "birth_date": birth_date,
            "birth_type": birth_type,
            "perineal_tear": perineal_tear,
            "feeding": feeding,
            "leaked_before_or_during_pregnancy": leaked,
            "running_background": background,
            "previous_running_injury": injury,
            "short_sleep_or_high_fatigue": tired,
            "units": units,
            "weight_kg": weight or None,
        }
        if country is not None:
            raw["country"] = country
        try:
            saved = services.save_profile(ctx.db, raw, today=ctx.today)
        except ValidationError as error:
            widgets.show_problems(error)
        else:
            weeks = models.weeks_since(saved.birth_date, ctx.today)
            shell.flash(f"Profile saved. You are {weeks} weeks since birth.")
            st.rerun()

    if ctx.profile:
        st.metric("Weeks since birth", ctx.weeks_since_birth)
        st.page_link("app.py", label="See where you are", icon="🏠")
