"""Hypothesis strategies that damage the project's real list the way files get damaged in the
wild: lines deleted, duplicated, swapped, moved or cut short; cells merged or split; junk lines
and stray tabs; BOMs and full-width spaces inside lines; truncated and re-encoded files.

Each strategy returns a ``DamagedList``: the bytes handed to the loader, the text the loader
should see once it has decoded them, and the steps taken (Hypothesis prints them when a
property fails, so the minimal example reads as a recipe).

The oracles at the bottom say what the loader must do with a line, from the text alone.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from analysis.paths import SOURCE

SOURCE_TEXT = SOURCE.read_text(encoding="utf-8")
SOURCE_LINES = SOURCE_TEXT.split("\n")
HEADER_CELLS = ("序号", "名称", "具体内容")
# A real list published abridged: declared counts in its section titles, section 四 with its
# heading only (items 15–20 never published), five columns (序号 | 改革举措 | 主 要 内 容 | 指导部门
# | 推广范围).
ABRIDGED = Path(__file__).parent / "fixtures" / "innovation_reforms_2018_abridged.txt"
ABRIDGED_LINES = ABRIDGED.read_text(encoding="utf-8").split("\n")
NUMBER_WORDS = ("序号", "编号")

BOM = "\ufeff"
FULL_WIDTH_SPACE = "\u3000"
_TAB = re.compile("\t")
_LEADING_NUMBER = re.compile(r"^(?:\d+|[一二三四五六七八九十]+[、.．])")
_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])(?=(?![一二三四五六七八九十])[\u4e00-\u9fff])")
# Characters a line starts with when the classifier would take it for something other than a
# wrapped cell: a section numeral (一、), the header (序号) or an item number.
_NOT_A_CONTINUATION_START = set("一二三四五六七八九十序0123456789")


@dataclass(frozen=True)
class Encoding:
    name: str
    codec: str
    bom: bytes = b""
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        return self.bom + text.replace("\n", self.newline).encode(self.codec)

    def decode(self, data: bytes) -> str:
        """What the loader reads back from (possibly truncated) bytes: a character cut in
        half is not text."""
        text = data[len(self.bom) :].decode(self.codec, errors="ignore")
        return text.replace("\r\n", "\n").replace("\r", "\n")


ENCODINGS = (
    Encoding("utf-8", "utf-8"),
    Encoding("utf-8 with BOM", "utf-8", b"\xef\xbb\xbf"),
    Encoding("utf-8 CRLF", "utf-8", newline="\r\n"),
    Encoding("gb18030", "gb18030"),
    Encoding("gb18030 CRLF", "gb18030", newline="\r\n"),
    Encoding("utf-16-le with BOM", "utf-16-le", b"\xff\xfe"),
    Encoding("utf-16-be with BOM CRLF", "utf-16-be", b"\xfe\xff", "\r\n"),
)


class DamagedList:
    """Not a dataclass: Hypothesis prints a failing example by ``repr``, and the steps read
    better than 20 kB of bytes."""

    def __init__(self, data: bytes, text: str, steps: tuple[str, ...]):
        self.data, self.text, self.steps = data, text, steps

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def __repr__(self) -> str:
        return "DamagedList(\n    " + "\n    ".join(self.steps) + "\n)"


# --- the damages: each draws where to strike, changes ``lines`` in place, returns a step ---


def _line_index(draw, lines) -> int:
    return draw(st.integers(0, len(lines) - 1))


@functools.cache
def _cell_edges(line: str) -> tuple[int, ...]:
    """The edges of cells, and the end of a leading item number or section numeral (五、)."""
    edges = {0, len(line)} | {m.start() + d for m in _TAB.finditer(line) for d in (0, 1)}
    if leading := _LEADING_NUMBER.match(line):
        edges.add(leading.end())
    return tuple(sorted(edges))


def _position(draw, line: str) -> int:
    """Anywhere in the line, but as often at a cell's edge: damage follows the structure
    (a cell lost, a tab doubled) more often than chance would put it there."""
    return draw(st.one_of(st.integers(0, len(line)), st.sampled_from(_cell_edges(line))))


def delete_line(draw, lines):
    i = _line_index(draw, lines)
    return f"delete line {i + 1}: {lines.pop(i)!r}"


def duplicate_line(draw, lines):
    i = _line_index(draw, lines)
    lines.insert(i, lines[i])
    return f"duplicate line {i + 1}: {lines[i]!r}"


def swap_lines(draw, lines):
    i, j = _line_index(draw, lines), _line_index(draw, lines)
    lines[i], lines[j] = lines[j], lines[i]
    return f"swap lines {i + 1} and {j + 1}"


def move_line(draw, lines):
    i = _line_index(draw, lines)
    line = lines.pop(i)
    j = draw(st.integers(0, len(lines)))
    lines.insert(j, line)
    return f"move line {i + 1} to line {j + 1}: {line!r}"


def cut_line_short(draw, lines):
    i = _line_index(draw, lines)
    k = _position(draw, lines[i])
    lines[i] = lines[i][:k]
    return f"cut line {i + 1} after {k} characters: {lines[i]!r}"


def cut_to_number(draw, lines):
    """A row cut short right after its item number or section numeral: the rest is lost."""
    numbered = [i for i, line in enumerate(lines) if _LEADING_NUMBER.match(line)]
    if not numbered:
        return "cut to number: no numbered row"
    i = draw(st.sampled_from(numbered))
    lines[i] = _LEADING_NUMBER.match(lines[i]).group(0)
    return f"cut line {i + 1} to its number: {lines[i]!r}"


def merge_cells(draw, lines):
    with_tabs = [i for i, line in enumerate(lines) if "\t" in line]
    if not with_tabs:
        return "merge cells: no line has a tab"
    i = draw(st.sampled_from(with_tabs))
    tabs = [k for k, ch in enumerate(lines[i]) if ch == "\t"]
    k = draw(st.sampled_from(tabs))
    lines[i] = lines[i][:k] + lines[i][k + 1 :]
    return f"merge cells of line {i + 1} at {k}: {lines[i]!r}"


def split_cell(draw, lines):
    """A stray tab anywhere, cell edges included."""
    i = _line_index(draw, lines)
    k = _position(draw, lines[i])
    lines[i] = lines[i][:k] + "\t" + lines[i][k:]
    return f"tab into line {i + 1} at {k}: {lines[i]!r}"


def wrap_line(draw, lines):
    """A line break anywhere: the rest of the line becomes a line of its own."""
    i = _line_index(draw, lines)
    k = _position(draw, lines[i])
    lines[i : i + 1] = [lines[i][:k], lines[i][k:]]
    return f"break line {i + 1} at {k}: {lines[i]!r} / {lines[i + 1]!r}"


def join_lines(draw, lines):
    if len(lines) < 2:
        return "join lines: only one line"
    i = draw(st.integers(0, len(lines) - 2))
    glue = draw(st.sampled_from(["", "\t"]))
    lines[i : i + 2] = [lines[i] + glue + lines[i + 1]]
    return f"join lines {i + 1} and {i + 2} with {glue!r}: {lines[i]!r}"


# Junk is built from what damaged lists are made of: pieces of real lines, markup, numbers,
# tabs and spaces of every width, and the shapes the classifier looks for (序号, 一、, 47).
_JUNK_ALPHABET = st.sampled_from(
    sorted(set(SOURCE_TEXT) - {"\n"}) + list(" \t\u3000\u00a0\ufeff<>/pand0123456789")
)
_JUNK_PIECES = st.sampled_from(
    ["序号", "名称", "具体内容", "一、", "六、", "附件", "<p>", "</p>", "47", "48", "１", "\t"]
)


@st.composite
def junk_text(draw) -> str:
    pieces = draw(
        st.lists(st.one_of(_JUNK_PIECES, st.text(_JUNK_ALPHABET, max_size=8)), max_size=6)
    )
    if draw(st.booleans()):
        source_line = draw(st.sampled_from(SOURCE_LINES))
        start = draw(st.integers(0, len(source_line)))
        pieces.insert(draw(st.integers(0, len(pieces))), source_line[start : start + 30])
    return "".join(pieces)


def junk_line(draw, lines):
    j = draw(st.integers(0, len(lines)))
    junk = draw(junk_text())
    lines.insert(j, junk)
    return f"junk line at {j + 1}: {junk!r}"


def _insert_character(character: str, label: str):
    def damage(draw, lines):
        i = _line_index(draw, lines)
        k = _position(draw, lines[i])
        lines[i] = lines[i][:k] + character + lines[i][k:]
        return f"{label} into line {i + 1} at {k}: {lines[i]!r}"

    damage.__name__ = f"insert_{label.replace(' ', '_').replace('-', '_')}"
    return damage


insert_bom = _insert_character(BOM, "BOM")
insert_full_width_space = _insert_character(FULL_WIDTH_SPACE, "full-width space")

LINE_DAMAGES = (
    delete_line,
    duplicate_line,
    swap_lines,
    move_line,
    cut_line_short,
    cut_to_number,
    merge_cells,
    split_cell,
    wrap_line,
    join_lines,
    junk_line,
    insert_bom,
    insert_full_width_space,
)


@st.composite
def damaged_lists(
    draw, damages=LINE_DAMAGES, max_damages: int = 4, source_lines=tuple(SOURCE_LINES)
) -> DamagedList:
    """The real list (or ``source_lines``), damaged 1 to ``max_damages`` times, re-encoded and
    maybe truncated."""
    lines = list(source_lines)
    steps = []
    for _ in range(draw(st.integers(1, max_damages))):
        damage = draw(st.sampled_from(damages))
        steps.append(damage(draw, lines))
    return _encoded(draw, "\n".join(lines), steps, truncate=True)


def _encoded(draw, text: str, steps: list[str], *, truncate: bool) -> DamagedList:
    encoding = draw(st.sampled_from(ENCODINGS))
    data = encoding.encode(text)
    steps.append(f"encode as {encoding.name}")
    if truncate and draw(st.booleans()):
        # Anywhere, including inside a multi-byte character or a CRLF pair.
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
        steps.append(f"truncate to {cut} of {len(encoding.encode(text))} bytes")
    return DamagedList(data, encoding.decode(data), tuple(steps))


# --- damages after which the loader must give back exactly the original table ---


@functools.cache
def _han_boundaries(line: str) -> tuple[int, ...]:
    """Positions between two Han characters (the second no numeral): there a space or a line
    break means nothing."""
    return tuple(m.start() for m in _BETWEEN_HAN.finditer(line))


def rewrap_item_row(draw, lines):
    """Break an item row between two Han characters of its name or content, as a PDF or a
    narrow editor does; the rest must not look like a section row, a header or a number."""
    rows = [i for i, line in enumerate(lines) if re.match(r"^\d+\t", line)]
    i = draw(st.sampled_from(rows))
    first_tab = lines[i].index("\t") + 1
    cuts = [
        k
        for k in _han_boundaries(lines[i])
        if k > first_tab and lines[i][k] not in _NOT_A_CONTINUATION_START
    ]
    if not cuts:
        return f"rewrap line {i + 1}: nowhere to break"
    k = draw(st.sampled_from(cuts))
    lines[i : i + 1] = [lines[i][:k], lines[i][k:]]
    return f"break line {i + 1} at {k}: {lines[i]!r} / {lines[i + 1]!r}"


def pad_cell_edge(draw, lines):
    """Full-width or ordinary spaces, or a BOM, at the start or end of a cell."""
    i = _line_index(draw, lines)
    edges = [0, len(lines[i])] + [k for k, ch in enumerate(lines[i]) if ch == "\t"]
    edges += [k + 1 for k, ch in enumerate(lines[i]) if ch == "\t"]
    k = draw(st.sampled_from(sorted(set(edges))))
    pad = draw(st.sampled_from([FULL_WIDTH_SPACE, " ", BOM, FULL_WIDTH_SPACE * 2]))
    lines[i] = lines[i][:k] + pad + lines[i][k:]
    return f"{pad!r} into line {i + 1} at {k}: {lines[i]!r}"


def space_between_han(draw, lines):
    i = _line_index(draw, lines)
    cuts = _han_boundaries(lines[i])
    if not cuts:
        return f"space into line {i + 1}: no two Han characters side by side"
    k = draw(st.sampled_from(cuts))
    lines[i] = lines[i][:k] + FULL_WIDTH_SPACE + lines[i][k:]
    return f"full-width space into line {i + 1} at {k}: {lines[i]!r}"


def bom_anywhere(draw, lines):
    return insert_bom(draw, lines)


def blank_line(draw, lines):
    # Not between a section row and its title's continuation: there is none in the source.
    j = draw(st.integers(0, len(lines)))
    blank = draw(st.sampled_from(["", " ", "\t", FULL_WIDTH_SPACE, "\t\t"]))
    lines.insert(j, blank)
    return f"blank line {blank!r} at {j + 1}"


def repeat_header(draw, lines):
    """A page-break header between two rows of the table."""
    first_header = lines.index("\t".join(HEADER_CELLS))
    j = draw(st.integers(first_header + 1, len(lines)))
    lines.insert(j, "\t".join(HEADER_CELLS))
    return f"header row at {j + 1}"


HARMLESS_DAMAGES = (
    rewrap_item_row,
    pad_cell_edge,
    space_between_han,
    bom_anywhere,
    blank_line,
    repeat_header,
)


@st.composite
def repairable_lists(draw, max_damages: int = 4) -> DamagedList:
    """Damage the loader is built to repair: the table must come out as from the source."""
    lines = list(SOURCE_LINES)
    steps = []
    for _ in range(draw(st.integers(0, max_damages))):
        steps.append(draw(st.sampled_from(HARMLESS_DAMAGES))(draw, lines))
    return _encoded(draw, "\n".join(lines), steps, truncate=False)


@st.composite
def item_row_in_preamble(draw) -> tuple[DamagedList, int]:
    """One item row moved above the table header; returns the list and the row's new line."""
    lines = list(SOURCE_LINES)
    rows = [i for i, line in enumerate(lines) if re.match(r"^\d+\t", line)]
    header = lines.index("\t".join(HEADER_CELLS))
    i = draw(st.sampled_from(rows))
    row = lines.pop(i)
    j = draw(st.integers(0, header))
    lines.insert(j, row)
    steps = [f"move item row {row.split(chr(9))[0]} (line {i + 1}) to line {j + 1}"]
    return _encoded(draw, "\n".join(lines), steps, truncate=False), j + 1


