"""Return to Run: education and self-tracking for running after childbirth.

Pure domain modules (models, phases, plan, volume, symptoms, patterns, impact,
validation) import only the standard library and pandas and take `today` as an
argument. storage.py is the only module with SQL; ui.py the only non-page module
that imports streamlit.
"""
