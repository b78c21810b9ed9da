"""The report's words: every code a table can hold reads as words in both languages, every
text exists in both, and numbers are written the way each reader writes them."""

import ast
import json
import re
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.extract.regulations import LEVELS
from analysis.paths import RESOURCES, ROOT
from analysis.report import wording
from analysis.report.wording import code_word, english_amount, gloss, say


def _repair_kinds() -> set[str]:
    """Every repair kind the loader can record: the fourth argument of each ``Repair(…)`` and
    every ``kind=`` keyword in the source-reading modules."""
    kinds = set()
    for module in (ROOT / "src" / "analysis" / "source").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "Repair" and len(node.args) > 3 and isinstance(node.args[3], ast.Constant):
                kinds.add(node.args[3].value)
            kinds |= {
                k.value.value
                for k in node.keywords
                if k.arg == "kind" and isinstance(k.value, ast.Constant)
            }
    return kinds


def test_every_text_is_in_both_languages():
    texts = json.loads((RESOURCES / "report_text.json").read_text(encoding="utf-8"))
    assert [key for key, value in texts.items() if set(value) != {"zh", "en"}] == []


def test_every_repair_kind_reads_as_words_in_both_languages():
    kinds = _repair_kinds()
    assert {
        "header_row_dropped",
        "stray_english_corrected",
        "markup_removed",
        "declared_count_differs",
    } <= kinds
    assert len(kinds) == 14
    for kind in sorted(kinds):
        for lang in ("zh", "en"):
            assert wording.has_text(f"code.repair.{kind}"), kind
            assert wording.has_text(f"code.reason.{kind}"), kind
            assert "_" not in code_word("repair", kind, lang)
    assert code_word("repair", "header_row_dropped", "zh") == "表头重复行"
    assert code_word("repair", "header_row_dropped", "en") == "repeated table header"


def test_every_reason_for_absent_items_reads_as_words_in_both_languages():
    from analysis.source.declared import REASONS

    assert set(REASONS) == {"heading_only", "allowed_gap"}
    for code in REASONS:
        for lang in ("zh", "en"):
            assert "_" not in code_word("absence", code, lang), code
    assert code_word("absence", "heading_only", "en") == (
        "the section was published with its heading only"
    )


def test_every_level_and_field_reads_as_words():
    for level in LEVELS:
        assert wording.has_text(f"code.level.{level}")
    assert code_word("level", "sez_regulation", "zh") == "经济特区法规"
    assert code_word("level", "international", "en") == "international rules"
    for field in ("row", "content", "name", "file", "item_id", "section_title"):
        assert "_" not in code_word("field", field, "en")
    # A code nobody has named yet still wraps like words.
    assert code_word("repair", "brand_new_kind", "en") == "brand new kind"


def test_table_controls_are_translated():
    assert wording.table_controls("zh")["search"] == "搜索："
    assert wording.table_controls("en")["search"] == "Search:"


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (2_080_000, "人", "2.08 million"),
        (42, "%", "42%"),
        (270, "km2", "270 km²"),
        # Every share is a percentage: 1/3 is stored as 33.333… (unit %).
        (100 / 3, "%", "33.33%"),
        (12.5, "%", "12.5%"),
        (14_000, "个", "14,000"),
        (360, "个", "360"),
        (150_000_000, "元", "150 million yuan"),
        (250_000_000, "kWh", "250 million kWh"),
        (15, "min", "15 min"),
        (999_700_000, "人", "1 billion"),
        (999_400_000, "人", "999 million"),
        (1_200_000_000_000, "元", "1.2 trillion yuan"),
        (3, "天", "3 days"),
    ],
)
def test_english_amounts(value, unit, written):
    assert english_amount(value, unit) == written


# A number in prose: one to three digits, at most two decimals, a word; no exponent, no 1000.
_LARGE_WRITTEN = re.compile(
    r"^(?P<number>[1-9][0-9]{0,2}(?:\.[0-9]{1,2})?) (?P<word>million|billion)$"
)


@settings(derandomize=True)
@given(st.floats(min_value=1e6, max_value=9.99e11, allow_nan=False))
@example(999.5e6)
@example(999_999_999.0)
def test_large_english_amounts_read_back_within_rounding(value):
    written = english_amount(value, "人")
    parsed = _LARGE_WRITTEN.match(written)
    assert parsed, written
    size = {"million": 1e6, "billion": 1e9}[parsed["word"]]
    assert Decimal(parsed["number"]) * Decimal(size) == pytest.approx(Decimal(value), rel=5e-3)


