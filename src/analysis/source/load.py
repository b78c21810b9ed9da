"""The loader: one policy list file in, one tidy table of items out.

The list is a table flattened to text: tab-separated cells, a header row that comes back
after every page break, section rows (``一、…``) and item rows (number, name, content, and any
further columns the header names). Every repair is recorded in ``items.attrs["repairs"]``;
``repairs_table(items)`` shows them. Items a list declares but leaves out (an abridged list) are
recorded in ``items.attrs["absent_items"]``; ``absent_items_table(items)`` shows them.
"""

import hashlib
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import default_input
from . import clean
from .declared import REASONS
from .decode import decode_list_bytes
from .errors import ListFormatError
from .parser import Absence, LineClassifier, RawItem
from .sections import per_section

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
INT_COLUMNS = {"item_id", "section_id", "line_start", "line_end", "name_chars", "content_chars"}
REPAIR_COLUMNS = ["line", "item_id", "field", "kind", "before", "after", "reason"]
PREAMBLE_COLUMNS = ["line", "kind", "text"]
ABSENT_COLUMNS = [
    "section_id",
    "section_numeral",
    "section_title",
    "first_item",
    "last_item",
    "items",
    "missing",
    "line",
    "reason_code",
    "reason",
]


def _tidy_item(
    raw: RawItem, extras: tuple[str, ...], repairs: list[clean.Repair], path: str
) -> dict:
    name_cell = raw.cells[0] if raw.cells else ""
    content_cell = raw.cells[1] if len(raw.cells) > 1 else ""
    line, item_id = raw.line_start, raw.item_id
    # Further columns (指导部门, 推广范围) keep their own text: never folded into the content.
    extra_cells = dict(zip(extras, raw.cells[2:], strict=False))
    further = {
        column: _clean_text(
            " ".join(clean.split_paragraphs(extra_cells.get(column, ""))),
            line,
            item_id,
            column,
            repairs,
        )
        for column in extras
    }

    name = " ".join(clean.split_paragraphs(name_cell))
    paragraphs = clean.split_paragraphs(content_cell)
    # The cell as it reads without its tags (the content's paragraphs one per line), so that
    # the log shows what the repair made of it.
    untagged = {"name": name, "content": "\n".join(paragraphs)}
    for field_name, cell in (("name", name_cell), ("content", content_cell)):
        if clean.has_markup(cell):
            repairs.append(
                clean.Repair(
                    line,
                    item_id,
                    field_name,
                    "markup_removed",
                    cell[:20],
                    untagged[field_name][:20],
                    "HTML paragraph tags (<p>, </p>, <br>) are layout, not text",
                )
            )
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
        **further,
    }


def _clean_text(text: str, line: int, item_id: int, field_name: str, repairs: list) -> str:
    # The English slip goes first: once the spaces around it are gone it no longer stands alone.
    text, english = clean.correct_stray_english(text, line=line, item_id=item_id, field=field_name)
    text, spaces = clean.fold_whitespace(text, line=line, item_id=item_id, field=field_name)
    repairs.extend(english + spaces)
    return text


def load_items(path: str | Path | None = None, allow_gaps: bool = False) -> pd.DataFrame:
    """Read a policy list into one row per item.

    Columns (in order): ``item_id`` (int), ``section_id`` (int, 1 for 一), ``section_numeral``,
    ``section_title``, ``name``, ``content`` (paragraphs joined by ``\\n``), ``line_start`` and
    ``line_end`` (1-based lines of the source), ``name_chars``, ``content_chars``, then one
    column per further column of the list's header (指导部门, 推广范围, …), named as there.

    ``attrs`` holds ``source`` (path), ``sha256``, ``encoding``, ``title`` (the text lines above
    the table), ``preamble`` (every line above the table header as a dict of ``line``, ``kind``
    and ``text``; see ``preamble_table``), ``repairs`` (a list of dicts; see
    ``repairs_table``), ``sections`` (every section, those without items too, with the count
    its title declares; see ``sections_table``), ``absent_items`` (see ``absent_items_table``)
    and ``columns`` (the header's words for number, name and content, and the further columns).

    A gap in the numbering loads when the list explains it (sections published with their
    heading only, whose declared counts add up to the gap); ``allow_gaps=True`` loads any other
    gap too, recording it as absent. Raises ``ListFormatError`` (a ``ValueError``) naming the
    1-based line for a malformed list.
    """
    if path is None:
        path = default_input()
        if path is None:
            raise ValueError("which list? pass its path: load_items('path/to/list.txt')")
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ListFormatError("is a directory, not a list file", None, str(path)) from None
    return parse_list_bytes(data, str(path), allow_gaps=allow_gaps)


