"""Where a position sits in Chinese text: its sentence, its clause, the “…” quote around it.

Extraction reports exact character offsets, so these helpers work on offsets, never on copies.
``TextMarks`` finds the punctuation of a text once, so each later look-up is a bisection.
"""

import re
from bisect import bisect_left, bisect_right

SENTENCE_ENDS = "。！？!?\n"
# Clauses end at commas and semicolons too; 、 separates the members of a list, each of which
# can carry its own number (基地360个、妇女儿童之家713个).
CLAUSE_ENDS = SENTENCE_ENDS + "，；：、,;:"
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")
# A comma grouping thousands (1,427名) or a colon between digits (1:1, 8:30) is part of a
# number, not the end of a clause.
_CLAUSE_END = re.compile(
    f"[{re.escape(CLAUSE_ENDS.replace(',', '').replace(':', ''))}]|(?<![0-9])[,:]|[,:](?![0-9])"
)
_QUOTE = re.compile(r"“[^“”]*”")


class TextMarks:
    """The sentence ends, clause ends and quotes of one text, found in one pass each."""

    def __init__(self, text: str):
        self.text = text
        self._clause_ends: list[int] | None = None
        self._sentence_ends: list[int] | None = None
        self._quotes: list[tuple[int, int]] | None = None

    @property
    def clause_ends(self) -> list[int]:
        if self._clause_ends is None:
            self._clause_ends = [m.start() for m in _CLAUSE_END.finditer(self.text)]
        return self._clause_ends

    @property
    def sentence_ends(self) -> list[int]:
        if self._sentence_ends is None:
            self._sentence_ends = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentence_ends

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = [m.span() for m in _QUOTE.finditer(self.text)]
        return self._quotes

    def _around(self, ends: list[int], start: int, end: int) -> tuple[int, int]:
        before = bisect_left(ends, start) - 1
        after = bisect_left(ends, end)
        first = ends[before] + 1 if before >= 0 else 0
        stop = ends[after] if after < len(ends) else len(self.text)
        return first, stop

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """``(first, stop)`` of the clause around ``text[start:end]``, without punctuation."""
        return self._around(self.clause_ends, start, end)

    def sentence(self, start: int, end: int | None = None) -> tuple[int, int]:
        """``(first, stop)`` of the sentence holding ``text[start:end]``; stop includes the 。."""
        first, stop = self._around(self.sentence_ends, start, start if end is None else end)
        return first, min(stop + 1, len(self.text))

    def sentence_text(self, start: int, end: int | None = None) -> str:
        first, stop = self.sentence(start, end)
        return self.text[first:stop].strip()

    def enclosing_quote(self, start: int, end: int) -> tuple[int, int] | None:
        """The “…” stretch (quote marks included) that holds ``text[start:end]``, if any."""
        quotes = self.quotes
        index = bisect_right(quotes, (start, len(self.text) + 1)) - 1
        if index >= 0 and quotes[index][0] < start and end < quotes[index][1]:
            return quotes[index]
        return None
