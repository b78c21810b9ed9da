"""The loader: one policy list file in, one tidy table of items out.

The list is a table flattened to text: tab-separated cells, a header row that comes back
after every page break, section rows (``一、…``) and item rows (number, name, content).
Every repair is recorded in ``items.attrs["repairs"]``; ``repairs_table(items)`` shows them.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import clean
from .decode import decode_list_bytes
from .errors import ListFormatError
from .numerals import ascii_digits, chinese_numeral, chinese_numeral_value, is_chinese_numeral
from .paths import input_path

HEADER = ("序号", "名称", "具体内容")
COLUMNS = [
    "item_id",
    "section_id",
    "section_numeral",
    "section_title",
    "name",
    "content",
    "line_start",
    "line_end",
    "name_chars",
    "content_chars",
]
REPAIR_COLUMNS = ["line", "item_id", "field", "kind", "before", "after", "reason"]
_SECTION_ROW = re.compile(r"^([一二三四五六七八九十]+)[、.．]\s*(.+)$")
_ITEM_NUMBER = re.compile(r"^\d+$")
_LATIN_LETTER = re.compile(r"^[A-Za-z]$")


@dataclass
class _Section:
    number: int
    numeral: str
    title: str
    line: int
    item_count: int = 0


@dataclass
class _RawItem:
    item_id: int
    section: _Section
    cells: list[str]
    line_start: int
    line_end: int


def _cells(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


class _Parser:
    def __init__(self, path: str):
        self.path = path
        self.preamble: list[str] = []
        self.sections: list[_Section] = []
        self.items: list[_RawItem] = []
        self.repairs: list[clean.Repair] = []
        self.header_lines: list[int] = []
        self.seen_items: dict[int, int] = {}

    def error(self, message: str, line: int) -> ListFormatError:
        return ListFormatError(message, line, self.path)

    def feed(self, lineno: int, raw_line: str) -> None:
        cells = _cells(raw_line)
        if not cells:
            return
        first = cells[0]
        if tuple(cells) == HEADER or first == HEADER[0]:
            self._header(lineno, cells)
        elif match := _SECTION_ROW.match(first):
            self._section(lineno, match.group(1), match.group(2), cells)
        elif self._is_item_row(first, cells):
            self._item(lineno, first, cells)
        elif not self.header_lines:
            self.preamble.append(" ".join(cells))
        else:
            self._continuation(lineno, cells)

    def _is_item_row(self, first: str, cells: list[str]) -> bool:
        # A number alone on a line below an item is wrapped content (…志愿者达 / 208 / 万人),
        # not an item without a name.
        if not (self.header_lines and _ITEM_NUMBER.match(ascii_digits(first))):
            return False
        return len(cells) > 1 or not self.items

    def _header(self, lineno: int, cells: list[str]) -> None:
        if tuple(cells) != HEADER:
            raise self.error(
                f"header row should read {' | '.join(HEADER)}, found {' | '.join(cells)}", lineno
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
        if not is_chinese_numeral(numeral):
            raise self.error(f"{numeral!r} is not a section numeral", lineno)
        number = chinese_numeral_value(numeral)
        expected = len(self.sections) + 1
        if number != expected:
            previous = self.sections[-1].numeral if self.sections else "(none)"
            raise self.error(
                f"section numeral {numeral} follows {previous}: expected "
                f"{chinese_numeral(expected)} (numerals run 一, 二, 三, … without a skip)",
                lineno,
            )
        if self.sections and self.sections[-1].item_count == 0:
            raise self.error(
                f"section {self.sections[-1].numeral} (line {self.sections[-1].line}) has no items",
                lineno,
            )
        # Cleaned in finish(): a wrapped title may still grow by a continuation line.
        self.sections.append(_Section(number, numeral, title, lineno))

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
        if not self.sections:
            raise self.error(f"item {item_id} comes before any section row (一、…)", lineno)
        if len(cells) > len(HEADER):
            raise self.error(
                f"item {item_id} has {len(cells)} cells; expected {len(HEADER)} "
                f"({' | '.join(HEADER)})",
                lineno,
            )
        if item_id in self.seen_items:
            raise self.error(
                f"duplicate item {item_id}: it already appears at line {self.seen_items[item_id]}",
                lineno,
            )
        expected = len(self.items) + 1
        if item_id != expected:
            raise self.error(
                f"gap in the numbering: expected item {expected}, found item {item_id}", lineno
            )
        self.seen_items[item_id] = lineno
        self.sections[-1].item_count += 1
        self.items.append(_RawItem(item_id, self.sections[-1], cells[1:], lineno, lineno))

    def _continuation(self, lineno: int, cells: list[str]) -> None:
        if self.sections and self.sections[-1].item_count == 0:
            self._section_continuation(lineno, cells)
            return
        if not self.items:
            raise self.error(
                f"cannot place this row ({cells[0][:20]}…): it is not a header, a section row "
                "(一、…) or a numbered item, and there is no item above it to continue",
                lineno,
            )
        item = self.items[-1]
        # A wrapped cell: the first cell continues the last cell above, any further cells
        # fill the cells after it.
        item.cells[-1] = _join_wrapped(item.cells[-1], cells[0])
        item.cells.extend(cells[1:])
        if len(item.cells) + 1 > len(HEADER):
            raise self.error(
                f"item {item.item_id} has {len(item.cells) + 1} cells once its continuation line "
                f"is joined; expected {len(HEADER)}",
                lineno,
            )
        item.line_end = lineno
        self.repairs.append(
            clean.Repair(
                lineno,
                item.item_id,
                "content" if len(item.cells) == 2 else "name",
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
        if self.sections[-1].item_count == 0:
            raise self.error(
                f"section {self.sections[-1].numeral} has no items", self.sections[-1].line
            )
        for section in self.sections:
            section.title, repairs = clean.fold_whitespace(
                clean.strip_markup(section.title),
                line=section.line,
                item_id=None,
                field="section_title",
            )
            self.repairs.extend(repairs)


def _join_wrapped(before: str, after: str) -> str:
    """Chinese and numbers wrap anywhere and rejoin with nothing between; two Latin words
    rejoin with the space the line break stood for."""
    if _LATIN_LETTER.match(before[-1:]) and _LATIN_LETTER.match(after[:1]):
        return f"{before} {after}"
    return before + after


def _tidy_item(raw: _RawItem, repairs: list[clean.Repair], path: str) -> dict:
    name_cell = raw.cells[0] if raw.cells else ""
    content_cell = raw.cells[1] if len(raw.cells) > 1 else ""
    line, item_id = raw.line_start, raw.item_id

    for field_name, cell in (("name", name_cell), ("content", content_cell)):
        if clean.has_markup(cell):
            repairs.append(
                clean.Repair(
                    line,
                    item_id,
                    field_name,
                    "markup_removed",
                    cell[:20],
                    "",
                    "HTML paragraph tags (<p>, </p>, <br>) are layout, not text",
                )
            )
    name = " ".join(clean.split_paragraphs(name_cell))
    paragraphs = clean.split_paragraphs(content_cell)
    # Only a name cell that was not itself marked up can have lost its end to the next cell.
    tail = None if clean.has_markup(name_cell) else clean.name_tail(paragraphs)
    if tail is not None:
        repairs.append(
            clean.Repair(
                line,
                item_id,
                "name",
                "name_tail_moved",
                name,
                name + tail,
                f"the content opens with the fragment “{tail}”, the end of the name "
                "split across cells",
            )
        )
        name += tail
        paragraphs = paragraphs[1:]

    name = _clean_text(name, line, item_id, "name", repairs)
    content = "\n".join(_clean_text(p, line, item_id, "content", repairs) for p in paragraphs)

    if not name:
        raise ListFormatError(f"item {item_id} has no name", line, path)
    if not content:
        raise ListFormatError(f"item {item_id} has empty content", line, path)
    return {
        "item_id": item_id,
        "section_id": raw.section.number,
        "section_numeral": raw.section.numeral,
        "section_title": raw.section.title,
        "name": name,
        "content": content,
        "line_start": raw.line_start,
        "line_end": raw.line_end,
        "name_chars": len(name),
        "content_chars": len(content),
    }


def _clean_text(text: str, line: int, item_id: int, field_name: str, repairs: list) -> str:
    # The English slip goes first: once the spaces around it are gone it no longer stands alone.
    text, english = clean.correct_stray_english(text, line=line, item_id=item_id, field=field_name)
    text, spaces = clean.fold_whitespace(text, line=line, item_id=item_id, field=field_name)
    repairs.extend(english + spaces)
    return text


def load_items(path: str | Path | None = None) -> pd.DataFrame:
    """Read a policy list into one row per item.

    Columns (in order): ``item_id`` (int), ``section_id`` (int, 1 for 一), ``section_numeral``,
    ``section_title``, ``name``, ``content`` (paragraphs joined by ``\\n``), ``line_start`` and
    ``line_end`` (1-based lines of the source), ``name_chars``, ``content_chars``.

    ``attrs`` holds ``source`` (path), ``sha256``, ``encoding``, ``title`` (the lines above the
    table) and ``repairs`` (a list of dicts; see ``repairs_table``).

    Raises ``ListFormatError`` (a ``ValueError``) naming the 1-based line for a malformed list.
    """
    path = Path(path) if path is not None else input_path()
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ListFormatError("is a directory, not a list file", None, str(path)) from None
    return parse_list_bytes(data, str(path))


def parse_list_bytes(data: bytes, path: str = "<bytes>") -> pd.DataFrame:
    """``load_items`` for bytes already in memory (tests and other front ends use it)."""
    decoded = decode_list_bytes(data, path)
    parser = _Parser(path)
    lines = decoded.text.split("\n")
    for lineno, line in enumerate(lines, start=1):
        parser.feed(lineno, line)
    parser.finish(max((n for n, line in enumerate(lines, 1) if line.strip()), default=1))

    repairs = _decoding_repairs(decoded)
    rows = [_tidy_item(raw, repairs, path) for raw in parser.items]
    repairs.extend(parser.repairs)
    repairs.sort(key=lambda r: (r.line, r.item_id or 0))

    items = pd.DataFrame(rows, columns=COLUMNS)
    items = items.astype(
        {
            "item_id": "int64",
            "section_id": "int64",
            "line_start": "int64",
            "line_end": "int64",
            "name_chars": "int64",
            "content_chars": "int64",
        }
    )
    items.attrs = {
        "source": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": decoded.encoding,
        "title": "\n".join(parser.preamble),
        "repairs": [r.as_dict() for r in repairs],
    }
    return items


def _decoding_repairs(decoded) -> list[clean.Repair]:
    found = []
    if decoded.had_bom:
        found.append(
            clean.Repair(
                1,
                None,
                "file",
                "bom_removed",
                "BOM",
                "",
                f"the file starts with a {decoded.encoding} byte-order mark",
            )
        )
    if decoded.encoding not in ("utf-8", "utf-16-le", "utf-16-be"):
        found.append(
            clean.Repair(
                1,
                None,
                "file",
                "decoded",
                decoded.encoding,
                "utf-8",
                "the file is not UTF-8; it was decoded as GB18030/GBK",
            )
        )
    if decoded.newline != "\n":
        found.append(
            clean.Repair(
                1,
                None,
                "file",
                "newlines_normalised",
                repr(decoded.newline),
                repr("\n"),
                "Windows or old Mac line endings",
            )
        )
    return found


def repairs_table(items: pd.DataFrame) -> pd.DataFrame:
    """Every change the loader made to the source, one row each, in source order."""
    return pd.DataFrame(items.attrs.get("repairs", []), columns=REPAIR_COLUMNS).astype(
        {"item_id": "Int64"}
    )


def sections_table(items: pd.DataFrame) -> pd.DataFrame:
    """One row per section, in the document's order."""
    return (
        items.groupby(["section_id", "section_numeral", "section_title"], sort=True)
        .agg(items=("item_id", "size"), first_item=("item_id", "min"), last_item=("item_id", "max"))
        .reset_index()
    )
