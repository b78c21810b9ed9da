"""The instruments the list cites, checked against a list made by reading the source by hand.

Every expected row below was looked up in data/raw/shenzhen_sez_innovation_measures_2021.txt;
the comment after each row quotes the words around it.
"""

import pandas as pd
import pytest

from analysis.extract.regulations import (
    doc_type,
    extract_regulations,
    instrument_level,
    issuer_level,
)

# (item_id, title, bracketed, doc_type, level)
EXPECTED = {
    (1, "深圳经济特区科技创新条例", True, "条例", "sez_regulation"),  # 制定出台《…》
    (9, "关于支持企业提升竞争力的若干措施", True, "措施", "municipal"),  # 出台《…》《…》《…》等文件
    (9, "关于促进人才优先发展的若干措施", True, "措施", "municipal"),
    (9, "深圳市重点产业链“链长制”工作方案", True, "方案", "municipal"),  # quotes inside 《》
    (17, "轻微违法行为不予处罚清单", False, "清单", "municipal"),  # 制定轻微违法行为不予处罚清单
    (19, "域外法查明办法", True, "办法", "municipal"),  # 制定《…》《…》等系列制度
    (19, "适用域外法裁判指引", True, "指引", "municipal"),
    (20, "联合国国际贸易法委员会仲裁规则", True, "规则", "international"),
    # 率先制定适用《联合国国际贸易法委员会仲裁规则》的程序指引: Shenzhen's own instrument
    (20, "适用《联合国国际贸易法委员会仲裁规则》的程序指引", False, "指引", "municipal"),
    (21, "深圳经济特区知识产权保护条例", True, "条例", "sez_regulation"),  # 出台《…》
    (27, "深圳经济特区健康条例", True, "条例", "sez_regulation"),  # in the name and the content
    # 首创儿童友好社区、学校、图书馆、医院、公园、实践基地等建设指引
    (34, "儿童友好社区、学校、图书馆、医院、公园、实践基地等建设指引", False, "指引", "municipal"),
    # 颁布实施全民阅读促进条例: a 条例 named without its issuer, so not labelled SEZ
    (35, "全民阅读促进条例", False, "条例", "other"),
    (35, "基本公共文化服务实施标准", False, "标准", "municipal"),  # 制定…等系列配套政策
    (36, "土壤环境背景值地方标准", False, "标准", "municipal"),  # 编制国内首个…
    (37, "深圳经济特区排水条例", True, "条例", "sez_regulation"),  # 制定《…》
    (45, "深圳市安全风险管控暂行办法", True, "办法", "municipal"),  # 出台《…》
    (47, "深圳经济特区自然灾害防治条例", True, "条例", "sez_regulation"),  # 制定出台《…》等法规
    (47, "深圳市综合减灾区创建实施方案", True, "方案", "municipal"),  # 印发《…》
}


@pytest.fixture(scope="module")
def regulations(items):
    return extract_regulations(items)


def _found(regulations):
    columns = ["item_id", "title", "bracketed", "doc_type", "level"]
    return set(regulations[columns].itertuples(index=False, name=None))


def test_precision_and_recall_are_one(regulations):
    found = _found(regulations)
    assert found - EXPECTED == set(), "found but not in the hand list (precision < 1)"
    assert EXPECTED - found == set(), "in the hand list but not found (recall < 1)"
    assert len(regulations) == len(EXPECTED) == 19


def test_columns_and_order(regulations):
    assert list(regulations.columns) == [
        "item_id",
        "section_id",
        "field",
        "title",
        "text",
        "span_start",
        "span_end",
        "bracketed",
        "doc_type",
        "level",
        "mentions",
    ]
    assert regulations["item_id"].is_monotonic_increasing
    assert regulations["bracketed"].dtype == bool


def test_spans_point_at_the_exact_text(items, regulations):
    by_id = items.set_index("item_id")
    for row in regulations.itertuples():
        source = by_id.loc[row.item_id, row.field]
        assert source[row.span_start : row.span_end] == row.text
        assert row.text == (f"《{row.title}》" if row.bracketed else row.title)


def test_title_with_quotes_inside_is_whole(regulations):
    row = regulations[regulations["title"].str.contains("链长制")].iloc[0]
    assert row["text"] == "《深圳市重点产业链“链长制”工作方案》"


def test_title_in_name_and_content_counts_once(regulations):
    # Item 27: name 率先出台《深圳经济特区健康条例》, content 率先制定《深圳经济特区健康条例》.
    rows = regulations[regulations["item_id"] == 27]
    assert len(rows) == 1
    assert rows.iloc[0]["field"] == "content"
    assert rows.iloc[0]["mentions"] == 2


def _one_item(name: str, content: str) -> pd.DataFrame:
    return pd.DataFrame({"item_id": [1], "section_id": [1], "name": [name], "content": [content]})


def test_a_title_only_in_the_name_is_reported_from_the_name():
    table = extract_regulations(_one_item("出台《深圳市测试办法》", "推进改革。"))
    assert table[["field", "title", "span_start", "span_end"]].values.tolist() == [
        ["name", "深圳市测试办法", 2, 11]
    ]


