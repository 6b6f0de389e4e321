"""Return to Run: education and self-tracking for running after childbirth.

The map is in docs/architecture.md: pages -> ui (the only streamlit code) -> services (the
one door for every save) -> storage (the only SQL), importers, report, charts, lessons ->
the pure rule modules (models, records, phases, levels, plan, symptoms, red_flags, volume,
patterns, validation), which import only the standard library and pandas and take `today`
as an argument.
"""

from .lazy_import import import_sqlite_utils

# Before any module here imports sqlite-utils: see lazy_import.import_sqlite_utils.
import_sqlite_utils()
