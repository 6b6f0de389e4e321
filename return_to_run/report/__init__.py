"""The clinician summary: a printable PDF she can take to an appointment.

Made on her machine with fpdf2 (the weekly chart drawn with its own shapes; DejaVu Sans
embedded when installed, else a core font); nothing is uploaded or fetched.

Rooms: `text` (what the font can print), `layout` (page, headings, tables), `sections`
(the rows of each section), `spikes_mood` (single-run spikes and the mood heading),
`chart` (the weekly chart), `document` (`build_report`: values -> PDF bytes) and `gather`
(`report_for`: her database and guidance.today_answer -> PDF bytes). "Where she is now"
opens with the same one-line answer home shows.
"""

from .document import HEADINGS, NO_WEEKS, build_report
from .gather import phase_reason, report_for
from .layout import FOOTER_TEXT, LONG_TEXT_HEADING, TITLE
from .sections import LOAD_RESULT_TEXT, NO_VALUE, STRENGTH_RESULT_TEXT
from .text import CORE, Font, best_font, latin1, printable

__all__ = [
    "CORE",
    "FOOTER_TEXT",
    "HEADINGS",
    "LOAD_RESULT_TEXT",
    "LONG_TEXT_HEADING",
    "NO_VALUE",
    "NO_WEEKS",
    "STRENGTH_RESULT_TEXT",
    "TITLE",
    "Font",
    "best_font",
    "build_report",
    "latin1",
    "phase_reason",
    "printable",
    "report_for",
]
