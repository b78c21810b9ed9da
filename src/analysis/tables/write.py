"""Write tables as UTF-8 CSV and as an Excel workbook, byte for byte the same on every run."""

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from .. import safe_write
from .sheets import format_table

# openpyxl stamps the workbook and every zip entry with the current time, and sets the
# "modified" property while saving; pin all three.
FIXED_TIME = dt.datetime(2021, 7, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    path = Path(path)
    with safe_write.replacing(path) as temporary:
        table.to_csv(temporary, index=False, encoding="utf-8", lineterminator="\n")
    return path


def write_json(record: dict, path: Path) -> Path:
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
    return safe_write.write_text(path, text + "\n")


def write_xlsx(
    sheets: dict[str, pd.DataFrame],
    path: Path,
    *,
    first_sheet: Callable[[Workbook], None] | None = None,
) -> Path:
    """One sheet per table, in the order given, each with a frozen header row, a filter,
    columns as wide as their text and long text wrapped (``sheets.format_table``).
    ``first_sheet`` adds a sheet of its own making in front of them (a README)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, table in sheets.items():
            table.to_excel(writer, sheet_name=sheet, index=False)
            format_table(writer.sheets[sheet])
        if first_sheet is not None:
            first_sheet(writer.book)
        writer.book.properties.created = FIXED_TIME
        writer.book.properties.creator = "analysis"
    return safe_write.write_bytes(path, without_timestamps(buffer.getvalue()))


def without_timestamps(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """An Office file (a zip) with its entries and its "modified" property at fixed times;
    ``replace`` gives new contents for entries by name."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            content = replace.get(entry.filename) or source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            target.writestr(info, content)
    return out.getvalue()