def test_glosses_and_references():
    assert gloss("志愿者", None) == "volunteers"
    assert gloss("研发人员、研发资金", None) == "R&D staff, R&D funding"
    # No source glosses 见|过 or 的|词 (single characters in a row): the reading stands in.
    assert gloss("从未见过的词", None) == "cóng wèi jiàn guò de cí"
    assert gloss("Only English", None) is None
    assert wording.term_with_gloss("企业", "en", None) == "企业 (enterprises)"
    assert wording.term_with_gloss("企业", "zh", None) == "“企业”"
    assert wording.term_in_text("企业", "en", None, count=47) == (
        '<span lang="zh-Hans">企业</span> (enterprises, **47** times)'
    )
    assert wording.term_in_text("从未见过", "en", None, count=2) == (
        '<span lang="zh-Hans">从未见过</span> (cóng wèi jiàn guò, **2** times)'
    )
    assert wording.term_in_text("企业", "zh", None, count=47) == "“企业”（**47** 次）"
    assert wording.sentences("一。", "二。", lang="zh") == "一。二。"
    assert wording.sentences("One.", "Two.", lang="en") == "One. Two."
    title = "创新推动城市治理体系和治理能力现代化"
    assert wording.section_reference("五", title, "en", None) == "section 5 (Urban governance)"
    assert wording.section_reference("五", title, "zh", None) == f"“五、{title}”"
    assert wording.section_reference("二", "完善基层治理体系", "en", None) == (
        "section 2 (Grassroots governance†)"
    )


def test_bilingual_metadata_in_each_language():
    publisher = "国家发展改革委 (National Development and Reform Commission)"
    assert wording.in_language(publisher, "zh") == "国家发展改革委"
    assert (
        wording.in_language(publisher, "en")
        == "National Development and Reform Commission (国家发展改革委)"
    )
    published = "2021-07 (late July 2021; unverified)"
    assert wording.publication_date(published, "zh") == "2021年7月"
    # "unverified" is said once, from the provenance flag, not from the date's note.
    assert wording.publication_date(published, "en") == "late July 2021"


def test_lead_numbers_are_written_for_each_reader():
    row = type("Row", (), dict(subject="志愿者", text="达208万人", item_id=43, value=2_080_000.0,
                               unit="人", qualifier="达"))  # fmt: skip
    assert wording.lead_number(row, "“红马甲”扮靓志愿者之城", "zh", None) == (
        "志愿者**达208万人**（第 43 项：“红马甲”扮靓志愿者之城）"
    )
    assert wording.lead_number(row, "", "en", None) == (
        'volunteers (<span lang="zh-Hans">志愿者</span>): reached **2.08 million** (item 43)'
    )
    with pytest.raises(KeyError, match="no fr text"):
        say("heading.overview", "fr")


def test_a_lead_change_is_worded_as_a_change():
    import pandas as pd

    from analysis.extract.headlines import lead_quantities
    from analysis.extract.quantities import extract_quantities

    table = extract_quantities(
        pd.DataFrame({"item_id": [5], "section_id": [1], "content": ["审批环节由8个缩短为4个。"]})
    )
    row = next(lead_quantities(table).itertuples())
    assert (
        wording.lead_number(row, "审批改革", "zh", None)
        == "审批环节由8个变为**4个**（第 5 项：审批改革）"
    )
    assert wording.lead_number(row, "审批改革", "en", None).endswith(": from 8 to **4** (item 5)")


@pytest.mark.parametrize(
    ("value", "value_high", "unit", "written"),
    [
        (10, 20, "家", "10–20"),
        (3, 5, "年", "3–5 years"),
        (3, 5, "%", "3%–5%"),
        (5, float("nan"), "‰", "5‰"),
        (2_000_000, 3_000_000, "元", "2 million–3 million yuan"),
    ],
)
def test_english_ranges(value, value_high, unit, written):
    from analysis.figures.numbers import english_range

    assert english_range(value, value_high, unit) == written


def test_plain_ranges_in_tables():
    assert wording.plain_range(3.0, 5.0) == "3–5"
    assert wording.plain_range(1200.0, float("nan")) == "1,200"


def test_two_glossaries_in_one_process_each_gloss_their_own_text(tmp_path):
    from analysis.report import shown_tables
    from analysis.report.finished_tables import Tables
    from analysis.report.talking_points import talking_point

    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    # In the committed tables 建设 is the network's hub and 662个社区 a quantity's subject; the
    # curated glossary has neither, so each glossary's own gloss is what shows.
    first.write_text("term_zh,en\n建设,building works\n662个社区,the 662 neighbourhoods\n",
                     encoding="utf-8")  # fmt: skip
    second.write_text("term_zh,en\n建设,public works\n662个社区,662 residential areas\n",
                      encoding="utf-8")  # fmt: skip
    tables = Tables(ROOT / "data" / "processed")

    def subjects(glossary) -> set[str]:
        return set(shown_tables.quantities(tables["quantities"], "en", glossary)["subject"])

    for _ in range(2):  # interleaved, so that a glossary left behind by a call would show
        assert wording.term_with_gloss("建设", "en", first) == "建设 (building works)"
        assert wording.term_with_gloss("建设", "en", second) == "建设 (public works)"
        assert "works" not in wording.term_with_gloss("建设", "en", None)
        assert "“建设 (building works)”" in talking_point(
            "cooccurrence_network", tables, "en", first
        )
        assert "“建设 (public works)”" in talking_point(
            "cooccurrence_network", tables, "en", second
        )
        assert "works" not in talking_point("cooccurrence_network", tables, "en", None)
        assert "662个社区 (the 662 neighbourhoods)" in subjects(first)
        assert "662个社区 (662 residential areas)" in subjects(second)
        assert not {"662个社区 (the 662 neighbourhoods)", "662个社区 (662 residential areas)"} & (
            subjects(None)
        )
