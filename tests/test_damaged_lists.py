"""Property-based tests: the real list, damaged at random, either loads into the tidy table or
raises ListFormatError naming a line; no item-shaped row is ever lost without a word. The same
for a real list published abridged (declared counts, a section with its heading only), with and
without ``allow_gaps``: an item the table lacks is named by an error or a recorded absence.

The examples are derandomized (the settings profile in conftest.py), so every run and CI try
the same inputs; ``HYPOTHESIS_PROFILE=explore`` searches afresh with more of them.
"""

import pytest
from damaged_lists import (
    ABRIDGED_LINES,
    abridged_list_without_a_row,
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
from hypothesis import strategies as st

from analysis import ListFormatError, parse_list_bytes
from analysis.source.invariants import check_items

# A thousand examples per property under the `ci` profile, a hundred under `dev`.
MANY = settings(max_examples=scaled(1000))

TEXT_COLUMNS = ["item_id", "section_id", "section_numeral", "section_title", "name", "content"]


def _load(damaged, allow_gaps: bool = False):
    """The table, its attrs, or the error; any other exception fails the test as it stands.

    The attrs are taken off the table: pandas deep-copies them on every column access, and
    with a repair list that long the copying would be most of this suite's time.
    """
    try:
        items = parse_list_bytes(damaged.data, "damaged.txt", allow_gaps=allow_gaps)
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


def _assert_no_section_lost(attrs, damaged) -> None:
    """Every section-shaped row starts a section (one published with its heading only too):
    none is folded into the item above."""
    assert len(attrs["sections"]) == len(section_shaped_lines(damaged.text))


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
    check_items(items, attrs)
    _assert_no_item_row_lost(items, damaged)
    _assert_no_section_lost(attrs, damaged)
    _assert_preamble_recorded(attrs, damaged)
    assert not attrs["absent_items"], "a list without declared counts recorded absent items"


def _absent_numbers(attrs) -> set[int]:
    return {
        n for row in attrs["absent_items"] for n in range(row["first_item"], row["last_item"] + 1)
    }


def _assert_counts_hold_or_are_noted(attrs) -> None:
    """A section whose rows and absences disagree with its declared count has a note on its
    line: an item lost at a section's end is never silent."""
    noted = {r["line"] for r in attrs["repairs"] if r["kind"] == "declared_count_differs"}
    for section in attrs["sections"]:
        absent = sum(
            row["items"]
            for row in attrs["absent_items"]
            if row["section_id"] == section["section_id"]
        )
        declared = section["declared_items"]
        if declared is not None and declared != section["items"] + absent:
            assert section["line"] in noted, section


def _assert_absences_explained(attrs) -> None:
    """Without allow_gaps, only a section published with its heading only (no rows, and a
    declared count equal to the numbers it stands for) may hold absent items."""
    sections = {s["section_id"]: s for s in attrs["sections"]}
    for row in attrs["absent_items"]:
        section = sections[row["section_id"]]
        assert row["reason_code"] == "heading_only", row
        assert section["items"] == 0 and section["declared_items"] == row["items"], row


@MANY
@given(damaged_lists(source_lines=tuple(ABRIDGED_LINES)), st.booleans())
def test_a_damaged_abridged_list_gives_the_table_or_an_error_naming_a_line(damaged, allow_gaps):
    items, attrs, error = _load(damaged, allow_gaps)
    if error is not None:
        _assert_names_a_line(error, damaged)
        return
    # Every number up to the last is in the table or recorded absent, never both.
    check_items(items, attrs)
    _assert_no_item_row_lost(items, damaged)
    _assert_no_section_lost(attrs, damaged)
    _assert_preamble_recorded(attrs, damaged)
    _assert_counts_hold_or_are_noted(attrs)
    if not allow_gaps:
        _assert_absences_explained(attrs)


@MANY
@given(abridged_list_without_a_row(), st.booleans())
def test_a_deleted_item_row_is_named_by_an_error_or_an_absence(deleted, allow_gaps):
    damaged, number = deleted
    items, attrs, error = _load(damaged, allow_gaps)
    if error is not None:
        _assert_names_a_line(error, damaged)
        assert not allow_gaps, str(error)
        assert str(number) in str(error) and "--allow-gaps" in str(error), str(error)
        return
    assert number not in set(items["item_id"])
    check_items(items, attrs)
    if number == max(items["item_id"]) + 1:
        # The list's last item: no later number shows the gap, its section's count does.
        _assert_counts_hold_or_are_noted(attrs)
        notes = [r for r in attrs["repairs"] if r["kind"] == "declared_count_differs"]
        assert len(notes) == 1, attrs["repairs"]
    else:
        assert allow_gaps
        assert number in _absent_numbers(attrs)
        assert any(
            row["reason_code"] == "allowed_gap" and row["first_item"] <= number <= row["last_item"]
            for row in attrs["absent_items"]
        )


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
