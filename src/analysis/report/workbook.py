"""The analyst's workbook, ``data/processed/analysis.xlsx``: every result table as a sheet,
behind a ``README`` sheet that says what each sheet and column means and which file the tables
were computed from.

The sheets, their files and the meaning of every column are data, in
``resources/workbook_sheets.csv`` (Chinese and English). A listed table that this run did not
write (say ``policy_instruments.csv`` before its notebook exists) is named in the README as
missing; a result table that is not listed still gets a sheet, flagged as undescribed. Nothing
is dropped silently.
"""

import csv
import fnmatch
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from ..figures.save import figures_not_made
from ..paths import RESOURCES, figures_dir
from ..tables.read import read_table
from ..tables.sheets import fit_columns
from ..tables.write import write_xlsx
from .absences import absence_sentences, absent_items

WORKBOOK_NAME = "analysis.xlsx"
DESCRIPTIONS = RESOURCES / "workbook_sheets.csv"
README = "README"
# Excel's limit on a sheet's name.
_MAX_SHEET_NAME = 31
_TABLE_HEADER = ["sheet", "column", "说明", "description", "file", "rows"]
_UNDESCRIBED = ("（未说明）", f"(not described in resources/{DESCRIPTIONS.name})")
_BOLD = Font(bold=True)


@dataclass
class SheetSpec:
    """One result table: its sheet, its CSV in ``data/processed``, what it and its columns
    mean. Column keys may be patterns (``section_*``)."""

    sheet: str
    file: str
    zh: str = ""
    en: str = ""
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)

    def column(self, name: str) -> tuple[str, str] | None:
        for pattern, meaning in self.columns.items():
            if fnmatch.fnmatchcase(name, pattern):
                return meaning
        return None