def test_a_title_repeated_in_the_content_counts_once():
    content = "出台《深圳市测试办法》。依据《深圳市测试办法》开展工作。"
    table = extract_regulations(_one_item("测试", content))
    assert len(table) == 1
    assert table.iloc[0]["mentions"] == 2
    assert table.iloc[0]["span_start"] == 2


@pytest.mark.parametrize(
    "content",
    [
        "为签约居民制定个性化健康服务包；",  # item 27: a service package, not an instrument
        "共同开发课程标准、共同打造师资团队",  # item 30: 开发 is not an issuing verb
        "新建公共建筑100%执行绿色建筑标准。",  # item 39
        "以国家标准为基础，对标国际标准，",  # item 31: generic standards
        "在全国首创国际化街区建设体系，",  # item 44: 体系 is not an instrument
    ],
)
def test_generic_phrases_are_not_instruments(content):
    assert extract_regulations(_one_item("测试", content)).empty


def test_doc_type_reads_the_last_instrument_word():
    assert doc_type("深圳市安全风险管控暂行办法") == "办法"
    assert doc_type("关于支持企业提升竞争力的若干措施") == "措施"
    assert doc_type("中华人民共和国民法典") == "其他"
    assert doc_type("中华人民共和国反垄断法") == "法"


def test_levels():
    assert instrument_level("深圳经济特区健康条例", issued_here=True) == "sez_regulation"
    assert instrument_level("深圳市综合减灾区创建实施方案", issued_here=False) == "municipal"
    assert instrument_level("联合国国际贸易法委员会仲裁规则", issued_here=False) == "international"
    # A document the list issued, with no place in its title, has the list issuer's level.
    assert instrument_level("域外法查明办法", issued_here=True, issuer="municipal") == "municipal"
    assert instrument_level("域外法查明办法", issued_here=True, issuer="provincial") == "provincial"
    assert instrument_level("域外法查明办法", issued_here=False, issuer="municipal") == "other"
    assert instrument_level("全民阅读促进条例", issued_here=True, issuer="municipal") == "other"


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("澜江省科技创新促进条例", "provincial"),  # list A of the review: a province's 条例
        ("澜江省科研诚信管理办法", "provincial"),
        ("澜江省创新型省份建设规划（2022—2025年）", "provincial"),
        ("广西壮族自治区乡村振兴促进条例", "provincial"),
        ("国务院关于加强科技创新的若干意见", "national"),
        ("中华人民共和国反垄断法", "national"),
        ("全国人大常委会关于授权的决定", "national"),
        ("深圳经济特区健康条例", "sez_regulation"),
        ("深圳市安全风险管控暂行办法", "municipal"),
        ("福田区促进产业发展若干措施", "district"),
        ("柳溪镇网格员管理办法", "township"),
        # These end like a place but name a kind of place: the title opens with no issuer.
        ("儿童友好社区建设指引", "other"),
        ("超大城市治理条例", "other"),
    ],
)
def test_the_level_is_read_from_the_place_a_title_opens_with(title, level):
    assert instrument_level(title, issued_here=False) == level


def test_the_list_issuers_level_comes_from_the_list_title():
    assert issuer_level("附件\n深圳经济特区创新举措和经验做法清单") == "municipal"
    assert issuer_level("澜江省深化科技创新体制机制改革首批举措清单") == "provincial"
    assert issuer_level("柳溪镇基层治理创新做法清单") == "township"
    assert issuer_level("创新举措清单") == "other"


def test_a_dated_title_has_its_type_and_its_short_form_in_the_name_counts_once():
    # List A, item 10: the name gives the plan in short, the content in full with its years.
    items = _one_item(
        "编制创新型省份建设规划",
        "编制《澜江省创新型省份建设规划（2022—2025年）》，明确目标。",
    )
    items.attrs["title"] = "澜江省深化科技创新体制机制改革首批举措清单"
    found = extract_regulations(items)
    assert found[["field", "title", "doc_type", "level", "mentions"]].values.tolist() == [
        ["content", "澜江省创新型省份建设规划（2022—2025年）", "规划", "provincial", 2]
    ]


def test_counts_by_type_and_level(regulations):
    assert regulations["doc_type"].value_counts().to_dict() == {
        "条例": 6,
        "指引": 3,
        "措施": 2,
        "方案": 2,
        "办法": 2,
        "标准": 2,
        "规则": 1,
        "清单": 1,
    }
    assert regulations["level"].value_counts().to_dict() == {
        "municipal": 12,
        "sez_regulation": 5,
        "international": 1,
        "other": 1,
    }
    assert regulations["bracketed"].sum() == 13


@pytest.mark.parametrize(
    "content",
    ["出台相关政策措施，", "制定工作方案。", "制定实施细则，", "印发管理办法。", "出台配套措施。"],
)
def test_kinds_of_document_are_not_titles(content):
    assert extract_regulations(_one_item("测试", content)).empty
