"""Property-based tests: the real list, damaged at random, either loads into the tidy table or
raises ListFormatError naming a line; no item-shaped row is ever lost without a word.

The examples are derandomized (the settings profile in conftest.py), so every run and CI try
the same inputs; ``HYPOTHESIS_PROFILE=explore`` searches afresh with more of them.
"""

import pandas as pd
from damaged_lists import (
    damaged_lists,
    first_header_line,
    is_item_shaped,
    item_row_in_preamble,
    item_shaped_lines,
    repairable_lists,
)
from hypothesis import given

from analysis import ListFormatError, parse_list_bytes
from analysis.source.invariants import check_items

TEXT_COLUMNS = ["item_id", "section_id", "section_numeral", "section_title", "name", "content"]


def _load(damaged):
    """The table, or the error; any other exception fails the test as it stands."""
    try:
        return parse_list_bytes(damaged.data, "damaged.txt"), None
    except ListFormatError as error:
        return None, error


def _assert_names_a_line(error: ListFormatError, damaged) -> None:
    assert error.line is not None, str(error)
    assert 1 <= error.line <= max(len(damaged.lines), 1), str(error)
    assert f"damaged.txt: line {error.line}: " in str(error)


@given(damaged_lists())
def test_a_damaged_list_gives_the_table_or_an_error_naming_a_line(damaged):
    items, error = _load(damaged)
    if error is not None:
        _assert_names_a_line(error, damaged)
        return
    check_items(items)
    # Every item-shaped row is an item of the table, at its own line.
    assert set(item_shaped_lines(damaged.text)) <= set(items["line_start"])


@given(damaged_lists())
def test_the_preamble_is_recorded_line_by_line(damaged):
    items, error = _load(damaged)
    if error is not None:
        return
    lines = damaged.lines
    header = first_header_line(damaged.text)
    preamble = items.attrs["preamble"]
    assert [record["line"] for record in preamble] == list(range(1, header))
    for record in preamble:
        line = lines[record["line"] - 1]
        assert not is_item_shaped(line)
        assert (record["kind"] == "blank") == (not line.replace("\ufeff", "").strip())
    titles = [record["text"] for record in preamble if record["kind"] != "blank"]
    assert items.attrs["title"] == "\n".join(titles)


@given(item_row_in_preamble())
def test_an_item_row_above_the_header_is_named(moved):
    damaged, line = moved
    items, error = _load(damaged)
    assert items is None, "an item row above the table header was dropped"
    assert error.line == line, str(error)
    assert "above the table header" in str(error)


@given(repairable_lists())
def test_repairable_damage_gives_back_the_source_table(items, damaged):
    loaded, error = _load(damaged)
    assert error is None, str(error)
    pd.testing.assert_frame_equal(loaded[TEXT_COLUMNS], items[TEXT_COLUMNS])
