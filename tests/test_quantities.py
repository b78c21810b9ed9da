"""The quantities the list states, checked against a list made by reading the source by hand.

Each expected row quotes its source words; values are worked out by hand (208万 = 2,080,000).
"""

import pandas as pd
import pytest

from analysis.extract.claims import coined_terms
from analysis.extract.headlines import (
    forecast_ladder,
    headline_quantities,
    ladder_code,
    lead_quantities,
)
from analysis.extract.quantities import extract_quantities, find_quantities

# (item_id, text, value, unit, qualifier, kind)
EXPECTED = [
    (4, "40%", 40, "%", "最高", "amount"),  # 最高承担子基金在一个具体项目上40%的投资风险
    (7, "四个90%", 90, "%", "", "slogan"),  # 形成“四个90%”的创新格局
    (7, "90%以上", 90, "%", "以上", "amount"),  # 90%以上研发人员集中在企业
    (7, "90%以上", 90, "%", "以上", "amount"),  # 90%以上研发资金来源于企业
    (7, "90%以上", 90, "%", "以上", "amount"),  # 90%以上研发机构设立在企业
    (7, "90%以上", 90, "%", "以上", "amount"),  # 90%以上职务发明专利来自于企业
    (10, "270平方公里", 270, "km2", "", "amount"),  # 严守270平方公里工业区块控制线
    (16, "近两年", 2, "年", "近", "amount"),  # 且近两年未申报纳税的
    (16, "六个月内", 6, "月", "内", "amount"),  # 六个月内仍未办理申请注销登记的
    (20, "不低于1/3", 100 / 3, "%", "不低于", "amount"),  # 法定比例不低于1/3: a share, in %
    (34, "一米", 1, "m", "", "slogan"),  # 倡导“从一米高度看城市”的儿童友好理念
    (34, "360个", 360, "个", "", "amount"),  # 儿童友好基地 360 个 (spaces in the source)
    (34, "713个", 713, "个", "", "amount"),  # 妇女儿童之家 713 个
    (34, "超千间", 1000, "间", "超", "amount"),  # 公共场所母婴室超千间
    (37, "100米", 100, "m", "", "slogan"),  # 打通排水管网管养的“最后100米”
    (38, "500米", 500, "m", "", "amount"),  # 出门500米可达社区公园
    (38, "2公里", 2, "km", "", "amount"),  # 2公里可达城市综合公园
    (39, "100%", 100, "%", "", "amount"),  # 新建公共建筑100%执行绿色建筑标准
    (40, "达42%", 42, "%", "达", "amount"),  # 生活垃圾回收率达42%
    (41, "5支", 5, "支", "", "amount"),  # 网格员…市容巡查员等5支队伍
    (42, "24小时", 24, "h", "", "amount"),  # 实施24小时在线健康指导和心理疏导
    (43, "达208万人", 2_080_000, "人", "达", "amount"),  # 全市志愿者已达208万人
    (43, "1.4万个", 14_000, "个", "", "amount"),  # 志愿服务队伍1.4万个
    (44, "20个", 20, "个", "", "amount"),  # 推进首批20个国际化街区建设
    (45, "3万多场", 30_000, "场", "多", "amount"),  # 开展3万多场应急演练
    (47, "提前3天", 3, "天", "提前", "amount"),  # 提前3天定量预测过程风雨
    (47, "提前1天", 1, "天", "提前", "amount"),  # 提前1天预报风雨落区和影响时段
    (47, "提前6小时", 6, "h", "提前", "amount"),  # 提前6小时定位高风险区
    (47, "提前3小时", 3, "h", "提前", "amount"),  # 提前3小时分区预警
    (47, "提前1小时", 1, "h", "提前", "amount"),  # 提前1小时发布精细到街道的定量预报
    (47, "3年", 3, "年", "", "amount"),  # 分3年使全市662个社区全部成为…
    (47, "662个", 662, "个", "", "amount"),  # 全市662个社区
]