@cache
def sheet_specs() -> tuple[SheetSpec, ...]:
    """The known result tables, in the workbook's order (the order of the descriptions file)."""
    specs: dict[str, SheetSpec] = {}
    with open(DESCRIPTIONS, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            # A stray comma would shift a description into a field of its own.
            if None in row or None in row.values():
                raise ValueError(
                    f"{DESCRIPTIONS.name} line {line}: expected 5 fields (quote text with commas)"
                )
            spec = specs.setdefault(row["sheet"], SheetSpec(row["sheet"], row["file"]))
            if row["file"] != spec.file:
                raise ValueError(
                    f"{DESCRIPTIONS.name} line {line}: sheet {spec.sheet} is {spec.file}, "
                    f"not {row['file']}"
                )
            if row["column"]:
                spec.columns[row["column"]] = (row["zh"], row["en"])
            else:
                spec.zh, spec.en = row["zh"], row["en"]
    return tuple(specs.values())


@dataclass
class WorkbookTables:
    """What a run's ``data/processed`` holds for the workbook."""

    tables: dict[str, pd.DataFrame]
    specs: dict[str, SheetSpec]
    missing: list[SheetSpec]


def collect_tables(processed: Path) -> WorkbookTables:
    """The known tables found in ``processed``, in order, then any other CSV there (sorted by
    name, undescribed); and the known tables that are missing."""
    tables, specs, missing = {}, {}, []
    known_files = set()
    for spec in sheet_specs():
        known_files.add(spec.file)
        path = processed / spec.file
        if path.exists():
            tables[spec.sheet] = read_table(path)
            specs[spec.sheet] = spec
        else:
            missing.append(spec)
    for path in sorted(processed.glob("*.csv")):
        if path.name not in known_files:
            sheet = path.stem[:_MAX_SHEET_NAME]
            if sheet in tables:
                raise ValueError(f"{path.name}: its sheet name {sheet!r} is already taken")
            tables[sheet] = read_table(path)
            specs[sheet] = SheetSpec(sheet, path.name, *_UNDESCRIBED)
    return WorkbookTables(tables, specs, missing)


def source_lines(origin: dict) -> list[tuple[str, str]]:
    """Which file the tables were computed from, as (label, value) rows: the path and sha256
    always; the list's title, publisher and date only when the hash shows it is the project's
    own source (``provenance.json``)."""
    if origin["is_project_source"]:
        rows = [
            ("源文件 Source file", f"data/raw/{origin['file']}"),
            ("sha256", origin["sha256"]),
            ("清单 List", origin["title"]),
            ("发布机关 Publisher", origin["publisher"]),
            ("发布日期 Published", origin["published"]),
            (
                "核对 Checked",
                "已与官方页面核对 Checked against the official page"
                if origin["verified_against_official_page"]
                else "未与官方页面核对 Not checked against the official page (unverified)",
            ),
        ]
    else:
        rows = [
            ("源文件 Source file", origin["file"]),
            ("sha256", origin["sha256"]),
            (
                "说明 Note",
                "不是本项目的源文件（data/raw/），不声称其发布机关或日期。 Not the project's own "
                "source (data/raw/): nothing is claimed about its publisher or date.",
            ),
        ]
    return rows + [
        ("方面 / 举措 Sections / items", f"{origin['sections']} / {origin['items']}"),
    ]


def readme_rows(found: WorkbookTables) -> list[list]:
    """The README's table: a row per sheet (what it holds, its file, its rows), then a row per
    column; a listed table this run did not write is named with the reason it has no sheet."""
    rows = []
    for sheet, table in found.tables.items():
        spec = found.specs[sheet]
        rows.append([sheet, "", spec.zh, spec.en, f"data/processed/{spec.file}", len(table)])
        for column in table.columns:
            zh, en = spec.column(column) or _described_by_list(sheet, column)
            rows.append([sheet, column, zh, en, "", None])
    for spec in found.missing:
        rows.append(
            [
                spec.sheet,
                "",
                f"{spec.zh}。本次运行没有写出 {spec.file}，所以没有这张表。",
                f"{spec.en}. This run wrote no {spec.file}, so the workbook has no such sheet.",
                f"data/processed/{spec.file}",
                None,
            ]
        )
    return rows


def _described_by_list(sheet: str, column: str) -> tuple[str, str]:
    """A further column of the list's own header (指导部门) is described by its name there."""
    if sheet == "items":
        return (
            f"清单表头中的“{column}”列，原文照录",
            f"The list's own column {column}, as the list gives it",
        )
    return _UNDESCRIBED


def not_made_lines(figures: Path) -> list[tuple[str, str]]:
    """(label, value) rows naming each figure the notebooks could not make from this list and
    why, so a reader of the workbook alone knows the tables behind it are empty or absent."""
    return [
        ("未绘制的图 Figure not made", f"{name} ({info['notebook']}): {info['reason']}")
        for name, info in figures_not_made(figures).items()
    ]


def absent_lines(processed: Path) -> list[tuple[str, str]]:
    """(label, value) rows saying, in both languages, which items an abridged list leaves out."""
    absent = absent_items(processed)
    return [
        ("缺失条目 Absent items", f"{zh} {en}")
        for zh, en in zip(
            absence_sentences(absent, "zh"), absence_sentences(absent, "en"), strict=True
        )
    ]


def _readme_sheet(origin: dict, found: WorkbookTables, figures: Path, absent: list = ()):
    def draw(book: Workbook) -> None:
        ws = book.create_sheet(README, 0)
        ws.append([f"{origin.get('title') or origin['file']} · 分析工作簿 Analysis workbook"])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append(
            [
                "由 make report 从下列文件计算生成，请勿手工修改；每张表也是 data/processed/ 中的 "
                "CSV 文件。 Generated by make report from the file below; do not edit by hand. "
                "Each sheet is also a CSV file in data/processed/."
            ]
        )
        ws.append([])
        for key, value in source_lines(origin) + list(absent) + not_made_lines(figures):
            ws.append([key, value])
            ws.cell(ws.max_row, 1).font = _BOLD
        ws.append([])
        ws.append(_TABLE_HEADER)
        header = ws.max_row
        for cell in ws[header]:
            cell.font = _BOLD
        for row in readme_rows(found):
            ws.append(row)
        ws.auto_filter.ref = f"A{header}:{ws.cell(ws.max_row, len(_TABLE_HEADER)).coordinate}"
        # The table's header stays in view (with the lines above it) as the rows scroll.
        ws.freeze_panes = f"A{header + 1}"
        # The lines above the table are longer than its columns; they run on into the empty
        # cells beside them, so only the table sets the widths.
        fit_columns(ws, min_row=header)

    return draw


def write_workbook(processed: Path, path: Path | None = None, figures: Path | None = None) -> Path:
    """Write the workbook from the tables and ``provenance.json`` in ``processed``; the
    figures not made are read from ``figures`` (by default ``figures/`` beside ``data/``)."""
    figures = Path(figures) if figures is not None else figures_dir(Path(processed).parent.parent)
    provenance = processed / "provenance.json"
    if not provenance.exists():
        raise FileNotFoundError(f"{provenance} is missing: run the notebooks before the workbook")
    origin = json.loads(provenance.read_text(encoding="utf-8"))
    found = collect_tables(processed)
    return write_xlsx(
        found.tables,
        path or processed / WORKBOOK_NAME,
        first_sheet=_readme_sheet(origin, found, figures, absent_lines(processed)),
    )
