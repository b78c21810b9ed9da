"""The line classifier: each line of a list file is one kind of line, handled by one method.

Kinds: the table header (序号 | 名称 | 具体内容, or other words for the same roles, with
further columns after them; repeated after every page break), a section title (``一、…``), an
item row (number, name, content, further cells), a continuation (a cell wrapped onto its own
line), a blank line, and the preamble above the table (附件, the list's title).
The classifier collects raw sections and items, the items a list declares but leaves out
(``absences``), and a record of the preamble line by line; ``load`` tidies them into the table.
"""

import re
from dataclasses import dataclass
from enum import Enum

from . import clean
from .declared import ABRIDGED_SECTION, ALLOWED_GAP, declared_count
from .errors import ListFormatError
from .header import DEFAULT_COLUMNS, Columns, expected_words, is_number_word, place_header
from .numerals import ascii_digits, chinese_numeral, chinese_numeral_value

HEADER = DEFAULT_COLUMNS.cells
# The title may be empty here: it can follow on the next line, and finish() refuses a section
# that still has none (taken for wrapped text, 五、 alone would fold section 五 into 四).
_SECTION_ROW = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*(.*)$")
# Item numbers run 1…N; nine digits is far past any list, and int() refuses past 4,300 digits.
_ITEM_NUMBER = re.compile(r"^\d{1,9}$")
# A row whose tabs were lost: the next item's number, a space, then its name (“47 强化…”).
_ROW_WITHOUT_TABS = re.compile(r"^(\d{1,9})[ \u3000]+(?=\D)")
_LATIN_LETTER = re.compile(r"^[A-Za-z]$")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$")
# Characters that take no space on screen: a byte-order mark pasted into the middle of a file,
# zero-width spaces and word joiners. Invisible in an editor, they would hide a number or a
# header from the classifier.
_INVISIBLE = re.compile("[\ufeff\u200b\u2060]")
_SPACE = re.compile(r"\s+")


@dataclass
class Section:
    number: int
    numeral: str
    title: str
    line: int
    item_count: int = 0

    @property
    def declared(self) -> int | None:
        """The count the title states (（共6项）), or None."""
        return declared_count(clean.strip_markup(self.title))


@dataclass(frozen=True)
class Absence:
    """Items the list's numbering passes over, with the section they belong to and why."""

    section: Section
    first_item: int
    last_item: int
    line: int  # the line that shows the gap: the heading-only section's row, or the row after it
    reason_code: str  # a key of declared.REASONS


@dataclass
class RawItem:
    item_id: int
    section: Section
    cells: list[str]
    line_start: int
    line_end: int


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _squeezed(cells: list[str]) -> tuple[str, ...]:
    """Cells without inner spaces: full-width justification writes 序号 as 序　号."""
    return tuple(_SPACE.sub("", cell) for cell in cells)


@dataclass(frozen=True)
class PreambleLine:
    """A line above the table header, recorded as what it is."""

    line: int
    kind: str  # "blank", "attachment_label" (附件), "title" (one cell), "text" (several cells)
    text: str


class LineKind(Enum):
    BLANK = "blank"
    PREAMBLE = "preamble"
    HEADER = "header"
    SECTION_TITLE = "section_title"
    ITEM_ROW = "item_row"
    CONTINUATION = "continuation"