# --- oracles: what a line is, read from the text alone ---


def cells_of(line: str) -> list[str]:
    cells = [cell.strip() for cell in line.replace(BOM, "").split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def is_item_shaped(line: str) -> bool:
    """Number, tab, name, tab, content: a row that must reach the table or stop the loader."""
    cells = cells_of(line)
    return len(cells) >= 3 and cells[0].isdecimal() and bool(cells[1]) and bool(cells[2])


def item_shaped_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.split("\n"), 1) if is_item_shaped(line)]


_SECTION_SHAPED = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")


def section_shaped_lines(text: str) -> list[int]:
    """Lines below the first header that open with a section numeral (三、…): each must start
    a section of the table or stop the loader."""
    header = first_header_line(text) or 0
    return [
        n
        for n, line in enumerate(text.split("\n"), 1)
        if n > header and (cells := cells_of(line)) and _SECTION_SHAPED.match(cells[0])
    ]


def first_header_line(text: str) -> int | None:
    """The first line whose first cell is the number column's word (序号, 序　号, 编号)."""
    for n, line in enumerate(text.split("\n"), 1):
        cells = cells_of(line)
        if cells and re.sub(r"\s", "", cells[0]) in NUMBER_WORDS:
            return n
    return None


_ITEM_NUMBER = re.compile(r"^(\d+)\t")


@st.composite
def abridged_list_without_a_row(draw) -> tuple[DamagedList, int]:
    """The abridged list with one item row deleted; returns the list and the item's number."""
    lines = list(ABRIDGED_LINES)
    rows = [i for i, line in enumerate(lines) if _ITEM_NUMBER.match(line)]
    i = draw(st.sampled_from(rows))
    number = int(_ITEM_NUMBER.match(lines[i]).group(1))
    del lines[i]
    steps = [f"delete item {number}'s row (line {i + 1})"]
    return _encoded(draw, "\n".join(lines), steps, truncate=False), number
