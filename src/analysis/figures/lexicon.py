"""The project's policy lexicon: the common vocabulary of Chinese government writing in English.

``resources/policy_lexicon_en.csv`` is written by hand for the project (not taken from CC-CEDICT):
reform slogans with their standard English renderings (放管服, 营商环境, 一网通办) and the plain
words policy documents reuse (工业用地, 冷链, 引导基金). The dictionary gloss takes its entries
before CC-CEDICT's, in the same longest-match cut, so that they compose inside longer terms.

Each entry carries its role in a Chinese policy phrase (:data:`POS`), which the composition
reads: a head verb is dropped from the front of a short name, a function word from any label.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..paths import RESOURCES
from ..source.errors import InputFileError
from .cjk import CJK, CJK_RUN

LEXICON_COLUMNS = ("term_zh", "en", "pos", "field")
POS = ("noun", "modifier", "verb", "function", "postposition")


class LexiconError(InputFileError):
    """A lexicon file that cannot be used as it stands."""


@dataclass(frozen=True)
class LexiconEntry:
    """One term's English, its role in a phrase (one of :data:`POS`) and its area of policy."""

    en: str
    pos: str
    field: str


def read_lexicon(path: Path) -> dict[str, LexiconEntry]:
    """A lexicon CSV (UTF-8; ``#`` comment lines before the header row ``term_zh,en,pos,field``)
    as a dict. A malformed file raises :class:`LexiconError` naming the line: a wrong header,
    a row with another number of fields, a term that is not all Chinese characters (the
    longest-match cut never offers it anything else), an empty English or one holding Chinese,
    an unknown ``pos``, an empty ``field``, a term given twice."""
    path = Path(path)
    where = str(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    numbered = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise LexiconError("no header row", path=where)
    header_line, header_text = numbered[0]
    if next(csv.reader([header_text])) != list(LEXICON_COLUMNS):
        raise LexiconError(
            f"the header row must be {','.join(LEXICON_COLUMNS)}", line=header_line, path=where
        )
    lexicon: dict[str, LexiconEntry] = {}
    first_line: dict[str, int] = {}
    for number, text in numbered[1:]:
        try:
            row = next(csv.reader([text], strict=True))
        except csv.Error as exc:
            raise LexiconError(f"not CSV ({exc})", line=number, path=where) from None
        if len(row) != len(LEXICON_COLUMNS):
            raise LexiconError(
                f"expected {len(LEXICON_COLUMNS)} fields ({','.join(LEXICON_COLUMNS)}), "
                f"found {len(row)}",
                line=number,
                path=where,
            )
        term, english, pos, field = (cell.strip() for cell in row)
        if not CJK_RUN.fullmatch(term):
            raise LexiconError(
                f"the term {term!r} is not all Chinese characters", line=number, path=where
            )
        if not english or CJK.search(english):
            raise LexiconError(f"{term} has no English gloss", line=number, path=where)
        if pos not in POS:
            raise LexiconError(
                f"{term}: pos {pos!r} is not one of {', '.join(POS)}", line=number, path=where
            )
        if not field:
            raise LexiconError(f"{term} has no field", line=number, path=where)
        if term in lexicon:
            raise LexiconError(
                f"{term} is given twice, first on line {first_line[term]}",
                line=number,
                path=where,
            )
        lexicon[term] = LexiconEntry(english, pos, field)
        first_line[term] = number
    return lexicon


@cache
def policy_lexicon() -> dict[str, LexiconEntry]:
    """The project's lexicon, ``resources/policy_lexicon_en.csv``."""
    return read_lexicon(RESOURCES / "policy_lexicon_en.csv")
