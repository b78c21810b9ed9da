"""How a table looks in Excel: a frozen header row, a filter, columns as wide as their text
(East Asian characters count double), and long text wrapped."""

import unicodedata

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

# Excel measures column widths in characters of its default font; a CJK character takes two.
MAX_WIDTH = 60
MIN_WIDTH = 6
# Room for the filter's drop-down button beside the header text.
_PADDING = 3
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def display_width(text: str) -> int:
    """The width of the longest line of ``text`` in character cells, wide and full-width
    (East Asian) characters counting two."""
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for line in text.split("\n")
    )


def _shown(value) -> str:
    """Roughly what Excel's General format shows for a value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:.11g}"
    return str(value)


def fit_columns(ws: Worksheet, min_row: int = 1) -> None:
    """Set every column's width to its widest text from ``min_row`` down, capped at
    ``MAX_WIDTH``; text in a capped column, or with line breaks, wraps within it. Cells below
    ``min_row`` align to the top, so a row of wrapped text still reads across."""
    for column in ws.iter_cols(min_row=min_row):
        texts = [_shown(cell.value) for cell in column]
        widest = max(display_width(text) for text in texts) + _PADDING
        ws.column_dimensions[column[0].column_letter].width = min(max(widest, MIN_WIDTH), MAX_WIDTH)
        wrap = widest > MAX_WIDTH or any("\n" in text for text in texts)
        for cell in column[1:]:
            cell.alignment = _WRAPPED if wrap else _TOP


def format_table(ws: Worksheet) -> None:
    """A sheet holding one table with its header in row 1: freeze the header, filter every
    column, fit the widths."""
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    fit_columns(ws)