class LineClassifier:
    def __init__(
        self, path: str, allow_gaps: bool = False, reserved_columns: frozenset[str] = frozenset()
    ):
        self.path = path
        # The tidy table's own column names, which a further column of the list may not take.
        self.reserved_columns = reserved_columns
        # A list known to be abridged: a gap nothing in the list explains is recorded, not refused.
        self.allow_gaps = allow_gaps
        self.columns: Columns | None = None
        self.absences: list[Absence] = []
        self.preamble: list[PreambleLine] = []
        self.sections: list[Section] = []
        self.items: list[RawItem] = []
        self.repairs: list[clean.Repair] = []
        self.header_lines: list[int] = []
        self.seen_items: dict[int, int] = {}
        self.handlers = {
            LineKind.BLANK: self._on_blank,
            LineKind.PREAMBLE: self._on_preamble,
            LineKind.HEADER: self._on_header,
            LineKind.SECTION_TITLE: self._on_section_title,
            LineKind.ITEM_ROW: self._on_item_row,
            LineKind.CONTINUATION: self._on_continuation,
        }

    def error(self, message: str, line: int) -> ListFormatError:
        return ListFormatError(message, line, self.path)

    def feed(self, lineno: int, raw_line: str) -> None:
        cells = _cells(self._visible(lineno, raw_line))
        self.handlers[self.classify(cells)](lineno, cells)

    def _visible(self, lineno: int, raw_line: str) -> str:
        line, removed = _INVISIBLE.subn("", raw_line)
        if removed:
            self.repairs.append(
                clean.Repair(
                    lineno,
                    None,
                    "row",
                    "invisible_removed",
                    raw_line[:40],
                    line[:40],
                    f"{removed} invisible character(s) (byte-order mark, zero-width space) "
                    "inside the line",
                )
            )
        return line

    def classify(self, cells: list[str]) -> LineKind:
        """What kind of line these cells make, given what came before them."""
        if not cells:
            return LineKind.BLANK
        first = cells[0]
        if is_number_word(first):
            return LineKind.HEADER
        if _SECTION_ROW.match(first):
            return LineKind.SECTION_TITLE
        if self._is_item_row(first, cells):
            return LineKind.ITEM_ROW
        if not self.header_lines:
            return LineKind.PREAMBLE
        return LineKind.CONTINUATION

    def _is_item_row(self, first: str, cells: list[str]) -> bool:
        # A number alone on a line below an item is wrapped content (…志愿者达 / 208 / 万人),
        # not an item without a name; above the table it is part of the title (a year, say).
        if not _ITEM_NUMBER.match(ascii_digits(first)):
            return False
        return len(cells) > 1 or (bool(self.header_lines) and not self.items)

    def _on_blank(self, lineno: int, cells: list[str]) -> None:
        if not self.header_lines:
            self.preamble.append(PreambleLine(lineno, "blank", ""))

    def _on_preamble(self, lineno: int, cells: list[str]) -> None:
        text = " ".join(cells)
        if _ATTACHMENT_LABEL.match(text):
            kind = "attachment_label"
        else:
            kind = "title" if len(cells) == 1 else "text"
        self.preamble.append(PreambleLine(lineno, kind, text))

    def _on_section_title(self, lineno: int, cells: list[str]) -> None:
        match = _SECTION_ROW.match(cells[0])
        self._section(lineno, match.group(1), match.group(2), cells)

    def _on_item_row(self, lineno: int, cells: list[str]) -> None:
        self._item(lineno, cells[0], cells)

    def _on_header(self, lineno: int, cells: list[str]) -> None:
        if self.columns is None:
            placed = place_header(cells, self.reserved_columns)
            if isinstance(placed, str):
                raise self.error(
                    f"cannot read the header row {' | '.join(cells)} ({placed}); it should read "
                    f"number | name | content, then any further columns, with the words "
                    f"{expected_words()}",
                    lineno,
                )
            self.columns = placed
        elif _squeezed(cells) != self.columns.cells:
            raise self.error(
                f"header row should read {' | '.join(self.columns.cells)} as at line "
                f"{self.header_lines[0]}, found {' | '.join(cells)}",
                lineno,
            )
        if self.header_lines:
            self.repairs.append(
                clean.Repair(
                    lineno,
                    None,
                    "row",
                    "header_row_dropped",
                    "\t".join(cells),
                    "",
                    "the table header repeats after a page break",
                )
            )
        self.header_lines.append(lineno)

    @property
    def width(self) -> int:
        return (self.columns or DEFAULT_COLUMNS).width

    def _section(self, lineno: int, numeral: str, title: str, cells: list[str]) -> None:
        if not self.header_lines:
            raise self.error(
                "a section row comes before the table header 序号 | 名称 | 具体内容", lineno
            )
        if len(cells) > 1:
            raise self.error(
                f"section row {numeral}、 has {len(cells)} cells; a section row has its title "
                "in the first cell only",
                lineno,
            )
        try:
            number = chinese_numeral_value(numeral)
        except ValueError:
            raise self.error(f"{numeral!r} is not a section numeral", lineno) from None
        expected = len(self.sections) + 1
        if number != expected:
            previous = self.sections[-1].numeral if self.sections else "(none)"
            raise self.error(
                f"section numeral {numeral} follows {previous}: expected "
                f"{chinese_numeral(expected)} (numerals run 一, 二, 三, … without a skip)",
                lineno,
            )
        if self.sections and self.sections[-1].item_count == 0:
            self._check_empty_section(self.sections[-1], lineno)
        # Cleaned in finish(): a wrapped title may still grow by a continuation line.
        self.sections.append(Section(number, numeral, title, lineno))

    def _item(self, lineno: int, first: str, cells: list[str]) -> None:
        item_id = int(ascii_digits(first))
        if first != str(item_id):
            self.repairs.append(
                clean.Repair(
                    lineno,
                    item_id,
                    "item_id",
                    "digits_normalised",
                    first,
                    str(item_id),
                    "the item number is written with full-width digits",
                )
            )
        if not self.header_lines:
            # An item row in the preamble belongs to no section, and above the header nothing
            # says where it should go: loading the rest would lose it without a word.
            raise self.error(
                f"item {item_id}'s row is above the table header ({' | '.join(HEADER)}); "
                "it belongs to no section",
                lineno,
            )
        if not self.sections:
            raise self.error(f"item {item_id} comes before any section row (一、…)", lineno)
        if len(cells) > self.width:
            raise self.error(
                f"item {item_id} has {len(cells)} cells; expected {self.width} "
                f"({' | '.join(self.columns.cells)})",
                lineno,
            )
        if item_id in self.seen_items:
            raise self.error(
                f"duplicate item {item_id}: it already appears at line {self.seen_items[item_id]}",
                lineno,
            )
        expected = self.items[-1].item_id + 1 if self.items else 1
        if item_id < expected:
            raise self.error(
                f"the numbering runs backwards: expected item {expected}, found item {item_id}",
                lineno,
            )
        self._account_for(expected, item_id, lineno)
        self.seen_items[item_id] = lineno
        self.sections[-1].item_count += 1
        self.items.append(RawItem(item_id, self.sections[-1], cells[1:], lineno, lineno))

    def _on_continuation(self, lineno: int, cells: list[str]) -> None:
        if self.sections and self.sections[-1].item_count == 0:
            self._section_continuation(lineno, cells)
            return
        if not self.items:
            raise self.error(
                f"cannot place this row ({cells[0][:20]}…): it is not a header, a section row "
                "(一、…) or a numbered item, and there is no item above it to continue",
                lineno,
            )
        self._item_continuation(lineno, cells)

    def _item_continuation(self, lineno: int, cells: list[str]) -> None:
        """A line below an item row continues that item's cells."""
        item = self.items[-1]
        lost_tabs = _ROW_WITHOUT_TABS.match(ascii_digits(cells[0]))
        if lost_tabs and int(lost_tabs.group(1)) == item.item_id + 1:
            # Joined as wrapped text, the next item would vanish into this one's content.
            raise self.error(
                f"this line reads as item {item.item_id + 1}'s row without the tabs between "
                f"number, name and content ({cells[0][:20]}…); put a tab after the number and "
                "after the name",
                lineno,
            )
        # The field the line's first cell continues: the name while the item has one cell
        # (or starts, when it has none).
        continued = self.columns.field(len(item.cells) - 1)
        if item.cells:
            # A wrapped cell: the first cell continues the last cell above, any further cells
            # fill the cells after it.
            item.cells[-1] = _join_wrapped(item.cells[-1], cells[0])
            item.cells.extend(cells[1:])
        else:
            # The row broke right after its number: this line holds the name and the content
            # (behind an empty first cell when the tab after the number came down with them).
            item.cells.extend(cells[1:] if not cells[0] else cells)
        if len(item.cells) + 1 > self.width:
            raise self.error(
                f"item {item.item_id} has {len(item.cells) + 1} cells once its continuation line "
                f"is joined; expected {self.width}",
                lineno,
            )
        item.line_end = lineno
        self.repairs.append(
            clean.Repair(
                lineno,
                item.item_id,
                continued,
                "continuation_joined",
                "\t".join(cells)[:40],
                "",
                f"a cell wrapped onto its own line; joined to item {item.item_id} above",
            )
        )

    def _section_continuation(self, lineno: int, cells: list[str]) -> None:
        """A line between a section row and its first item continues the section's title."""
        section = self.sections[-1]
        if len(cells) > 1:
            raise self.error(
                f"the line after section row {section.numeral}、 (line {section.line}) has "
                f"{len(cells)} cells; a wrapped section title has one",
                lineno,
            )
        section.title = _join_wrapped(section.title, cells[0])
        self.repairs.append(
            clean.Repair(
                lineno,
                None,
                "section_title",
                "section_title_joined",
                cells[0][:40],
                section.title[:40],
                f"the title of section {section.numeral} wrapped onto its own line; joined",
            )
        )

    def finish(self, last_line: int) -> None:
        if not self.header_lines:
            raise self.error("no table header (序号 | 名称 | 具体内容) found", 1)
        if not self.items:
            raise self.error("the list has no numbered items", last_line)
        trailing = self._empty_sections_since_last_item()
        for section in trailing:
            if section.declared is None:
                raise self.error(f"section {section.numeral} has no items", section.line)
        self._record_heading_only(trailing, self.items[-1].item_id + 1)
        for section in self.sections:
            section.title, repairs = clean.fold_whitespace(
                clean.strip_markup(section.title),
                line=section.line,
                item_id=None,
                field="section_title",
            )
            self.repairs.extend(repairs)
            if not section.title:
                raise self.error(f"section {section.numeral}、 has no title", section.line)
        self._note_miscounted_sections()

    def _check_empty_section(self, section: Section, lineno: int) -> None:
        """A section row follows a section with no items: only a section whose title declares
        its count can stand empty (its items left out of an abridged list); the gap in the
        numbering that follows must then match the count."""
        if section.declared is None:
            raise self.error(
                f"section {section.numeral} (line {section.line}) has no items", lineno
            )

    def _empty_sections_since_last_item(self) -> list[Section]:
        last = self.items[-1].section if self.items else None
        after = self.sections.index(last) + 1 if last is not None else 0
        return [s for s in self.sections[after:] if s.item_count == 0]

    def _account_for(self, expected: int, item_id: int, lineno: int) -> None:
        """Items ``expected`` … ``item_id - 1`` are not in the file: explain the gap from the
        list itself (sections published with their heading only, whose declared counts add up
        to it), record it when the user allows gaps, or refuse it."""
        empty = [s for s in self._empty_sections_since_last_item() if s is not self.sections[-1]]
        missing = item_id - expected
        declared = sum(s.declared for s in empty)
        if missing == 0 and not empty:
            return
        if empty and declared == missing:
            self._record_heading_only(empty, expected)
            return
        numbers = _numbers(expected, item_id - 1)
        if missing == 0:
            listed = ", ".join(f"{s.numeral} (line {s.line}, {s.declared})" for s in empty)
            raise self.error(
                f"section(s) {listed} declare items but have none, and the numbering runs on "
                f"without a gap to item {item_id}",
                lineno,
            )
        if self.allow_gaps:
            section = empty[0] if empty else self.sections[-1]
            self.absences.append(Absence(section, expected, item_id - 1, lineno, ALLOWED_GAP))
            return
        counted = ""
        if empty:
            listed = ", ".join(f"{s.numeral} (line {s.line})" for s in empty)
            counted = (
                f"; the declared counts of the sections published with their heading only "
                f"({listed}) add up to {declared}, not {missing}"
            )
        raise self.error(
            f"gap in the numbering: expected item {expected}, found item {item_id}; "
            f"{'item' if missing == 1 else 'items'} {numbers} "
            f"{'is' if missing == 1 else 'are'} missing{counted}. If the list was published "
            "abridged, run with --allow-gaps to load it and record the missing items as absent",
            lineno,
        )

    def _record_heading_only(self, sections: list[Section], first: int) -> None:
        for section in sections:
            if section.declared == 0:
                continue
            last = first + section.declared - 1
            self.absences.append(Absence(section, first, last, section.line, ABRIDGED_SECTION))
            first = last + 1

    def _note_miscounted_sections(self) -> None:
        """A declared count that disagrees with the section's rows, where the rows run without
        a gap: the author miscounted, and the rows are what the list says. Noted, not refused."""
        for section in self.sections:
            absent = sum(
                a.last_item - a.first_item + 1 for a in self.absences if a.section is section
            )
            declared = section.declared
            if declared is None or declared == section.item_count + absent:
                continue
            self.repairs.append(
                clean.Repair(
                    section.line,
                    None,
                    "section_title",
                    "declared_count_differs",
                    f"{declared} items declared",
                    f"{section.item_count + absent} items listed",
                    f"section {section.numeral}'s title declares {declared} items, but the list "
                    f"numbers {section.item_count + absent}; the rows are kept as they are",
                )
            )


def _numbers(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _join_wrapped(before: str, after: str) -> str:
    """Chinese and numbers wrap anywhere and rejoin with nothing between; two Latin words
    rejoin with the space the line break stood for."""
    if _LATIN_LETTER.match(before[-1:]) and _LATIN_LETTER.match(after[:1]):
        return f"{before} {after}"
    return before + after