@pytest.fixture(scope="module")
def quantities(items):
    return extract_quantities(items)


def _rows(table):
    columns = ["item_id", "text", "value", "unit", "qualifier", "kind"]
    return sorted(
        (i, t, round(v, 6), u, q, k)
        for i, t, v, u, q, k in table[columns].itertuples(index=False, name=None)
    )


def test_precision_and_recall_are_one(quantities):
    expected = sorted((i, t, round(v, 6), u, q, k) for i, t, v, u, q, k in EXPECTED)
    found = _rows(quantities)
    extra = [row for row in found if row not in expected]
    missing = [row for row in expected if row not in found]
    assert extra == [], "found but not in the hand list (precision < 1)"
    assert missing == [], "in the hand list but not found (recall < 1)"
    assert found == expected  # the same number of each, too
    assert len(quantities) == 32


def test_spans_point_at_the_exact_text(items, quantities):
    content = items.set_index("item_id")["content"]
    for row in quantities.itertuples():
        assert content[row.item_id][row.span_start : row.span_end] == row.text


def test_rows_are_in_document_order(quantities):
    keys = list(zip(quantities["item_id"], quantities["span_start"], strict=True))
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("item_id", "text", "subject"),
    [
        (43, "达208万人", "志愿者"),
        (43, "1.4万个", "志愿服务队伍"),
        (40, "达42%", "生活垃圾回收率"),
        (45, "3万多场", "应急演练"),
        (20, "不低于1/3", "港澳和海外仲裁员的法定比例"),
        (34, "超千间", "公共场所母婴室"),
        (34, "360个", "儿童友好基地"),
        (10, "270平方公里", "工业区块控制线"),
        (4, "40%", "投资风险"),
        (38, "500米", "社区公园"),
        (47, "提前3小时", "分区预警"),
        (47, "662个", "社区"),
        (7, "四个90%", "创新格局"),
        (37, "100米", "排水管网管养"),
    ],
)
def test_subjects(quantities, item_id, text, subject):
    row = quantities[(quantities["item_id"] == item_id) & (quantities["text"] == text)]
    assert row["subject"].tolist() == [subject]


def test_four_ninety_percents_have_their_own_subjects(quantities):
    rows = quantities[(quantities["item_id"] == 7) & (quantities["kind"] == "amount")]
    assert rows["subject"].tolist() == ["研发人员", "研发资金", "研发机构", "职务发明专利"]


def test_identifiers_are_not_quantities(items, quantities):
    texts = " ".join(quantities["text"])
    for code in ("5G", "12345", "146", "31631"):
        assert code not in texts
    # Item 13 (5G), item 33 (the 12345 hotline) state no amount at all.
    assert not quantities["item_id"].isin([13, 33]).any()
    assert quantities.loc[quantities["item_id"] == 44, "text"].tolist() == ["20个"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展3万多场应急演练", [("3万多场", 30000.0, "场", "多")]),
        ("比例不低于1/3，", [("不低于1/3", 100 / 3, "%", "不低于")]),
        ("母婴室超千间。", [("超千间", 1000.0, "间", "超")]),
        ("全市志愿者已达208万人，", [("达208万人", 2080000.0, "人", "达")]),
        ("队伍1.4万个。", [("1.4万个", 14000.0, "个", "")]),
        ("且近两年未申报纳税的", [("近两年", 2.0, "年", "近")]),
        ("面积超过2.5平方公里", [("超过2.5平方公里", 2.5, "km2", "超过")]),
        ("实现5G独立组网全覆盖", []),
        ("政务服务热线“12345”、政府信箱", []),
        ("创建“31631”服务模式", []),
        ("制定“146”总体发展框架", []),
        ("规定每年8月为深圳健康活动月", []),  # a calendar month, not a duration
        ("2021年出台", []),  # a year
        ("全国第一家仲裁机构", []),  # an ordinal
        ("“一个平台、二层架构、三级垂直、四方联动”", []),  # parts of a scheme
        ("坚持四个基本原则，从六个方面", []),
        ("一栋楼就是一个产业", []),
        ("建成“千园之城”", []),
    ],
)
def test_tricky_cases(text, expected):
    found = [(q["text"], q["value"], q["unit"], q["qualifier"]) for q in find_quantities(text)]
    assert [(t, pytest.approx(v), u, q) for t, v, u, q in found] == expected


