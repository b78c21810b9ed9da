"""The loader: one policy list file in, one tidy table of items out.

The list is a table flattened to text: tab-separated cells, a header row that comes back
after every page break, section rows (``一、…``) and item rows (number, name, content).
Every repair is recorded in ``items.attrs["repairs"]``; ``repairs_table(items)`` shows them.
"""

import hashlib
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import default_input
from . import clean
from .decode import decode_list_bytes
from .errors import ListFormatError
from .parser import LineClassifier, RawItem

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


def _tidy_item(raw: RawItem, repairs: list[clean.Repair], path: str) -> dict:
    name_cell = raw.cells[0] if raw.cells else ""
    content_cell = raw.cells[1] if len(raw.cells) > 1 else ""
    line, item_id = raw.line_start, raw.item_id

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

    ``attrs`` holds ``source`` (path), ``sha256``, ``encoding``, ``title`` (the text lines above
    the table), ``preamble`` (every line above the table header as a dict of ``line``, ``kind``
    and ``text``; see ``preamble_table``) and ``repairs`` (a list of dicts; see
    ``repairs_table``).

    Raises ``ListFormatError`` (a ``ValueError``) naming the 1-based line for a malformed list.
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
    return parse_list_bytes(data, str(path))


def parse_list_bytes(data: bytes, path: str = "<bytes>") -> pd.DataFrame:
    """``load_items`` for bytes already in memory (tests and other front ends use it)."""
    decoded = decode_list_bytes(data, path)
    parser = LineClassifier(path)
    lines = decoded.text.split("\n")
    for lineno, line in enumerate(lines, start=1):
        parser.feed(lineno, line)
    parser.finish(max((n for n, line in enumerate(lines, 1) if line.strip()), default=1))

    repairs = _decoding_repairs(decoded)
    rows = [_tidy_item(raw, repairs, path) for raw in parser.items]
    repairs.extend(parser.repairs)
    repairs.sort(key=lambda r: (r.line, r.item_id or 0))

    items = _frame(rows)
    items.attrs = {
        "source": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": decoded.encoding,
        "title": "\n".join(line.text for line in parser.preamble if line.kind != "blank"),
        "preamble": [asdict(line) for line in parser.preamble],
        "repairs": [r.as_dict() for r in repairs],
    }
    return items


def _frame(rows: list[dict]) -> pd.DataFrame:
    # Built column by column with the dtypes set, not from the list of dicts and then cast:
    # the same table in a fifth of the time, which the property-based tests feel.
    columns = {name: [row[name] for row in rows] for name in COLUMNS}
    return pd.DataFrame(
        {
            name: np.array(values, dtype="int64") if name in INT_COLUMNS else values
            for name, values in columns.items()
        },
        columns=COLUMNS,
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


def sections_table(items: pd.DataFrame) -> pd.DataFrame:
    """One row per section, in the document's order."""
    return (
        items.groupby(["section_id", "section_numeral", "section_title"], sort=True)
        .agg(items=("item_id", "size"), first_item=("item_id", "min"), last_item=("item_id", "max"))
        .reset_index()
    )
