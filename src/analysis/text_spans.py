"""Where a position sits in Chinese text: its sentence, its clause, the “…” quote around it.

Extraction reports exact character offsets, so these helpers work on offsets, never on copies.
"""

import re

SENTENCE_ENDS = "。！？!?\n"
# Clauses end at commas and semicolons too; 、 separates the members of a list, each of which
# can carry its own number (基地360个、妇女儿童之家713个).
CLAUSE_ENDS = SENTENCE_ENDS + "，；：、,;:"
_QUOTE = re.compile(r"“[^“”]*”")


def _start_after(text: str, position: int, ends: str) -> int:
    return max(text.rfind(mark, 0, position) for mark in ends) + 1


def _end_at(text: str, position: int, ends: str) -> int:
    found = [i for i in (text.find(mark, position) for mark in ends) if i != -1]
    return min(found) if found else len(text)


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """``(first, stop)`` of the sentence holding ``text[start:end]``; stop includes the 。."""
    stop = _end_at(text, start if end is None else end, SENTENCE_ENDS)
    return _start_after(text, start, SENTENCE_ENDS), min(stop + 1, len(text))


def sentence_at(text: str, start: int, end: int | None = None) -> str:
    first, stop = sentence_bounds(text, start, end)
    return text[first:stop].strip()


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(first, stop)`` of the clause around ``text[start:end]``, without its punctuation."""
    return _start_after(text, start, CLAUSE_ENDS), _end_at(text, end, CLAUSE_ENDS)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of every “…” stretch, the quote marks included."""
    return [m.span() for m in _QUOTE.finditer(text)]


def enclosing_quote(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for first, stop in spans:
        if first < start and end < stop:
            return first, stop
    return None
