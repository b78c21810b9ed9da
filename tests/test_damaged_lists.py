"""Property-based tests: the real list, damaged at random, either loads into the tidy table or
raises ListFormatError naming a line; no item-shaped row is ever lost without a word.

The examples are derandomized (the settings profile in conftest.py), so every run and CI try
the same inputs; ``HYPOTHESIS_PROFILE=explore`` searches afresh with more of them.
"""

import pytest
from damaged_lists import (
    damaged_lists,
    first_header_line,
    is_item_shaped,
    item_row_in_preamble,
    item_shaped_lines,
    repairable_lists,
    section_shaped_lines,
)
from examples import scaled
from hypothesis import given, settings

from analysis import ListFormatError, parse_list_bytes
from analysis.source.invariants import check_items

# A thousand examples per property under the `ci` profile, a hundred under `dev`.
MANY = settings(max_examples=scaled(1000))

TEXT_COLUMNS = ["item_id", "section_id", "section_numeral", "section_title", "name", "content"]


def _load(damaged):
    """The table, its attrs, or the error; any other exception fails the test as it stands.

    The attrs are taken off the table: pandas deep-copies them on every column access, and
    with a repair list that long the copying would be most of this suite's time.
    """
    try:
        items = parse_list_bytes(damaged.data, "damaged.txt")
    except ListFormatError as error:
        return None, None, error
    attrs, items.attrs = items.attrs, {}
    return items, attrs, None


def _assert_names_a_line(error: ListFormatError, damaged) -> None:
    assert error.line is not None, str(error)
    assert 1 <= error.line <= max(len(damaged.lines), 1), str(error)
    assert f"damaged.txt: line {error.line}: " in str(error)


def _assert_no_item_row_lost(items, damaged) -> None:
    """Every item-shaped row is an item of the table, at its own line."""
    lost = set(item_shaped_lines(damaged.text)) - set(items["line_start"])
    assert not lost, f"item-shaped rows at lines {sorted(lost)} are not in the table"


def _assert_no_section_lost(items, damaged) -> None:
    """Every section-shaped row starts a section: none is folded into the item above."""
    assert items["section_id"].nunique() == len(section_shaped_lines(damaged.text))


def _assert_preamble_recorded(attrs, damaged) -> None:
    """Every line above the header is in the preamble record, as what it is."""
    preamble = attrs["preamble"]
    assert [record["line"] for record in preamble] == list(
        range(1, first_header_line(damaged.text))
    )
    for record in preamble:
        line = damaged.lines[record["line"] - 1]
        assert not is_item_shaped(line)
        assert (record["kind"] == "blank") == (not line.replace("\ufeff", "").strip())
    titles = [record["text"] for record in preamble if record["kind"] != "blank"]
    assert attrs["title"] == "\n".join(titles)


@MANY
@given(damaged_lists())
def test_a_damaged_list_gives_the_table_or_an_error_naming_a_line(damaged):
    items, attrs, error = _load(damaged)
    if error is not None:
        _assert_names_a_line(error, damaged)
        return
    check_items(items)
    _assert_no_item_row_lost(items, damaged)
    _assert_no_section_lost(items, damaged)
    _assert_preamble_recorded(attrs, damaged)


@MANY
@given(item_row_in_preamble())
def test_an_item_row_above_the_header_is_named(moved):
    damaged, line = moved
    items, _, error = _load(damaged)
    assert items is None, "an item row above the table header was dropped"
    assert error.line == line, str(error)
    assert "above the table header" in str(error)


def _rows(items) -> list[tuple]:
    return list(zip(*(items[column].tolist() for column in TEXT_COLUMNS), strict=True))


@pytest.fixture(scope="module")
def source_rows(items) -> list[tuple]:
    return _rows(items)


@MANY
@given(repairable_lists())
def test_repairable_damage_gives_back_the_source_table(source_rows, damaged):
    loaded, _, error = _load(damaged)
    assert error is None, str(error)
    # Row tuples, not assert_frame_equal: the same check at a fraction of the cost.
    assert _rows(loaded) == source_rows
