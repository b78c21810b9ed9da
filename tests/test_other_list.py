"""The kit on a list it has never seen: tests/fixtures/qinghe_district_list.txt.

A made-up district list in the same shape as data/raw (tab-separated cells, the header row
repeated after page breaks, 一、 section rows, <p> markup, 《》 titles, quoted coined terms),
worded differently: 3 sections and 12 items, section 三 with a single item (item 12, whose
text holds no term frequent enough for a network), a title line of its own, no forecast
ladder, and numbers written in the forms the Shenzhen list never uses (亿, 千万, 万平方米,
百分之, 近万, 超三万, 超十万, 两万, 1,200, a date).

``python -m analysis report --input … --out …`` runs once on it; the tests read what it wrote.
"""

import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from report_cli import report_on

from analysis import load_items
from analysis.figures.identity import list_identity
from analysis.figures.save import figure_captions, figures_not_made
from analysis.report.wording import report_title

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "qinghe_district_list.txt"
TITLE = "青禾区优化营商环境改革创新举措清单"
SOURCE_LINE = f"来源：{TITLE}"
MADE = [
    "chars_per_item",
    "chars_per_section",
    "citations_by_type_and_section",
    "first_mover_claims_by_section",
    "item_dendrogram",
    "items_per_section",
    "key_numbers",
    "keyness_by_section",
    "policy_tool_types_by_section",
    "policy_tools_by_section",
    "top_terms",
    "top_terms_by_section",
    "wordcloud",
    "wordclouds_by_section",
]
NOT_MADE = {
    "cooccurrence_network": "出现最多的 30 个词中，没有两个词同时出现在 4 项或更多举措中",
    "forecast_ladder": "没有一项举措给出两个或更多提前时间（提前…）",
    # One of the three sections has no key term seen twice: a 2-row table has one axis.
    "section_term_map": "方面或关键性词太少（需要至少3个方面、3个词），对应分析画不出二维图",
}
# Read from the fixture by hand: (item, source text, value, unit, qualifier). Every share is a
# percentage (百分之四十 → 40, 1/3 → 33.33…); the date 2021年3月1日 (item 3) is not a quantity.
QUANTITIES = [
    (1, "68项", 68, "项", ""),  # 上线“一件事”主题服务68项
    (1, "百分之四十", 40, "%", ""),  # 办理时间平均压缩百分之四十
    (2, "1/3", 100 / 3, "%", ""),  # 压缩至法定时限的1/3
    (2, "40%", 40, "%", ""),  # 申请材料减少40%
    (2, "超三万户", 30_000, "户", "超"),  # 惠及超三万户市场主体
    (4, "12个", 12, "个", ""),  # 服务站12个
    (4, "近万家", 10_000, "家", "近"),  # 累计服务市场主体近万家
    (4, "1,200件", 1200, "件", ""),  # 收集解决企业诉求1,200件
    (5, "六个月", 6, "月", ""),  # 由六个月缩短至一个月
    (5, "一个月", 1, "月", ""),
    (6, "3千万元", 30_000_000, "元", ""),  # 全年兑现资金3千万元
    (6, "1,200家", 1200, "家", ""),  # 惠及企业1,200家
    (7, "2亿元", 200_000_000, "元", ""),  # 总规模2亿元
    (7, "1.5亿元", 150_000_000, "元", ""),  # 首期到位资金1.5亿元
    (7, "50%", 50, "%", "最高"),  # 最高可达超额收益的50%
    (8, "12.5万平方米", 125_000, "m2", ""),  # 新增产业空间12.5万平方米
    (8, "三年内", 3, "年", "内"),  # 三年内给予租金补贴
    (9, "超十万人次", 100_000, "人次", "超"),  # 累计发卡超十万人次
    (9, "3000余套", 3000, "套", "余"),  # 新增人才公寓3000余套
    (10, "200多场", 200, "场", "多"),  # 招聘会200多场
    (10, "两万个", 20_000, "个", ""),  # 提供就业岗位两万个
    (11, "最高百分之三十", 30, "%", "最高"),  # 最高百分之三十的风险补偿
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The CLI, as a new user runs it, with its own empty cache."""
    out, completed = report_on(FIXTURE, tmp_path_factory, "other_list", timeout=900)
    return out, completed.stderr


@pytest.fixture(scope="module")
def page(run):
    out, _ = run
    return (out / "reports" / "report.html").read_text(encoding="utf-8")


def test_the_pipeline_finishes_and_says_what_it_read(run):
    _, log = run
    assert log.splitlines()[0] == "qinghe_district_list.txt: 3 sections, 12 items, 6 repairs"
    assert "Traceback" not in log and "error" not in log.lower()


def test_the_fixture_has_the_shape_it_claims():
    items = load_items(FIXTURE)
    assert items.groupby("section_numeral", sort=False).size().to_dict() == {
        "一": 6,
        "二": 5,
        "三": 1,
    }
    assert items.attrs["title"] == f"附件2\n{TITLE}"
    repairs = items.attrs["repairs"]
    assert [r["kind"] for r in repairs].count("header_row_dropped") == 2
    assert [r["kind"] for r in repairs].count("markup_removed") == 4


def test_the_report_names_this_list_and_never_shenzhen(page):
    assert f"<title>{TITLE}：分析报告</title>" in page
    assert re.search(f"<h1[^>]*>{TITLE}：分析报告", page)
    assert "深圳" not in page and "Shenzhen" not in page
    assert "清单分 <strong>3</strong> 个方面，共 <strong>12</strong> 项举措" in page
    assert "不对其发布机构和日期作任何说明" in page and "qinghe_district_list.txt" in page


def test_every_figure_carries_this_lists_source_line(run):
    out, _ = run
    svgs = sorted((out / "figures").glob("*.svg"))
    assert [p.stem for p in svgs] == MADE
    for svg in svgs:
        # matplotlib writes each text drawn as paths into a comment beside the glyphs.
        text = svg.read_text(encoding="utf-8")
        assert f"<!-- {SOURCE_LINE} -->" in text, svg.name
        assert "深圳" not in text, svg.name
    assert list(figure_captions(out / "figures")) == MADE


def test_figures_not_made_are_said_with_their_reason(run, page):
    out, log = run
    recorded = figures_not_made(out / "figures")
    assert {name: info["reason"] for name, info in recorded.items()} == NOT_MADE
    readme = (out / "figures" / "README.md").read_text(encoding="utf-8")
    for name, reason in NOT_MADE.items():
        assert f"<code>{name}</code>" in page and reason in page
        assert f"`{name}`" in readme and reason in readme
        assert not (out / "figures" / f"{name}.png").exists()


def test_its_quantities_are_read(run):
    out, _ = run
    table = pd.read_csv(out / "data" / "processed" / "quantities.csv", keep_default_na=False)
    found = [
        (i, t, round(v, 6), u, q)
        for i, t, v, u, q in table[["item_id", "text", "value", "unit", "qualifier"]].itertuples(
            index=False
        )
    ]
    assert found == [(i, t, round(v, 6), u, q) for i, t, v, u, q in QUANTITIES]
    assert 3 not in table["item_id"].tolist()  # 自2021年3月1日起施行: a date


def test_provenance_is_this_files(run):
    out, _ = run
    record = json.loads((out / "data" / "processed" / "provenance.json").read_text("utf-8"))
    assert record["title"] == TITLE and record["items"] == 12 and record["sections"] == 3
    assert record["is_project_source"] is False and "publisher" not in record


def test_its_identity(monkeypatch):
    identity = list_identity(load_items(FIXTURE))
    assert (identity.title, identity.short_title) == (TITLE, TITLE)
    assert (identity.source_zh, identity.source_en) == (SOURCE_LINE, f"Source: {TITLE}")
    assert report_title(identity.title, identity.title_en, "zh") == f"{TITLE}：分析报告"
    assert identity.publisher is None


@pytest.mark.parametrize(("lang", "source"), [("zh", SOURCE_LINE), ("en", f"Source: {TITLE}")])
def test_figure_titles_under_input(lang, source):
    """In-process, as a notebook under ``--input``: the title is this list's finding and the
    source line this list's name."""
    from analysis.figures.sections import plot_items_per_section
    from analysis.figures.settings import FigureSettings

    items = load_items(FIXTURE)
    fig = plot_items_per_section(items, settings=FigureSettings(lang, list_identity(items)))
    texts = [t.get_text() for t in fig.texts]
    assert texts[-1] == source
    if lang == "zh":
        assert texts[0] == "一、深化改革提升政务服务效能类举措最多：6 项"
    plt.close(fig)
