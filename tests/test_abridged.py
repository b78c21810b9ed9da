"""Lists as governments publish them: abridged, with a count in each section title, and with a
header of their own words and further columns.

The real list is tests/fixtures/innovation_reforms_2018_abridged.txt, the annex of 国办发〔2018〕
126号 (see tests/fixtures/README.md): section 四 was published with its heading only, so the
numbers run 1–14 and then 21–23. The expected values below are read off the published
document (its table, and the notice's own enumeration of the measures), not off the loader.
"""

from pathlib import Path

import pytest

from analysis import ListFormatError, absent_items_table, parse_list_bytes, sections_table
from analysis.report.absences import absence_sentences
from analysis.source.declared import declared_count, without_declared_count
from analysis.source.invariants import check_items

FIXTURE = Path(__file__).parent / "fixtures" / "innovation_reforms_2018_abridged.txt"
LINES = FIXTURE.read_text(encoding="utf-8").split("\n")
HEADING_ONLY = "section published with its heading only"
ALLOWED = "absent from the file (allowed by --allow-gaps)"


def _line_of(prefix: str) -> int:
    """1-based line of the fixture that starts with ``prefix``."""
    return next(n for n, line in enumerate(LINES, 1) if line.startswith(prefix))


def _load(lines: list[str], allow_gaps: bool = False):
    return parse_list_bytes("\n".join(lines).encode("utf-8"), "list.txt", allow_gaps=allow_gaps)


def _without(*prefixes: str) -> list[str]:
    return [line for line in LINES if not line.startswith(prefixes)]


def _replaced(old: str, new: str) -> list[str]:
    assert sum(old in line for line in LINES) == 1
    return [line.replace(old, new) for line in LINES]


@pytest.fixture(scope="module")
def real():
    return _load(LINES)


# --- the real list ---


def test_every_published_item_loads_with_its_own_number(real):
    assert real["item_id"].tolist() == [*range(1, 15), 21, 22, 23]
    assert real.set_index("item_id")["section_numeral"].to_dict() == {
        **dict.fromkeys(range(1, 6), "一"),
        **dict.fromkeys(range(6, 10), "二"),
        **dict.fromkeys(range(10, 15), "三"),
        **dict.fromkeys((21, 22, 23), "五"),
    }
    # The notice lists the measures of each section by name; the annex's rows carry the same.
    names = real.set_index("item_id")["name"]
    assert names[1] == "知识产权民事、刑事、行政案件“三合一”审判"
    assert names[14] == "创新创业团队回购地方政府产业投资基金所持股权的机制"
    assert names[21] == "允许地方高校自主开展人才引进和职称评审"
    assert names[23] == "以地方立法形式建立推动改革创新的决策容错机制"
    check_items(real)


def test_the_heading_only_section_is_recorded_absent(real):
    absent = absent_items_table(real)
    assert absent[["section_numeral", "first_item", "last_item", "items", "missing"]].to_dict(
        "records"
    ) == [
        {
            "section_numeral": "四",
            "first_item": 15,
            "last_item": 20,
            "items": 6,
            "missing": "15–20",
        }
    ]
    assert absent.loc[0, "section_title"] == "军民深度融合方面（共6项）"
    assert absent.loc[0, "reason"] == HEADING_ONLY
    assert absent.loc[0, "line"] == _line_of("四、")
    assert not set(range(15, 21)) & set(real["item_id"])


def test_declared_counts_are_recorded_per_section(real):
    sections = sections_table(real)
    assert sections["section_numeral"].tolist() == ["一", "二", "三", "四", "五"]
    assert sections["declared_items"].tolist() == [5, 4, 5, 6, 3]
    assert sections["items"].tolist() == [5, 4, 5, 0, 3]
    # Every count the list declares holds: no data-quality note.
    assert not [r for r in real.attrs["repairs"] if r["kind"] == "declared_count_differs"]


