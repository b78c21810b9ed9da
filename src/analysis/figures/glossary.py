"""English glosses of Chinese terms, for figures and the report alike.

In English text Chinese stays as the object of study, followed by its gloss: 基金 (fund). A gloss
comes from the first of these sources that has one:

1. ``curated``: the project's glossary, ``resources/glossary_en.csv``, written by hand;
2. ``user``: a researcher's own glossary in the same format (``report --glossary my.csv``);
3. ``dictionary``: a gloss built from CC-CEDICT (``figures.dictionary``), marked with
   :data:`DICTIONARY_MARK` so that a reader never takes it for a translation;
4. ``pinyin``: the term's reading (pypinyin), so that a reader can at least say it.
"""

import csv
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..paths import RESOURCES
from ..source.declared import without_declared_count
from ..source.errors import InputFileError
from .cjk import CJK
from .dictionary import dictionary_gloss
from .short_names import short_name

SOURCES = ("curated", "user", "dictionary", "pinyin")
DICTIONARY_MARK = "†"
GLOSSARY_COLUMNS = ("term_zh", "en")


class GlossaryError(InputFileError):
    """A glossary file that cannot be used as it stands."""


@dataclass(frozen=True)
class Gloss:
    """The English for a term, and where it came from (one of :data:`SOURCES`)."""

    text: str
    source: str

    @property
    def marked(self) -> str:
        """The gloss as a reader sees it: a dictionary gloss carries its mark."""
        return self.text + DICTIONARY_MARK if self.source == "dictionary" else self.text


def read_glossary(path: Path) -> dict[str, str]:
    """A glossary CSV (UTF-8, a header row opening ``term_zh,en``; more columns, as
    ``python -m analysis glossary`` writes, are allowed) as a dict. A row with an empty ``en``
    gives no gloss: it is a term the researcher has not glossed yet. A malformed file raises
    :class:`GlossaryError` naming the line: a wrong header, a row with another number of fields
    than the header, a term with no Chinese, a term given twice with two glosses."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise GlossaryError("no such glossary file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    try:
        rows = list(csv.reader(text.splitlines(), strict=True))
    except csv.Error as exc:
        raise GlossaryError(f"not CSV ({exc})", path=str(path)) from None
    header = [cell.strip() for cell in rows[0]] if rows else []
    if header[: len(GLOSSARY_COLUMNS)] != list(GLOSSARY_COLUMNS):
        raise GlossaryError(
            f"the header row must open with {','.join(GLOSSARY_COLUMNS)}", line=1, path=str(path)
        )
    glossary: dict[str, str] = {}
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise GlossaryError(
                f"expected {len(header)} fields ({','.join(header)}), found {len(row)}",
                line=number,
                path=str(path),
            )
        term, english = (cell.strip() for cell in row[:2])
        if not CJK.search(term):
            raise GlossaryError(f"the term {term!r} holds no Chinese", line=number, path=str(path))
        if not english:
            continue
        if glossary.get(term, english) != english:
            raise GlossaryError(
                f"{term} is glossed twice: {glossary[term]!r} on line {first_line[term]}, "
                f"{english!r} here",
                line=number,
                path=str(path),
            )
        glossary[term] = english
        first_line.setdefault(term, number)
    return glossary


@cache
def _glossary() -> dict[str, str]:
    return read_glossary(RESOURCES / "glossary_en.csv")


# Set only while a plot function draws (``settings.drawing_with``); empty outside one.
_drawing: dict[str, Path | None] = {}


@contextmanager
def drawing_with_glossary(path: Path | None) -> Iterator[None]:
    """Make ``path`` the glossary of the figure being drawn for the duration of the block (one
    plot call), then restore what was in force, also when drawing fails."""
    before = dict(_drawing)
    _drawing.clear()
    _drawing["path"] = path
    try:
        yield
    finally:
        _drawing.clear()
        _drawing.update(before)


def drawing_glossary() -> Path | None:
    """The user's glossary of the figure being drawn (``settings.glossary``, None for none): how
    the small label helpers of a plot function reach it. Outside a plot function there is none:
    text made there passes its glossary."""
    if "path" not in _drawing:
        raise RuntimeError(
            "no glossary given: pass glossary= (outside a plot function, which takes it from "
            "its settings=)"
        )
    return _drawing["path"]


class Drawing(enum.Enum):
    """The glossary of the figure being drawn: the default of the label helpers shared by plot
    functions and the report (``labels.section_name``), as their ``lang=None`` is the figure's
    language."""

    FIGURE = "the figure's glossary"


DRAWING = Drawing.FIGURE


def glossary_of(glossary: Path | None | Drawing) -> Path | None:
    """``glossary`` itself, or the figure's (:func:`drawing_glossary`) for :data:`DRAWING`."""
    return drawing_glossary() if glossary is DRAWING else glossary


