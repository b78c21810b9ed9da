"""Coined terms and first-mover claims, checked against the source read by hand."""

import pandas as pd
import pytest

from analysis.extract.claims import (
    claims_per_item,
    claims_per_section,
    coined_terms,
    first_mover_claims,
)

# (item_id, field, text, kind): every 率先 / 首创 / 首个 / 首家 / 第一… in the list.
EXPECTED_CLAIMS = {
    (1, "name", "率先", "claim"),  # 率先形成基础研究长期持续稳定投入机制
    (13, "content", "率先", "claim"),  # 率先实现5G独立组网全覆盖
    (15, "content", "全国首家", "claim"),  # 高规格设立全国首家专门破产法庭
    (15, "content", "率先", "claim"),  # 以地方立法突破率先构建个人破产制度
    (15, "content", "全国首个", "claim"),  # 运用全国首个个人破产信息化综合应用系统
    (20, "content", "全国第一家", "claim"),  # 成立全国第一家按法定机构模式治理的仲裁机构
    (20, "content", "全国首个", "claim"),  # 建立全国首个以国际化理事会为中心的…
    (20, "content", "率先", "claim"),  # 率先制定适用《…》的程序指引
    (21, "name", "率先", "claim"),  # 率先形成最严格的知识产权保护体系
    (21, "content", "率先", "claim"),  # 率先实施惩罚性赔偿制度 / 率先界定… (two rows)
    (27, "name", "率先", "claim"),  # 率先出台《深圳经济特区健康条例》
    (27, "content", "率先", "claim"),  # 率先制定《深圳经济特区健康条例》
    (27, "content", "在全国率先", "claim"),  # 在全国率先要求销售者设置…健康提示标识
    (29, "content", "率先", "aspiration"),  # 力争率先实现学有优教
    (30, "name", "率先", "claim"),  # 率先建立职业教育产教深度融合模式
    (34, "name", "率先", "claim"),  # 率先创建儿童友好城市
    (34, "content", "率先", "claim"),  # 率先提出“…”目标
    (34, "content", "中国第一个", "aspiration"),  # “建设中国第一个儿童友好城市”目标
    (34, "content", "首创", "claim"),  # 首创儿童友好社区…等建设指引
    (36, "content", "国内首个", "claim"),  # 编制国内首个土壤环境背景值地方标准
    (36, "content", "首个", "claim"),  # 成为首个成功创建国家生态文明建设示范区的副省级城市
    (38, "content", "率先", "claim"),  # 率先构建“自然公园—城市公园—社区公园”…
    (39, "content", "在全国率先", "claim"),  # 在全国率先实现公交车…全面纯电动化
    (39, "content", "率先", "claim"),  # 率先全面实施公共机构合同能源管理
    (43, "content", "全国首个", "claim"),  # 全国首个“志愿者之城”
    (44, "content", "在全国首创", "claim"),  # 在全国首创国际化街区建设体系
}


@pytest.fixture(scope="module")
def claims(items):
    return first_mover_claims(items)


@pytest.fixture(scope="module")
def terms(items):
    return coined_terms(items)


def test_claims_precision_and_recall(claims):
    found = set(claims[["item_id", "field", "text", "kind"]].itertuples(index=False, name=None))
    assert found - EXPECTED_CLAIMS == set()
    assert EXPECTED_CLAIMS - found == set()
    assert len(claims) == 27  # item 21's content says 率先 twice, so one more row than the set


def test_claim_spans_and_sentences(items, claims):
    by_id = items.set_index("item_id")
    for row in claims.itertuples():
        text = by_id.loc[row.item_id, row.field]
        assert text[row.span_start : row.span_end] == row.text
        assert row.text in row.sentence
    first = claims[(claims["item_id"] == 15) & (claims["marker"] == "首家")].iloc[0]
    assert (
        first["sentence"]
        == "高规格设立全国首家专门破产法庭，创新破产办理规则、简化破产程序、降低破产成本。"
    )


def test_first_batches_and_first_contact_are_not_claims():
    items = pd.DataFrame(
        {
            "item_id": [1],
            "section_id": [1],
            "name": ["测试"],
            "content": ["推进首批20个国际化街区建设，采取“首办负责制”。"],
        }
    )
    assert first_mover_claims(items).empty


def test_claims_per_item(items, claims):
    per_item = claims_per_item(claims, items).set_index("item_id")
    assert len(per_item) == 47
    assert per_item.loc[27, ["claims_in_name", "claims_in_content", "claims"]].tolist() == [1, 2, 3]
    assert per_item.loc[29, "claims"] == 0  # only an aspiration
    assert per_item.loc[2, "claims"] == 0


def test_claims_per_section(items, claims):
    table = claims_per_section(claims, items)
    assert table["section_numeral"].tolist() == ["一", "二", "三", "四", "五"]
    assert table["items"].tolist() == [8, 10, 8, 9, 12]
    # Items with a claim: 一 {1}; 二 {13, 15}; 三 {20, 21}; 四 {27, 30, 34};
    # 五 {36, 38, 39, 43, 44}.
    assert table["items_with_claim"].tolist() == [1, 2, 2, 3, 5]
    assert table["claims"].tolist() == [1, 4, 6, 7, 7]


def test_coined_terms(items, terms):
    assert len(terms) == 147
    by_id = items.set_index("item_id")
    for row in terms.itertuples():
        assert by_id.loc[row.item_id, row.field][row.span_start : row.span_end] == row.term
    chain = terms[terms["term"] == "链长制"].iloc[0]  # inside 《深圳市重点产业链“链长制”工作方案》
    assert chain["item_id"] == 9
    assert chain["sentence"].startswith("出台《关于支持企业提升竞争力的若干措施》")
    assert set(terms.loc[terms["kind"] == "code", "term"]) == {"12345", "146", "31631"}
    # Item 3 quotes “楼上楼下”, then “楼上” and “楼下” on their own.
    assert terms.loc[terms["item_id"] == 3, "term"].tolist() == [
        "沿途下蛋",
        "楼上楼下",
        "楼上",
        "楼下",
        "科研—转化—产业",
    ]
    assert terms.loc[(terms["item_id"] == 43) & (terms["field"] == "name"), "term"].tolist() == [
        "红马甲"
    ]
