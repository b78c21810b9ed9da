"""Malformed lists raise ListFormatError (a ValueError) naming the 1-based line."""

import re

import pytest

from analysis import ListFormatError, load_items, parse_list_bytes


def _edit(source_lines, line_number: int, new_line: str | None) -> bytes:
    lines = list(source_lines)
    if new_line is None:
        del lines[line_number - 1]
    else:
        lines[line_number - 1] = new_line
    return "\n".join(lines).encode("utf-8")


def _line_of(source_lines, prefix: str) -> int:
    return next(n for n, line in enumerate(source_lines, 1) if line.startswith(prefix))


def _raises_at(data: bytes, line: int, message: str) -> ListFormatError:
    with pytest.raises(ListFormatError, match=message) as caught:
        parse_list_bytes(data, "bad.txt")
    assert caught.value.line == line
    assert f"line {line}:" in str(caught.value)
    return caught.value


def test_is_a_value_error():
    assert issubclass(ListFormatError, ValueError)


def test_gap_in_the_numbering(source_lines):
    line = _line_of(source_lines, "12\t")
    blanked = _edit(source_lines, line, "")
    _raises_at(blanked, _line_of(source_lines, "13\t"), "expected item 12, found item 13")


def test_duplicate_item(source_lines):
    line = _line_of(source_lines, "12\t")
    twice = _edit(source_lines, line, source_lines[line - 1] + "\n" + source_lines[line - 1])
    error = _raises_at(twice, line + 1, "duplicate item 12")
    assert f"already appears at line {line}" in str(error)


def test_skipped_section_numeral(source_lines):
    line = _line_of(source_lines, "三、")
    bad = source_lines[line - 1].replace("三、", "四、", 1)
    _raises_at(_edit(source_lines, line, bad), line, "expected 三")


def test_missing_section_row(source_lines):
    line = _line_of(source_lines, "二、")
    # Without 二, section 三 follows 一: the next section row is the one reported.
    _raises_at(_edit(source_lines, line, None), _line_of(source_lines, "三、") - 1, "expected 二")


def test_missing_first_section_row(source_lines):
    line = _line_of(source_lines, "一、")
    _raises_at(_edit(source_lines, line, None), line, "before any section row")


def test_row_with_extra_cells(source_lines):
    line = _line_of(source_lines, "20\t")
    _raises_at(_edit(source_lines, line, source_lines[line - 1] + "\t多余"), line, "4 cells")


def test_section_row_with_extra_cells(source_lines):
    line = _line_of(source_lines, "四、")
    _raises_at(_edit(source_lines, line, source_lines[line - 1] + "x"), line, "first cell only")


def test_item_with_empty_content(source_lines):
    line = _line_of(source_lines, "30\t")
    number, name, _ = source_lines[line - 1].split("\t")
    _raises_at(_edit(source_lines, line, f"{number}\t{name}\t"), line, "item 30 has empty content")


def test_item_with_only_markup_as_content(source_lines):
    line = _line_of(source_lines, "43\t")
    number, name, _ = source_lines[line - 1].split("\t")
    _raises_at(_edit(source_lines, line, f"{number}\t{name}\t<p></p>"), line, "empty content")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t\n", "\ufeff".encode()])
def test_empty_file(data):
    _raises_at(data, 1, "empty")


def test_binary_file():
    png_header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    _raises_at(png_header, 3, "binary")  # \r\n and \n come before the NUL


def test_binary_without_nul_bytes():
    _raises_at(bytes(range(1, 32)) * 20, 1, "binary")


def test_undecodable_file(source_lines):
    text = "\n".join(source_lines).encode("utf-8")
    line = _line_of(source_lines, "5\t")
    offset = text.index(b"\n5\t") + 3
    broken = text[:offset] + b"\xff\xfe\xff" + text[offset:]
    _raises_at(broken, line, "neither UTF-8 nor GB18030")


def test_unplaceable_row_before_any_section(source_lines):
    line = _line_of(source_lines, "一、")
    data = _edit(source_lines, line, "说明文字\n" + source_lines[line - 1])
    _raises_at(data, line, "cannot place this row")


def test_header_only_file_names_its_last_line():
    _raises_at("序号\t名称\t具体内容\n".encode(), 1, "no numbered items")


def test_utf16_without_a_bom_is_named():
    with pytest.raises(ListFormatError, match="UTF-16 text without a byte-order mark"):
        parse_list_bytes("序号\t名称\t具体内容".encode("utf-16-le"))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_items(tmp_path / "missing.txt")
    with pytest.raises(ListFormatError, match="directory"):
        load_items(tmp_path)


