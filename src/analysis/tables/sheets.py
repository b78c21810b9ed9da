"""How a table looks in Excel: a bold, frozen header row, a filter, shares as percentages and
p-values to three places, columns as wide as their text (East Asian characters count double),
and long text wrapped."""

import re
import unicodedata

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

# Excel measures column widths in characters of its default font; a CJK character takes two.
MAX_WIDTH = 60
MIN_WIDTH = 6
# Room for the filter's drop-down button beside the header text.
_PADDING = 3
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_BOLD = Font(bold=True)
# Number formats by column name: shares are fractions of one (share_of_items 0.17 → 17.0%);
# p-values (p_permutation, fisher_p, fisher_p_holm) get three places.
SHARE_FORMAT = "0.0%"
P_VALUE_FORMAT = "0.000"
_SHARE = re.compile(r"^share(_|$)")
_P_VALUE = re.compile(r"(^|_)p(_|$)")


def display_width(text: str) -> int:
    """The width of the longest line of ``text`` in character cells, wide and full-width
    (East Asian) characters counting two."""
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for line in text.split("\n")
    )


def number_format(column: str) -> str | None:
    """The Excel number format for a column, by its name; None keeps Excel's General."""
    if _SHARE.search(column):
        return SHARE_FORMAT
    if _P_VALUE.search(column):
        return P_VALUE_FORMAT
    return None


def _shown(value, number_format: str = "General") -> str:
    """Roughly what Excel shows for a value in the cell's number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float) and number_format == SHARE_FORMAT:
        return f"{value:.1%}"
    if isinstance(value, int | float) and number_format == P_VALUE_FORMAT:
        return f"{value:.3f}"
    if isinstance(value, float):
        return f"{value:.11g}"
    return str(value)


def fit_columns(ws: Worksheet, min_row: int = 1) -> None:
    """Set every column's width to its widest text from ``min_row`` down, capped at
    ``MAX_WIDTH``; text in a capped column, or with line breaks, wraps within it. Cells below
    ``min_row`` align to the top, so a row of wrapped text still reads across."""
    for column in ws.iter_cols(min_row=min_row):
        texts = [_shown(cell.value, cell.number_format) for cell in column]
        widest = max(display_width(text) for text in texts) + _PADDING
        ws.column_dimensions[column[0].column_letter].width = min(max(widest, MIN_WIDTH), MAX_WIDTH)
        wrap = widest > MAX_WIDTH or any("\n" in text for text in texts)
        for cell in column[1:]:
            cell.alignment = _WRAPPED if wrap else _TOP


def format_table(ws: Worksheet) -> None:
    """A sheet holding one table with its header in row 1: a bold, frozen header, a filter on
    every column, shares and p-values formatted, widths fitted to what the cells show."""
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for column in ws.iter_cols():
        header = column[0]
        header.font = _BOLD
        fmt = number_format(str(header.value))
        if fmt is not None:
            for cell in column[1:]:
                cell.number_format = fmt
    fit_columns(ws)
