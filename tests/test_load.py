"""The tidy table, checked against the source (values read off the source by hand)."""

import re

import pandas as pd

from analysis import repairs_table, sections_table
from analysis.source.load import COLUMNS


def test_schema(items):
    assert list(items.columns) == COLUMNS
    for column in ["item_id", "section_id", "line_start", "line_end", "name_chars"]:
        assert items[column].dtype == "int64"
    assert pd.api.types.is_string_dtype(items["name"])
    assert pd.api.types.is_string_dtype(items["content"])


def test_five_sections_and_47_items(items):
    assert items["item_id"].tolist() == list(range(1, 48))
    sections = sections_table(items)
    assert sections["section_numeral"].tolist() == ["一", "二", "三", "四", "五"]
    assert sections["items"].tolist() == [8, 10, 8, 9, 12]
    assert sections["first_item"].tolist() == [1, 9, 19, 27, 36]


def test_section_titles(items):
    titles = items.drop_duplicates("section_id")["section_title"].tolist()
    assert titles[1] == "建立健全促进实体经济高质量发展的体制机制"
    assert titles[4] == "创新推动城市治理体系和治理能力现代化"
    assert titles[0].startswith("建立“基础研究+技术攻关")


def test_line_numbers_point_at_the_source(items, source_lines):
    for row in items.itertuples():
        line = source_lines[row.line_start - 1]
        assert line.split("\t")[0] == str(row.item_id)
    first, last = items.iloc[0], items.iloc[-1]
    assert (first.line_start, last.line_start) == (9, 85)


def test_item_45_name_is_rejoined_by_the_general_rule(items):
    item = items.set_index("item_id").loc[45]
    assert item["name"] == "构建城市生命周期安全管理体系"
    assert item["content"].startswith("强化城市安全源头治理")
    moved = repairs_table(items).query("kind == 'name_tail_moved'")
    assert moved["item_id"].tolist() == [45]


def test_inner_whitespace_and_markup_are_gone(items):
    by_id = items.set_index("item_id")
    assert by_id.loc[17, "name"] == "“小错免罚”包容柔性执法"
    assert "儿童友好基地360个、妇女儿童之家713个" in by_id.loc[34, "content"]
    assert not items["content"].str.contains("<p>|</p>", regex=True).any()
    assert not items["content"].str.contains(r"[\u4e00-\u9fff] [\u4e00-\u9fff\d]", regex=True).any()


def test_stray_english_and_in_item_8_is_corrected_and_listed(items):
    content = items.set_index("item_id").loc[8, "content"]
    assert "科研机构和行业领先企业" in content
    assert "and" not in content
    corrected = repairs_table(items).query("kind == 'stray_english_corrected'")
    assert corrected["item_id"].tolist() == [8]
    assert corrected["line"].tolist() == [20]


def test_every_page_break_header_is_recorded(items, source_lines):
    header_lines = [n for n, line in enumerate(source_lines, 1) if line.startswith("序号\t")]
    dropped = repairs_table(items).query("kind == 'header_row_dropped'")["line"].tolist()
    assert dropped == header_lines[1:]
    assert len(dropped) == 13


def test_nothing_is_lost(items, source_lines):
    """Every non-space character of the item rows (name and content cells) is in the table,
    in order, except the markup and the corrections the repairs table lists."""
    item_lines = [line for line in source_lines if re.match(r"^\d+\t", line)]
    assert len(item_lines) == 47
    source_text = "".join(line.split("\t", 1)[1] for line in item_lines)
    source_text = re.sub(r"</?p>", "", source_text)
    for repair in repairs_table(items).query("kind == 'stray_english_corrected'").itertuples():
        assert "and" in repair.before and "and" not in repair.after
        assert repair.before in source_text
        source_text = source_text.replace(repair.before, repair.after, 1)
    table_text = "".join(items["name"] + items["content"])
    strip = re.compile(r"\s+")
    assert strip.sub("", table_text) == strip.sub("", source_text)


def test_character_counts(items):
    assert (items["content_chars"] == items["content"].str.len()).all()
    assert items.set_index("item_id").loc[17, "name_chars"] == len("“小错免罚”包容柔性执法")


def test_attrs_carry_provenance(items):
    assert items.attrs["encoding"] == "utf-8"
    assert items.attrs["title"].splitlines() == ["附件", "深圳经济特区创新举措和经验做法清单"]
    assert len(items.attrs["sha256"]) == 64


def test_preamble_is_recorded_line_by_line(items):
    from analysis.source.load import preamble_table

    preamble = preamble_table(items)
    assert preamble["line"].tolist() == [1, 2, 3, 4, 5, 6]
    assert preamble["kind"].tolist() == [
        "blank",
        "blank",
        "attachment_label",
        "blank",
        "title",
        "blank",
    ]
    assert preamble.set_index("line").loc[5, "text"] == "深圳经济特区创新举措和经验做法清单"


def _with_item_40_content(source_lines, content: str):
    from analysis import parse_list_bytes

    lines = [
        "\t".join(line.split("\t")[:2] + [content]) if line.startswith("40\t") else line
        for line in source_lines
    ]
    return parse_list_bytes("\n".join(lines).encode("utf-8")).set_index("item_id").loc[40]


def test_a_heading_or_enumerator_paragraph_is_not_taken_for_a_name_tail(source_lines):
    for opening in ("总体要求", "一是"):
        item = _with_item_40_content(source_lines, f"<p>{opening}</p><p>开展“无废城市”建设。</p>")
        assert item["name"] == "创新生活垃圾分类与处理设施建设模式"
        assert item["content"].startswith(opening)


def test_stray_english_without_spaces_is_corrected_but_capitals_are_left(source_lines):
    assert "企业和高校" in _with_item_40_content(source_lines, "支持企业and高校合作。")["content"]
    assert "研究OR开发" in _with_item_40_content(source_lines, "支持研究OR开发。")["content"]


def test_a_wrapped_name_is_logged_as_a_name_repair():
    from analysis import parse_list_bytes, repairs_table

    listing = "\n".join(
        [
            "序号\t名称\t具体内容",
            "一、优化营商环境",
            "1\t推行企业开办",  # the name wraps onto the next line, which then holds the content
            "一网通办\t企业开办实现一网通办，全程网上办理。",
        ]
    )
    items = parse_list_bytes(listing.encode("utf-8"))
    assert items.loc[0, "name"] == "推行企业开办一网通办"
    assert items.loc[0, "content"] == "企业开办实现一网通办，全程网上办理。"
    joined = repairs_table(items).query("kind == 'continuation_joined'")
    assert joined[["line", "item_id", "field"]].values.tolist() == [[4, 1, "name"]]


def test_markup_repairs_show_the_cell_without_its_tags(items):
    removed = repairs_table(items).query("kind == 'markup_removed'")
    assert removed["item_id"].tolist() == [20, 21, 22, 23, 43, 44, 45]
    by_item = removed.set_index("item_id")
    assert by_item.loc[43, "before"] == "<p>“来了就是深圳人、来了就当志愿者”"
    assert by_item.loc[43, "after"] == "“来了就是深圳人、来了就当志愿者”，着力"
    # Item 45's cell holds two paragraphs; the first is the end of the name (体系).
    assert by_item.loc[45, "after"] == "体系\n强化城市安全源头治理，激励扶持产业"
    for row in removed.itertuples():
        assert row.after and "<" not in row.after
        assert re.sub(r"</?p>", "", row.before).replace(" ", "")[:10] in row.after.replace("\n", "")
