"""What the app is made of, without Streamlit: its pages in menu order, and today's date."""

from __future__ import annotations

import os
from datetime import date

TODAY_ENV_VAR = "RETURN_TO_RUN_TODAY"  # fixes "today" for tests and demos

# (file, label, emoji). Emoji, not Material icon shortcodes, which are fetched from a font host.
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


def today() -> date:
    """Today's date, or the date in $RETURN_TO_RUN_TODAY (ISO) when set."""
    fixed = os.environ.get(TODAY_ENV_VAR)
    return date.fromisoformat(fixed) if fixed else date.today()
