"""The kit on the smallest list of the shape: tests/fixtures/tiny_town_list.txt.

A made-up town list (GB18030, CRLF line endings, like a file saved on a Chinese Windows
desktop): one section, two items, no quantity, no 《》 title, no claim to be first, and no
term two items share often enough for a network. The review's list B: the pipeline stopped
in notebook 02 (keyness of one section) and then in the deck's talking points. It must finish,
make the figures it can, and say for every other one which notebook could not make it and why,
in the figure folder, the deck and the workbook.
"""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from report_cli import report_on

from analysis import load_items

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_town_list.txt"
MADE = {
    "chars_per_item",
    "chars_per_section",
    "items_per_section",
    "top_terms",
    "top_terms_by_section",
    "wordcloud",
    "wordclouds_by_section",
}
NOT_MADE = {
    "citations_by_type_and_section": "清单没有引用法规文件",
    "cooccurrence_network": "出现最多的 30 个词中，没有两个词同时出现在 4 项或更多举措中",
    "first_mover_claims_by_section": "清单没有“率先”“首个”等首创类表述",
    "forecast_ladder": "没有一项举措给出两个或更多提前时间（提前…）",
    "item_dendrogram": "举措少于3项，无法聚类",
    "key_numbers": "清单没有给出数量、比例或面积",
    "keyness_by_section": "清单只有一个部分，没有其余部分可作比较",
    "policy_tool_types_by_section": "政策工具编码规则没有在任何一项举措中命中",
    "policy_tools_by_section": "政策工具编码规则没有在任何一项举措中命中",
    "section_term_map": "方面或关键性词太少（需要至少3个方面、3个词），对应分析画不出二维图",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out, completed = report_on(FIXTURE, tmp_path_factory, "tiny_list", timeout=600)
    assert completed.stderr.splitlines()[0] == "tiny_town_list.txt: 1 sections, 2 items, 2 repairs"
    return out


def test_the_fixture_is_one_section_of_two_items():
    items = load_items(FIXTURE)
    assert items.attrs["encoding"] == "gb18030"
    assert items["section_title"].unique().tolist() == ["完善基层治理体系"]
    assert items["name"].tolist() == ["推行网格员制度", "建立议事协商机制"]


def test_the_figures_made_and_the_reasons_for_the_others(out):
    figures = out / "figures"
    assert {p.stem for p in figures.glob("*.png")} == MADE
    reasons = {
        p.name.removesuffix(".not_made.json"): json.loads(p.read_text(encoding="utf-8"))["reason"]
        for p in figures.glob("*.not_made.json")
    }
    assert reasons == NOT_MADE


def test_the_deck_ends_with_the_figures_not_made(out):
    deck = Presentation(out / "reports" / "briefing.pptx")
    # A title slide, a slide per figure made, and the slide of the figures not made.
    assert len(deck.slides) == 1 + len(MADE) + 1
    last = [shape.text_frame.text for shape in deck.slides[-1].shapes if shape.has_text_frame]
    assert last[0] == "本清单未能绘制的图"
    assert last[1].splitlines() == [
        f"{name}（{notebook}）：{reason}"
        for name, reason in sorted(NOT_MADE.items())
        for notebook in [_notebook(out, name)]
    ]


def test_the_workbook_names_the_figures_not_made(out):
    sheet = load_workbook(out / "data" / "processed" / "analysis.xlsx")["README"]
    rows = [r[1] for r in sheet.iter_rows(values_only=True) if r[0] == "未绘制的图 Figure not made"]
    assert rows == [
        f"{name} ({_notebook(out, name)}): {reason}" for name, reason in sorted(NOT_MADE.items())
    ]


def _notebook(out: Path, name: str) -> str:
    record = out / "figures" / f"{name}.not_made.json"
    return json.loads(record.read_text(encoding="utf-8"))["notebook"]