def test_slogans_are_marked(quantities):
    slogans = quantities[quantities["kind"] == "slogan"]
    assert slogans[["item_id", "text"]].values.tolist() == [
        [7, "四个90%"],
        [34, "一米"],
        [37, "100米"],
    ]


def test_forecast_ladder_is_read_from_item_47(items, quantities):
    ladder = forecast_ladder(quantities)
    assert ladder["item_id"].unique().tolist() == [47]
    assert ladder["hours"].tolist() == [72, 24, 6, 3, 1]
    assert ladder["text"].tolist() == ["提前3天", "提前1天", "提前6小时", "提前3小时", "提前1小时"]
    # The code name is the lead times' digits in order: 3 1 6 3 1.
    assert ladder_code(ladder, coined_terms(items)) == "31631"


def test_headline_quantities(quantities):
    headlines = headline_quantities(quantities)
    assert len(headlines) == 15
    assert set(headlines["unit"]) == {"%", "km2", "个", "间", "支", "人", "场"}
    ninety = headlines[headlines["text"] == "90%以上"].iloc[0]
    assert ninety["mentions"] == 4
    assert ninety["subject"] == "研发人员、研发资金、研发机构、职务发明专利"


def test_lead_quantities_are_one_per_measure_the_reached_first(quantities):
    leads = lead_quantities(quantities)
    # 270平方公里 is the only area; 达42% the only share stated as reached (100%, 90%以上 and
    # 不低于1/3 are larger but are rules or bounds); 达208万人 the reached and largest count.
    assert leads[["item_id", "text", "measure"]].values.tolist() == [
        [10, "270平方公里", "area"],
        [40, "达42%", "share"],
        [43, "达208万人", "count"],
    ]
    assert leads["subject"].tolist() == ["工业区块控制线", "生活垃圾回收率", "志愿者"]


def _quantity(item_id, text, value, unit, qualifier=""):
    return {
        "item_id": item_id, "section_id": 1, "text": text, "span_start": 0,
        "span_end": len(text), "value": value, "unit": unit, "qualifier": qualifier,
        "subject": "对象", "kind": "amount",
    }  # fmt: skip


def test_lead_quantities_without_a_reached_figure_take_the_unbounded_largest():
    table = pd.DataFrame(
        [
            _quantity(1, "90%以上", 90.0, "%", "以上"),
            _quantity(2, "30%", 30.0, "%"),
            # 1/2 is read as the percentage 50, above the unbounded 30%.
            _quantity(3, "1/2", 50.0, "%"),
            _quantity(4, "5个", 5.0, "个"),
            _quantity(5, "3天", 3.0, "天"),
        ]
    )
    leads = lead_quantities(table)
    assert leads[["item_id", "measure"]].values.tolist() == [[3, "share"], [4, "count"]]
    assert lead_quantities(table[table["unit"] == "天"]).empty


def test_lead_quantities_rank_a_cap_and_a_target_below_a_figure_reached():
    # List A of the review: 最高可达1.2亿元 is a cap and 到2025年…达到2.5% a target; neither was
    # reached, so the count led is the unbounded one and the share the one reached.
    table = extract_quantities(
        pd.DataFrame(
            {
                "item_id": [1, 2, 3, 4],
                "section_id": [1, 1, 1, 1],
                "content": [
                    "首购合同金额最高可达1.2亿元。",
                    "明确到2025年全社会研发投入强度达到2.5%的目标。",
                    "全省已设立海外创新中心8个。",
                    "技术合同成交额年均增长15%。",
                ],
            }
        )
    )
    assert table["qualifier"].tolist() == ["最高可达", "目标+达到", "", ""]
    leads = lead_quantities(table)
    # Money is a dimension of its own: the cap leads it only because it is its one figure.
    assert leads[["item_id", "text", "measure"]].values.tolist() == [
        [1, "最高可达1.2亿元", "money"],
        [3, "8个", "count"],
        [4, "15%", "share"],
    ]


