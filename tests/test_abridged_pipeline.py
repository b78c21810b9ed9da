"""The whole pipeline on a real list published abridged (tests/fixtures/README.md): the annex of
国办发〔2018〕126号, whose section 四 (items 15–20) was published with its heading only.

It must finish, load every published item with its real number, name the absent items and the
reason in the report, the deck and the workbook, and never count them as present. Expected
values are read off the published document.
"""

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from report_cli import report_on

from analysis.paths import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "innovation_reforms_2018_abridged.txt"
PUBLISHED = [*range(1, 15), 21, 22, 23]
SENTENCE_ZH = (
    "第 15–20 项（四、军民深度融合方面（共6项），6 项）不在本文件中：该方面发布时只有标题。"
)
SENTENCE_EN = (
    "Items 15–20 (section 四, 6 items) are not in this file: the section was published with "
    "its heading only."
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out, completed = report_on(FIXTURE, tmp_path_factory, "abridged_list", timeout=900)
    assert completed.stderr.splitlines()[0] == (
        "innovation_reforms_2018_abridged.txt: 5 sections, 17 items, 6 items absent, 0 repairs"
    )
    return out


def _table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / "data" / "processed" / name, keep_default_na=False)


def test_every_published_item_with_its_real_number(out):
    items = _table(out, "items.csv").set_index("item_id")
    assert items.index.tolist() == PUBLISHED
    assert items.loc[15:20].empty
    assert items.loc[21, "name"] == "允许地方高校自主开展人才引进和职称评审"
    assert items.loc[21, "section_numeral"] == "五"
    # The further columns, as the table prints them.
    assert items.loc[1, "指导部门"] == "最高人民法院、最高人民检察院、国家知识产权局"
    assert items.loc[6, "推广范围"] == "8个改革试验区域"
    assert items.loc[10, "指导部门"] == "中国证监会"
    assert items.loc[22, "指导部门"] == "科技部、财政部、国务院国资委"
    assert items.loc[22, "推广范围"] == "全国"


def test_declared_counts_and_the_absent_items(out):
    sections = _table(out, "sections.csv")
    assert sections["section_numeral"].tolist() == ["一", "二", "三", "四", "五"]
    assert sections["declared_items"].tolist() == [5, 4, 5, 6, 3]
    assert sections["items"].tolist() == [5, 4, 5, 0, 3]
    absent = _table(out, "absent_items.csv")
    assert absent[["section_numeral", "first_item", "last_item", "missing", "reason"]].to_dict(
        "records"
    ) == [
        {
            "section_numeral": "四",
            "first_item": 15,
            "last_item": 20,
            "missing": "15–20",
            "reason": "section published with its heading only",
        }
    ]


def _text(report: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", report.read_text(encoding="utf-8")))


def test_the_report_says_what_is_absent_and_counts_only_what_is_there(out):
    text = _text(out / "reports" / "report.html")
    assert SENTENCE_ZH in text
    # Five sections, as the list has, the one published with its heading only among them.
    assert "清单分 5 个方面，共 17 项举措" in text
    # The all-measures table carries the list's further columns.
    assert "指导部门" in text and "推广范围" in text
    assert "最高人民法院、最高人民检察院、国家知识产权局" in text


def test_the_deck_title_slide_says_it(out):
    title_slide = Presentation(out / "reports" / "briefing.pptx").slides[0]
    text = "\n".join(shape.text_frame.text for shape in title_slide.shapes if shape.has_text_frame)
    assert SENTENCE_ZH in text
    assert "5 个方面 · 17 项举措" in text


def test_the_workbook_readme_says_it(out):
    book = load_workbook(out / "data" / "processed" / "analysis.xlsx")
    rows = [[cell for cell in row if cell is not None] for row in book["README"].values]
    assert ["缺失条目 Absent items", f"{SENTENCE_ZH} {SENTENCE_EN}"] in rows
    absent_sheet = list(book["absent_items"].values)
    assert len(absent_sheet) == 2 and absent_sheet[1][5] == 6
    assert [row[0] for row in book["items"].values][1:] == PUBLISHED


def test_an_unexplained_gap_stops_the_run_and_offers_allow_gaps(tmp_path):
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    gapped = tmp_path / "gapped.txt"
    gapped.write_text("\n".join(line for line in lines if not line.startswith("12\t")), "utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--input",
            str(gapped),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path / "cache")},
        timeout=300,
    )
    assert completed.returncode == 2
    error = completed.stderr.strip().splitlines()[-1]
    assert error.startswith(f"error: {gapped}: line 20: gap in the numbering"), error
    assert "item 12 is missing" in error and "--allow-gaps" in error


def test_allow_gaps_runs_the_pipeline_and_records_the_gap(tmp_path_factory):
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    folder = tmp_path_factory.mktemp("gapped_list")
    gapped = folder / "gapped.txt"
    gapped.write_text("\n".join(line for line in lines if not line.startswith("12\t")), "utf-8")
    out, completed = report_on(gapped, tmp_path_factory, "gapped", 900, ("--allow-gaps",))
    absent = _table(out, "absent_items.csv")
    assert absent["missing"].tolist() == ["12", "15–20"]
    assert absent["reason"].tolist() == [
        "absent from the file (allowed by --allow-gaps)",
        "section published with its heading only",
    ]
    assert _table(out, "items.csv")["item_id"].tolist() == [*range(1, 12), 13, 14, 21, 22, 23]
    text = _text(out / "reports" / "report.html")
    assert "第 12 项（三、科技金融创新方面（共5项），1 项）不在本文件中" in text