def checked_glossary(path: Path | None) -> Path | None:
    """``path`` resolved, once read and found well formed (a malformed file raises
    :class:`GlossaryError` naming the line); None stays None."""
    if path is None:
        return None
    path = Path(path).resolve()
    _user_glossary(path)
    return path


@cache
def _user_glossary(path: Path | None) -> dict[str, str]:
    return read_glossary(path) if path is not None else {}


def _known(user_path: Path | None) -> dict[str, str]:
    return {**_user_glossary(user_path), **_glossary()}


def _from_glossary(term: str, glossary: dict[str, str]) -> str | None:
    """A list of terms joined by 、 is glossed part by part, and only when every part is known."""
    parts = [glossary.get(part) for part in term.split("、")]
    return None if None in parts else ", ".join(parts)


def _pinyin(term: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(term, style=Style.TONE, errors="ignore"))


@cache
def lookup(term: str, user_path: Path | None = None) -> Gloss | None:
    """The gloss of ``term`` from the first source that has one (see the module's doc); None
    for a term with no Chinese in it."""
    term = str(term)
    if not CJK.search(term):
        return None
    if (english := _from_glossary(term, _glossary())) is not None:
        return Gloss(english, "curated")
    if (english := _from_glossary(term, _user_glossary(user_path))) is not None:
        return Gloss(english, "user")
    if (english := dictionary_gloss(term, _known(user_path))) is not None:
        return Gloss(english, "dictionary")
    return Gloss(_pinyin(term), "pinyin")


def gloss(term: str, glossary: Path | None) -> str | None:
    """The English for a Chinese term as a reader sees it (a dictionary gloss marked ``†``, an
    unglossable term's pinyin), or None for a term with no Chinese in it. ``glossary``: the
    user's glossary CSV, or None for the curated glossary only."""
    found = lookup(str(term), glossary)
    return found.marked if found else None


def cut_gloss(english: str, limit: int) -> str:
    """A gloss cut at a word to at most ``limit`` characters and an ellipsis, keeping its
    dictionary mark: "small and medium enterprise†" → "small and medium…†"."""
    mark = DICTIONARY_MARK if english.endswith(DICTIONARY_MARK) else ""
    body = english[: len(english) - len(mark)]
    if len(body) <= limit:
        return english
    head = body[: limit + 1]
    head = head.rsplit(" ", 1)[0] if " " in head else head[:limit]
    return head.rstrip(" ,;") + "…" + mark


@cache
def _section_translations() -> dict[str, dict[str, str]]:
    with open(RESOURCES / "sections_en.csv", encoding="utf-8", newline="") as handle:
        return {row["title_zh"]: row for row in csv.DictReader(handle)}


def section_translation(title: str) -> dict[str, str] | None:
    """The curated ``title_en`` and ``short_en`` of a section title (``sections_en.csv``), or
    None."""
    return _section_translations().get(title)


def glossed(term: str, lang: str, glossary: Path | None) -> str:
    """The term itself in Chinese; ``基金 (fund)`` in English (``glossary`` as for
    :func:`gloss`)."""
    english = gloss(term, glossary) if lang == "en" else None
    return f"{term} ({english})" if english else str(term)


@cache
def section_lookup(title: str, user_path: Path | None = None, short: bool = False) -> Gloss:
    """The English name of a section title: ``sections_en.csv`` (its short or full name),
    else the user's glossary, else a dictionary short name from the title's head phrase, else
    the title's pinyin."""
    # A closing count (（共4项）) is data, not a word of the name: glossed, it read "(common 4
    # back of neck)".
    for name in dict.fromkeys([str(title), without_declared_count(str(title))]):
        if (curated := section_translation(name)) is not None:
            return Gloss(curated["short_en"] if short else curated["title_en"], "curated")
        if name in _user_glossary(user_path):
            return Gloss(_user_glossary(user_path)[name], "user")
    title = without_declared_count(str(title))
    # A whole title glossed word by word reads as a word salad; the short name serves for both.
    english = short_name(title, _known(user_path))
    if english is not None:
        return Gloss(english[:1].upper() + english[1:], "dictionary")
    return Gloss(_pinyin(title), "pinyin")


def section_gloss(title: str, glossary: Path | None, short: bool = False) -> str:
    """A section's English name as a reader sees it (see :func:`section_lookup`)."""
    return section_lookup(str(title), glossary, short).marked