def test_no_bare_python_errors_on_random_truncations(source_lines):
    """Any prefix of the file either loads or raises ListFormatError: never KeyError,
    IndexError or UnicodeDecodeError. A prefix that loads holds the first items of the list,
    unchanged, and at most the start of the next one."""
    data = "\n".join(source_lines).encode("utf-8")
    full = parse_list_bytes(data, "full.txt")
    columns = ["item_id", "section_id", "section_title", "name", "content", "line_start"]
    loaded = 0
    for cut in range(0, len(data), 97):
        try:
            items = parse_list_bytes(data[:cut], "cut.txt")
        except ListFormatError as error:
            assert re.search(r"line \d+:", str(error))
            continue
        loaded += 1
        whole = len(items) - 1
        assert items["item_id"].tolist() == list(range(1, len(items) + 1))
        assert items[columns].iloc[:whole].equals(full[columns].iloc[:whole])
        last, complete = items.iloc[-1], full.iloc[whole]
        assert complete["name"].startswith(last["name"]) or last["name"].startswith(
            complete["name"]
        )
        if not complete["content"].startswith(last["content"]):
            # A cut just after the next item's number leaves that number alone on the last
            # line, which reads as the item above wrapping (…志愿者达 / 208 / 万人); the loader
            # lists it as a repair on that line.
            last_line = data[:cut].decode("utf-8", "ignore").rstrip("\n").split("\n")
            number = last_line[-1].strip()
            assert number.isdigit() and last["content"] == complete["content"] + number
            assert "continuation_joined" in {r["kind"] for r in items.attrs["repairs"]}
    assert loaded == 94


# Regressions: the minimal damaged lists Hypothesis found (tests/test_damaged_lists.py),
# written out literally.

_TOP = "序号\t名称\t具体内容\n一、建立创新生态链\n"


def test_item_row_moved_above_the_header_is_named_not_dropped():
    """It was ignored as preamble: the table came out one item short, with no error."""
    data = (
        "47\t强化防灾减灾救灾体系建设\t制定出台《深圳经济特区自然灾害防治条例》等法规。\n"
        "附件\n"
        "深圳经济特区创新举措和经验做法清单\n"
        + _TOP
        + "1\t率先形成基础研究投入机制\t制定出台条例。"
    )
    _raises_at(data.encode(), 1, "item 47's row is above the table header")


def test_first_item_row_moved_above_the_header_is_named_before_the_gap():
    data = "1\t率先形成基础研究投入机制\t制定出台条例。\n" + _TOP + "2\t建立攻关新机制\t改革立项。"
    _raises_at(data.encode(), 1, "item 1's row is above the table header")


def test_number_alone_above_the_header_stays_in_the_title():
    data = "附件\n2021\n" + _TOP + "1\t率先形成基础研究投入机制\t制定出台条例。"
    items = parse_list_bytes(data.encode())
    assert items.attrs["title"] == "附件\n2021"


def test_row_broken_after_its_number_with_only_a_name_below():
    """It raised IndexError (the item had no cell for the line below to continue)."""
    data = _TOP + "1\n率先形成基础研究投入机制\n2\t建立攻关新机制\t改革立项。"
    _raises_at(data.encode(), 3, "item 1 has empty content")


def test_utf16_cut_in_half_names_its_last_line():
    """The line was counted in bytes: 上 is 0A 4E in UTF-16-LE, so it counted as a line break."""
    data = b"\xff\xfe" + "上海\n序号\t名称".encode("utf-16-le") + b"\x77"
    _raises_at(data, 2, "ends in the middle of a utf-16-le character")


def test_utf16_with_a_bad_surrogate_names_its_line():
    data = (
        b"\xff\xfe"
        + "上海\n\n".encode("utf-16-le")
        + b"\x00\xdc\x41\x00"
        + "\n".encode("utf-16-le")
    )
    _raises_at(data, 3, "not utf-16-le")


def test_utf8_cut_in_half_says_so():
    """It said 'neither UTF-8 nor GB18030', and read as GB18030 it could come out as nonsense."""
    data = (_TOP + "1\t率先形成基础研究投入机制\t制定出台条例").encode()[:-1]
    _raises_at(data, 3, "ends in the middle of a UTF-8 character: it was cut short")


def test_gb18030_cut_in_half_names_its_last_line():
    """It named line 1, where the first Chinese character made UTF-8 fail."""
    data = (_TOP + "1\t率先形成基础研究投入机制\t制定出台条例").encode("gb18030")[:-1]
    _raises_at(data, 3, "ends in the middle of a GB18030 character")


def test_section_row_cut_to_its_numeral_is_named():
    """五、 alone was taken for wrapped text: section 五 folded into 四 without a word."""
    data = _TOP + "1\t率先形成基础研究投入机制\t制定出台条例。\n二、\n2\t建立攻关新机制\t改革立项。"
    _raises_at(data.encode(), 4, "section 二、 has no title")


def test_item_number_too_long_for_int_is_a_list_format_error():
    """int() refuses more than 4,300 digits with a bare ValueError."""
    data = _TOP + "1" * 4301 + "\tx\ty"
    with pytest.raises(ListFormatError, match="line 3"):
        parse_list_bytes(data.encode())


def test_a_row_that_lost_its_tabs_is_named_not_joined_to_the_item_above(source_lines):
    """Read as wrapped text, item 47 vanished into item 46's content: 46 items, no error."""
    line = _line_of(source_lines, "47\t")
    damaged = list(source_lines)
    damaged[line - 1] = damaged[line - 1].replace("\t", " ")
    _raises_at("\n".join(damaged).encode(), line, "item 47's row without the tabs")
    damaged[line - 1] = source_lines[line - 1].replace("\t", "\u3000", 1)
    _raises_at("\n".join(damaged).encode(), line, "item 47's row without the tabs")