def test_the_header_is_read_by_role_and_the_further_columns_kept(real):
    assert real.attrs["columns"] == {
        "number": "序号",
        "name": "改革举措",
        "content": "主要内容",
        "extras": ["指导部门", "推广范围"],
    }
    rows = real.set_index("item_id")
    assert rows.loc[1, "指导部门"] == "最高人民法院、最高人民检察院、国家知识产权局"
    assert rows.loc[1, "推广范围"] == "全国"
    assert rows.loc[6, "指导部门"] == (
        "科技部、国家发展改革委、财政部、国家知识产权局、教育部、国务院国资委、中科院、司法部"
    )
    assert rows.loc[6, "推广范围"] == "8个改革试验区域"
    assert rows.loc[10, "指导部门"] == "中国证监会"
    assert rows.loc[21, "推广范围"] == "8个改革试验区域"
    assert rows.loc[23, "指导部门"] == "国家发展改革委、国务院国资委、审计署"
    # Never folded into the content.
    assert rows.loc[22, "content"].endswith("（免税进口的科研仪器设备按有关政策规定执行）。")
    assert not rows["content"].str.contains("全国$|8个改革试验区域$").any()


def test_the_overview_sentence_in_both_languages(real):
    absent = absent_items_table(real)
    assert absence_sentences(absent, "en") == [
        "Items 15–20 (section 四, 6 items) are not in this file: the section was published "
        "with its heading only."
    ]
    assert absence_sentences(absent, "zh") == [
        "第 15–20 项（四、军民深度融合方面（共6项），6 项）不在本文件中：该方面发布时只有标题。"
    ]


# --- gaps the list does not explain ---


def test_an_unexplained_gap_names_the_line_and_the_missing_numbers():
    lines = _without("12\t")
    with pytest.raises(ListFormatError) as caught:
        _load(lines)
    assert caught.value.line == lines.index(next(x for x in lines if x.startswith("13\t"))) + 1
    assert "item 12 is missing" in str(caught.value)
    assert "--allow-gaps" in str(caught.value)


def test_allow_gaps_records_the_missing_numbers():
    loaded = _load(_without("12\t", "13\t"), allow_gaps=True)
    assert loaded["item_id"].tolist() == [*range(1, 12), 14, 21, 22, 23]
    absent = absent_items_table(loaded)
    assert absent[["section_numeral", "missing", "reason"]].to_dict("records") == [
        {"section_numeral": "三", "missing": "12–13", "reason": ALLOWED},
        {"section_numeral": "四", "missing": "15–20", "reason": HEADING_ONLY},
    ]
    assert absence_sentences(absent.iloc[:1], "en") == [
        "Items 12–13 (section 三, 2 items) are not in this file: it is absent from the file "
        "(loaded with --allow-gaps)."
    ]
    check_items(loaded)


def test_a_declared_count_that_does_not_fill_the_gap_is_refused():
    with pytest.raises(ListFormatError) as caught:
        _load(_replaced("军民深度融合方面（共6项）", "军民深度融合方面（共5项）"))
    assert caught.value.line == _line_of("21\t")
    assert "items 15–20 are missing" in str(caught.value)
    assert "add up to 5, not 6" in str(caught.value)
    assert "--allow-gaps" in str(caught.value)


def test_a_heading_only_section_with_no_gap_is_refused():
    # Items 21–23 numbered 15–17, as if nothing were missing after section 四's heading.
    renumbered = [
        f"{int(line[:2]) - 6}{line[2:]}" if line.startswith(("21\t", "22\t", "23\t")) else line
        for line in LINES
    ]
    with pytest.raises(ListFormatError, match="declare items but have none") as caught:
        _load(renumbered)
    assert caught.value.line == _line_of("21\t")


def test_a_heading_only_section_without_a_count_is_refused():
    with pytest.raises(ListFormatError, match=r"section 四 \(line 23\) has no items"):
        _load(_replaced("军民深度融合方面（共6项）", "军民深度融合方面"))


