"""The table header read by role: which column holds the number, the measure's name and its
content, and which further columns (指导部门, 推广范围, …) the list carries.

Lists word their headers differently (名称 or 改革举措, 具体内容 or 主要内容); the words each role
accepts are data, in ``resources/header_words.csv``, each with the reason it is there.
"""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..paths import RESOURCES

HEADER_WORDS = RESOURCES / "header_words.csv"
ROLES = ("number", "name", "content")
_SPACE = re.compile(r"\s+")


@functools.cache
def header_words(path: Path = HEADER_WORDS) -> dict[str, tuple[str, ...]]:
    """Role → the header words that fill it, in the file's order."""
    words: dict[str, list[str]] = {role: [] for role in ROLES}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words[row["role"]].append(row["word"])
    return {role: tuple(found) for role, found in words.items()}


def squeezed(cell: str) -> str:
    """A header cell without inner spaces: justification writes 序号 as 序　号, 主要内容 as
    主 要 内 容."""
    return _SPACE.sub("", cell)


def is_number_word(cell: str) -> bool:
    return squeezed(cell) in header_words()["number"]


@dataclass(frozen=True)
class Columns:
    """The header's columns: number, name and content in that order, then the extras."""

    number: str
    name: str
    content: str
    extras: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return 3 + len(self.extras)

    @property
    def cells(self) -> tuple[str, ...]:
        return (self.number, self.name, self.content, *self.extras)

    def field(self, index: int) -> str:
        """The field a 0-based cell after the number fills: name, content or an extra."""
        if index <= 0:
            return "name"
        if index == 1:
            return "content"
        return self.extras[index - 2] if index - 2 < len(self.extras) else f"column {index + 2}"


DEFAULT_COLUMNS = Columns("序号", "名称", "具体内容")


def expected_words() -> str:
    words = header_words()
    return "; ".join(f"{role}: {', '.join(words[role])}" for role in ROLES)


def place_header(cells: list[str], reserved: frozenset[str] = frozenset()) -> Columns | str:
    """The columns these header cells name, or (a string) why they cannot be placed.

    ``reserved``: column names the table already uses, which an extra column may not take.
    """
    names = [squeezed(cell) for cell in cells]
    words = header_words()
    problems = []
    for index, role in enumerate(ROLES):
        found = names[index] if index < len(names) else "(nothing)"
        if found not in words[role]:
            problems.append(f"column {index + 1} reads {found}, not a {role} word")
    extras = names[3:]
    role_words = {word for role in ROLES for word in words[role]}
    for offset, extra in enumerate(extras, start=4):
        if not extra:
            problems.append(f"column {offset} has no name")
        elif extra in role_words:
            problems.append(f"column {offset} ({extra}) repeats a number, name or content word")
        elif extra in reserved:
            problems.append(f"column {offset} ({extra}) takes the name of a column of the table")
    if len(set(extras)) != len(extras):
        problems.append("two further columns have the same name")
    if problems:
        return "; ".join(problems)
    return Columns(names[0], names[1], names[2], tuple(extras))
