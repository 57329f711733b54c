"""PDF documents built from headings, paragraphs and tables (fpdf2, pure Python).

The DejaVu Sans font ships inside the package (`lib/fonts/`, licence beside it), so æ, ø, å,
dashes and the euro sign print on any machine and nothing is fetched at run time.
Used by the business-case and requirement-document exports.
"""

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableCellFillMode

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"


class Document:
    """A simple A4 document. Build it with the methods below, then call `bytes()`."""

    def __init__(self, title: str, *, author: str = "Smartby", footer: str = "") -> None:
        self._footer = footer
        pdf = _PDF(footer=footer)
        pdf.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        pdf.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        pdf.set_title(title)
        pdf.set_author(author)
        pdf.set_creator("Smartby")
        pdf.set_lang("da")
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.add_page()
        self.pdf = pdf
        self.heading(title, level=1)

    def heading(self, text: str, *, level: int = 2) -> None:
        size = {1: 18, 2: 14, 3: 12}.get(level, 12)
        self.pdf.set_font(FAMILY, "B", size)
        self.pdf.ln(2 if level > 1 else 0)
        self.pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def paragraph(self, text: str, *, bold: bool = False, size: int = 10) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def bullets(self, items: Sequence[str]) -> None:
        self.pdf.set_font(FAMILY, "", 10)
        for item in items:
            self.pdf.multi_cell(0, 5, f"•  {item}", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[int] | None = None,
        align_right_from: int | None = None,
    ) -> None:
        """A table with a bold header row. Columns from `align_right_from` on are right-aligned
        (figures)."""
        self.pdf.set_font(FAMILY, "", 9)
        alignments = None
        if align_right_from is not None:
            alignments = tuple(
                "RIGHT" if i >= align_right_from else "LEFT" for i in range(len(header))
            )
        with self.pdf.table(
            col_widths=tuple(widths) if widths else None,
            text_align=alignments or "LEFT",
            cell_fill_color=(238, 242, 247),
            cell_fill_mode=TableCellFillMode.ROWS,
            line_height=5,
            first_row_as_headings=True,
        ) as table:
            table.row([str(h) for h in header])
            for row in rows:
                table.row([str(c) for c in row])
        self.pdf.ln(3)

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


class _PDF(FPDF):
    def __init__(self, *, footer: str) -> None:
        super().__init__(format="A4")
        self._footer_text = footer

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        text = f"{self._footer_text}   ·   " if self._footer_text else ""
        self.cell(0, 6, f"{text}Side {self.page_no()}/{{nb}}", align="C")