def test_a_heading_only_last_section_is_recorded_absent():
    loaded = _load(_without("五、", "21\t", "22\t", "23\t"))
    assert loaded["item_id"].tolist() == list(range(1, 15))
    assert absent_items_table(loaded)["missing"].tolist() == ["15–20"]


def test_a_miscounted_section_loads_with_a_note():
    loaded = _load(_replaced("知识产权保护方面（共5项）", "知识产权保护方面（共7项）"))
    assert loaded["item_id"].tolist() == [*range(1, 15), 21, 22, 23]
    notes = [r for r in loaded.attrs["repairs"] if r["kind"] == "declared_count_differs"]
    assert [(n["line"], n["before"], n["after"]) for n in notes] == [
        (_line_of("一、"), "7 items declared", "5 items listed")
    ]


# --- the header ---


def test_a_header_the_kit_cannot_place_names_the_line_and_the_words():
    lines = _replaced("序号\t改革举措\t主 要 内 容", "序号\t标题\t说明")
    with pytest.raises(ListFormatError) as caught:
        _load(lines)
    message = str(caught.value)
    assert caught.value.line == _line_of("序号")
    assert "column 2 reads 标题" in message
    assert "改革举措" in message and "具体内容" in message and "主要内容" in message


def test_a_further_column_may_not_repeat_a_role_or_a_table_column():
    with pytest.raises(ListFormatError, match="repeats a number, name or content word"):
        _load(_replaced("指导部门", "内容"))
    with pytest.raises(ListFormatError, match="takes the name of a column of the table"):
        _load(_replaced("指导部门", "line_start"))


@pytest.mark.parametrize(
    ("header", "name", "content"),
    [
        ("序号\t名称\t具体内容", "名称", "具体内容"),
        ("序　号\t举措名称\t主要做法", "举措名称", "主要做法"),
        ("编号\t经验做法\t内容", "经验做法", "内容"),
        ("序号\t事项\t主 要 内 容", "事项", "主要内容"),
    ],
)
def test_header_words_for_each_role(header, name, content):
    loaded = _load([header, "一、方面", "1\t甲\t乙"])
    assert (loaded.attrs["columns"]["name"], loaded.attrs["columns"]["content"]) == (name, content)
    assert loaded[["name", "content"]].values.tolist() == [["甲", "乙"]]


def test_a_wrapped_further_cell_is_joined_to_its_own_column():
    lines = ["序号\t名称\t具体内容\t指导部门", "一、方面", "1\t甲\t乙乙\t科技部、", "财政部"]
    loaded = _load(lines)
    assert loaded.loc[0, "指导部门"] == "科技部、财政部"
    assert loaded.loc[0, "content"] == "乙乙"
    fields = [r["field"] for r in loaded.attrs["repairs"] if r["kind"] == "continuation_joined"]
    assert fields == ["指导部门"]


# --- declared counts ---


@pytest.mark.parametrize(
    ("title", "count"),
    [
        ("四、军民深度融合方面（共6项）", 6),
        ("一、知识产权保护（5项）", 5),
        ("二、改革举措共12条", 12),
        ("三、创新举措（共十二项）", 12),
        ("五、管理体制创新方面(共3项)", 3),
        ("建立健全促进实体经济高质量发展的体制机制", None),
        ("推广“6+1”模式", None),
    ],
)
def test_declared_count(title, count):
    assert declared_count(title) == count


def test_figure_labels_drop_the_count_but_the_table_keeps_it(real):
    assert without_declared_count("军民深度融合方面（共6项）") == "军民深度融合方面"
    assert real["section_title"].iloc[0] == "知识产权保护方面（共5项）"


@pytest.mark.slow  # draws a whole set of figures or pages: over a second
def test_the_further_columns_are_glossed_in_the_english_table(real):
    from analysis.report import shown_tables

    english = shown_tables.items(real, "en", None).columns.tolist()
    assert "指导部门 (guiding departments†)" in english
    assert "推广范围 (roll-out scope†)" in english
    assert {"指导部门", "推广范围"} <= set(shown_tables.items(real, "zh", None).columns)
