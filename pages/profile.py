"""Profile: the birth she is recovering from and her running background."""

import streamlit as st

from return_to_run import models, services
from return_to_run.ui import shell, widgets
from return_to_run.validation import ValidationError

with shell.page("Profile", "👤") as ctx:
    st.title("👤 Your profile")
    st.write(
        "The date of the birth you are recovering from tells the app where you are; the rest "
        "shapes how gently it suggests you progress. Everything stays on this computer."
    )
    shell.show_flash()
    current = ctx.profile or models.Profile(birth_date=ctx.today)

    def _index(options: dict, code: str) -> int:
        return list(options).index(code)

    with st.form("profile_form"):
        birth_date = widgets.date_field(
            "Date of birth of your baby", value=current.birth_date, key="profile_birth_date"
        )
        birth_type = st.selectbox(
            "How was your baby born?",
            list(models.BIRTH_TYPES),
            index=_index(models.BIRTH_TYPES, current.birth_type),
            format_func=models.BIRTH_TYPES.get,
            key="profile_birth_type",
        )
        perineal_tear = st.selectbox(
            "Perineal tear",
            list(models.PERINEAL_TEARS),
            index=_index(models.PERINEAL_TEARS, current.perineal_tear),
            format_func=models.PERINEAL_TEARS.get,
            key="profile_tear",
        )
        feeding = st.radio(
            "Feeding",
            list(models.FEEDING),
            horizontal=True,
            index=_index(models.FEEDING, current.feeding),
            format_func=models.FEEDING.get,
            key="profile_feeding",
        )
        leaked = st.checkbox(
            "I leaked urine before or during pregnancy",
            value=current.leaked_before_or_during_pregnancy,
            key="profile_leaked",
        )
        background = st.radio(
            "Running before pregnancy",
            list(models.RUNNING_BACKGROUNDS),
            index=_index(models.RUNNING_BACKGROUNDS, current.running_background),
            format_func=models.RUNNING_BACKGROUNDS.get,
            horizontal=True,
            key="profile_background",
        )
        injury = st.checkbox(
            "I have had a running injury before", value=current.previous_running_injury, key="profile_injury"
        )
        tired = st.checkbox(
            "I usually sleep under 7 hours or feel very tired",
            value=current.short_sleep_or_high_fatigue,
            key="profile_tired",
            help="Short sleep and fatigue are linked to more pain in postnatal runners "
            "(Christopher 2021), so the plan moves more slowly.",
        )
        units = st.radio(
            "Distances in",
            list(models.UNITS),
            index=_index(models.UNITS, current.units),
            format_func=models.UNITS.get,
            horizontal=True,
            key="profile_units",
        )
        weight = st.number_input(
            "Weight in kg (optional, only for the impact calculator)",
            min_value=0.0,
            max_value=300.0,
            step=0.5,
            value=float(current.weight_kg) if current.weight_kg else None,
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
