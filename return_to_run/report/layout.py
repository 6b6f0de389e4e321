"""Page furniture: the A4 page with its footer, headings, paragraphs, tables, the notes box.

Every string goes through `ReportPDF.clean()` (the font's characters only). A table cell of
her own text that would not fit on one page (fpdf2 cannot split a table row) is shortened
in the table and printed in full below it, where a paragraph may run over pages.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from datetime import UTC, date, datetime, time

from fpdf import FPDF, FontFace

from .text import LATIN1, Font, printable

TITLE = "Return to Run - summary for your clinician"
FOOTER_TEXT = "Self-reported data from Return to Run. Education and self-tracking, not a diagnosis."
PAGE_MARGIN_MM = 14
FOOTER_HEIGHT_MM = 14
BODY_PT = 10
TABLE_PT = 8
TABLE_LINE_MM = 4
TABLE_PADDING_MM = 1
HEADING_FILL = (230, 238, 247)
NOTES_BOX_MIN_HEIGHT_MM = 70
NOTES_LINE_SPACING_MM = 8
# A cell of her text longer than this many lines moves below the table (a row must fit on
# one page: 12 lines of 4 mm keep a row well under the ~250 mm of an A4 page).
MAX_CELL_LINES = 12
PREVIEW_LINES = 3
LONG_TEXT_HEADING = "Longer notes in full"


class ReportPDF(FPDF):
    """An A4 page in mm with the report's margins, font and footer; dated by `today`."""

    def __init__(self, font: Font, today: date) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.font_family_name = font.family
        self.font_chars: Container[int] = LATIN1
        if font.files:
            for style, path in font.files.items():
                self.add_font(font.family, style, str(path))
            # Only what every style can draw, so a bold heading never lacks a glyph.
            self.font_chars = frozenset.intersection(
                *(frozenset(self.fonts[font.family.lower() + style].cmap) for style in font.files)
            )
        self.set_margins(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
        self.set_auto_page_break(True, margin=FOOTER_HEIGHT_MM + 2)
        self.set_title(TITLE)
        self.set_author("Return to Run (self-reported)")
        self.set_creator("Return to Run")
        # Dated by `today`, not the clock, so the same data give the same file.
        self.set_creation_date(datetime.combine(today, time(12), tzinfo=UTC))

    def clean(self, value) -> str:
        """`value` as text this PDF's font can draw."""
        return printable(value, self.font_chars)

    def use_font(self, style: str = "", size: float = BODY_PT) -> None:
        self.set_font(self.font_family_name, style, size)

    def footer(self) -> None:
        self.set_y(-FOOTER_HEIGHT_MM + 4)
        self.use_font("I", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self.clean(f"{FOOTER_TEXT} Page {self.page_no()}"), align="C")
        self.set_text_color(0, 0, 0)


def heading(pdf: ReportPDF, text: str, *, keep_mm: float = 30) -> None:
    """A section heading, on a new page unless `keep_mm` of what follows fits under it."""
    if pdf.get_y() > pdf.page_break_trigger - keep_mm:
        pdf.add_page()
    pdf.ln(3)
    pdf.use_font("B", 13)
    pdf.cell(0, 8, pdf.clean(text), new_x="LMARGIN", new_y="NEXT")
    pdf.use_font()


def paragraph(pdf: ReportPDF, text: str, *, style: str = "", size: float = BODY_PT, height_mm: float = 5) -> None:
    pdf.use_font(style, size)
    pdf.multi_cell(0, height_mm, pdf.clean(text), new_x="LMARGIN", new_y="NEXT")
    pdf.use_font()


def table(
    pdf: ReportPDF,
    header: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[float],
    *,
    free_text: Sequence[int] = (),
    labels: Sequence[str] | None = None,
) -> None:
    """A bordered table whose header row repeats on each page; every cell is plain text.

    `free_text`: indexes of columns holding her own text; a cell there taller than
    MAX_CELL_LINES shows its first lines and "(in full below, N)", and the whole text follows
    the table under LONG_TEXT_HEADING, named by `labels[row]` (e.g. the row's date).
    """
    pdf.use_font("", TABLE_PT)
    scale = pdf.epw / sum(widths)
    long_texts: list[tuple[str, str]] = []
    with pdf.table(
        col_widths=tuple(widths),
        text_align="LEFT",
        line_height=TABLE_LINE_MM,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        padding=TABLE_PADDING_MM,
        v_align="TOP",
        markdown=False,
    ) as grid:
        head = grid.row()
        for title in header:
            head.cell(pdf.clean(title))
        for number, values in enumerate(rows):
            row = grid.row()
            for column, value in enumerate(values):
                text = pdf.clean(value)
                if column in free_text and text:
                    lines = _wrapped(pdf, text, widths[column] * scale - 2 * TABLE_PADDING_MM)
                    if len(lines) > MAX_CELL_LINES:
                        long_texts.append((labels[number] if labels else str(number + 1), text))
                        preview = "\n".join(lines[:PREVIEW_LINES]).rstrip()
                        text = f"{preview} ... (in full below, {len(long_texts)})"
                row.cell(text)
    pdf.use_font()
    pdf.ln(2)
    if long_texts:
        pdf.use_font("B", 9)
        pdf.cell(0, 6, pdf.clean(LONG_TEXT_HEADING), new_x="LMARGIN", new_y="NEXT")
        for number, (label, text) in enumerate(long_texts, start=1):
            paragraph(pdf, f"{number}. {label}", style="B", size=9, height_mm=4.5)
            paragraph(pdf, text, size=9, height_mm=4.5)
            pdf.ln(1)


def _wrapped(pdf: ReportPDF, text: str, width_mm: float) -> list[str]:
    """`text` as the lines it takes in a cell `width_mm` wide at the table's font size."""
    return pdf.multi_cell(width_mm, TABLE_LINE_MM, text, dry_run=True, output="LINES")


def notes_box(pdf: ReportPDF) -> None:
    """A ruled box filling the rest of the page (a new page when little is left)."""
    if pdf.page_break_trigger - pdf.get_y() < NOTES_BOX_MIN_HEIGHT_MM + 15:
        pdf.add_page()  # the heading goes with its box
    heading(pdf, "Notes from the clinician")
    top = pdf.get_y() + 1
    height = pdf.page_break_trigger - top - 2
    left, width = pdf.l_margin, pdf.epw
    pdf.set_draw_color(80, 80, 80)
    pdf.rect(left, top, width, height)
    pdf.set_draw_color(190, 190, 190)
    y = top + NOTES_LINE_SPACING_MM
    while y < top + height - 2:
        pdf.line(left + 3, y, left + width - 3, y)
        y += NOTES_LINE_SPACING_MM
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(top + height)