def parse_list_bytes(data: bytes, path: str = "<bytes>", allow_gaps: bool = False) -> pd.DataFrame:
    """``load_items`` for bytes already in memory (tests and other front ends use it)."""
    decoded = decode_list_bytes(data, path)
    parser = LineClassifier(path, allow_gaps=allow_gaps, reserved_columns=frozenset(COLUMNS))
    lines = decoded.text.split("\n")
    for lineno, line in enumerate(lines, start=1):
        parser.feed(lineno, line)
    parser.finish(max((n for n, line in enumerate(lines, 1) if line.strip()), default=1))

    repairs = _decoding_repairs(decoded)
    extras = parser.columns.extras
    rows = [_tidy_item(raw, extras, repairs, path) for raw in parser.items]
    repairs.extend(parser.repairs)
    repairs.sort(key=lambda r: (r.line, r.item_id or 0))

    items = _frame(rows, extras)
    items.attrs = {
        "source": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": decoded.encoding,
        "title": "\n".join(line.text for line in parser.preamble if line.kind != "blank"),
        "preamble": [asdict(line) for line in parser.preamble],
        "repairs": [r.as_dict() for r in repairs],
        "sections": [
            {
                "section_id": section.number,
                "section_numeral": section.numeral,
                "section_title": section.title,
                "line": section.line,
                "items": section.item_count,
                "declared_items": section.declared,
            }
            for section in parser.sections
        ],
        "absent_items": [_absence_row(absence) for absence in parser.absences],
        "columns": {
            "number": parser.columns.number,
            "name": parser.columns.name,
            "content": parser.columns.content,
            "extras": list(extras),
        },
    }
    return items


def _absence_row(absence: Absence) -> dict:
    first, last = absence.first_item, absence.last_item
    return {
        "section_id": absence.section.number,
        "section_numeral": absence.section.numeral,
        "section_title": absence.section.title,
        "first_item": first,
        "last_item": last,
        "items": last - first + 1,
        "missing": str(first) if first == last else f"{first}–{last}",
        "line": absence.line,
        "reason_code": absence.reason_code,
        "reason": REASONS[absence.reason_code],
    }


def _frame(rows: list[dict], extras: tuple[str, ...] = ()) -> pd.DataFrame:
    # Built column by column with the dtypes set, not from the list of dicts and then cast:
    # the same table in a fifth of the time, which the property-based tests feel.
    names = COLUMNS + list(extras)
    columns = {name: [row[name] for row in rows] for name in names}
    return pd.DataFrame(
        {
            name: np.array(values, dtype="int64") if name in INT_COLUMNS else values
            for name, values in columns.items()
        },
        columns=names,
    )


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


def preamble_table(items: pd.DataFrame) -> pd.DataFrame:
    """The lines above the table header, one row each: ``line``, ``kind`` (blank,
    attachment_label, title or text) and ``text``."""
    return pd.DataFrame(items.attrs.get("preamble", []), columns=PREAMBLE_COLUMNS)


def repairs_table(items: pd.DataFrame) -> pd.DataFrame:
    """Every change the loader made to the source, one row each, in source order."""
    return pd.DataFrame(items.attrs.get("repairs", []), columns=REPAIR_COLUMNS).astype(
        {"item_id": "Int64"}
    )


def absent_items_table(items: pd.DataFrame) -> pd.DataFrame:
    """The items the list's numbering passes over, one row per run of missing numbers: the
    section, the first and last number, how many, the line that shows the gap, and why."""
    return pd.DataFrame(items.attrs.get("absent_items", []), columns=ABSENT_COLUMNS)


def absent_item_count(items: pd.DataFrame) -> int:
    return sum(row["items"] for row in items.attrs.get("absent_items", []))


def declared_counts(items: pd.DataFrame) -> pd.Series:
    """Section id → the count its title declares (（共6项）); missing where it declares none."""
    sections = items.attrs.get("sections", [])
    return pd.Series(
        [s["declared_items"] for s in sections],
        index=[s["section_id"] for s in sections],
        dtype="Int64",
        name="declared_items",
    )


def sections_table(items: pd.DataFrame) -> pd.DataFrame:
    """One row per section in the document's order, those published with their heading only
    too (0 items, no first or last item), with the count the title declares (``declared_items``,
    missing where it declares none)."""
    table = per_section(
        items,
        items=("item_id", "size"),
        first_item=("item_id", "min"),
        last_item=("item_id", "max"),
    )
    return with_declared_counts(table, items, {"first_item": pd.NA, "last_item": pd.NA})


def with_declared_counts(table: pd.DataFrame, items: pd.DataFrame, empty: dict) -> pd.DataFrame:
    """A per-section table (``section_id``, ``section_numeral``, ``section_title``, ``items``,
    …) with the sections that have no items added in their place (``items`` 0, the other
    columns as ``empty`` gives them) and the declared count of every section at the end."""
    sections = items.attrs.get("sections", [])
    present = set(table["section_id"])
    missing = [
        {
            "section_id": s["section_id"],
            "section_numeral": s["section_numeral"],
            "section_title": s["section_title"],
            "items": 0,
            **empty,
        }
        for s in sections
        if s["section_id"] not in present
    ]
    if missing:
        added = pd.DataFrame(missing).astype({"section_id": "int64", "items": "int64"})
        table = pd.concat([table, added], ignore_index=True).sort_values("section_id")
        table = table.reset_index(drop=True)
        # Whole numbers stay whole where a heading-only section has none.
        for column, value in empty.items():
            if value is pd.NA:
                table[column] = table[column].astype("Int64")
    table["declared_items"] = table["section_id"].map(declared_counts(items)).astype("Int64")
    return table