@pytest.mark.parametrize(
    ("item_id", "text", "dimension", "value_base"),
    [
        (10, "270平方公里", "area", 270e6),  # m²
        (42, "24小时", "time", 24 * 3600),  # s
        (47, "提前3天", "time", 3 * 86400),
        (47, "3年", "time", 3 * 365 * 86400),
        (16, "六个月内", "time", 6 * 365 * 86400 / 12),
        (38, "2公里", "length", 2000),  # m
        (43, "达208万人", "count", 2_080_000),
        (40, "达42%", "share", 42),
    ],
)
def test_dimensions_and_base_values(quantities, item_id, text, dimension, value_base):
    row = quantities[(quantities["item_id"] == item_id) & (quantities["text"] == text)]
    assert row["dimension"].tolist() == [dimension]
    assert row["value_base"].tolist() == [pytest.approx(value_base)]


def test_no_change_or_range_in_the_list(quantities):
    # The list states no 由A压缩至B and no range: the link columns stay empty.
    assert (quantities["change_id"] == "").all() and (quantities["role"] == "").all()
    assert quantities["value_high"].isna().all()


def test_lead_quantities_on_a_table_read_back_the_way_a_user_reads_it(quantities, tmp_path):
    # Plain pd.read_csv: empty qualifiers, change ids and roles come back as NaN.
    path = tmp_path / "quantities.csv"
    quantities.to_csv(path, index=False)
    table = pd.read_csv(path)
    assert table["qualifier"].isna().any()
    leads = lead_quantities(table)
    assert leads[["item_id", "text", "measure"]].values.tolist() == [
        [10, "270平方公里", "area"],
        [40, "达42%", "share"],
        [43, "达208万人", "count"],
    ]
    assert forecast_ladder(table)["hours"].tolist() == [72, 24, 6, 3, 1]
    # The same read with pandas' nullable types, as the report's reader makes it (<NA>), and
    # with empty cells kept as "" (keep_default_na=False).
    assert lead_quantities(table.convert_dtypes())["text"].tolist() == leads["text"].tolist()
    as_text = pd.read_csv(path, keep_default_na=False)
    assert lead_quantities(as_text)["text"].tolist() == leads["text"].tolist()


def test_a_change_leads_with_its_after_and_carries_its_before():
    table = extract_quantities(
        pd.DataFrame(
            {
                "item_id": [1, 2],
                "section_id": [1, 1],
                "content": ["新能源汽车保有量由10万辆增至30万辆。", "新增绿地面积12万平方米。"],
            }
        )
    )
    assert table["change_id"].tolist() == ["1.1", "1.1", ""]
    headlines = headline_quantities(table)
    assert headlines[["text", "before_text", "dimension"]].values.tolist() == [
        ["30万辆", "10万辆", "count"],
        ["12万平方米", "", "area"],
    ]
    assert headlines["before_value"].tolist()[0] == 100_000


def test_the_deck_note_names_the_dimensions_of_the_key_numbers(tmp_path, quantities):
    from analysis.report.talking_points import Tables, talking_point

    quantities.to_csv(tmp_path / "quantities.csv", index=False)
    # The list's key numbers are shares (item 4's 40% first), areas (item 10) and counts.
    assert "其中比例、面积和数量合为 15 个关键数字" in talking_point(
        "key_numbers", Tables(tmp_path), "zh", None
    )
    english = talking_point("key_numbers", Tables(tmp_path), "en", None)
    assert "the share, area and count figures among them make 15 key numbers" in english
