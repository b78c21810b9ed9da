"""Figure text in Chinese (the default) or English (``--lang en``, for international briefings).

Templates live in ``resources/labels.json`` and section names in ``resources/sections_en.csv``:
translations are data, not code. A section title with no translation keeps its Chinese.
"""

import json
from functools import cache
from pathlib import Path

from ..paths import RESOURCES
from .glossary import DRAWING, Drawing, glossary_of, section_gloss, section_translation

LANGUAGES = ("zh", "en")
_RESOURCES = RESOURCES


_language: dict[str, str | None] = {"lang": None}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def set_language(lang: str | None) -> None:
    """Make ``lang`` the language of every label that does not name its own (None: none). Only
    ``settings.drawing_with`` calls it, for the duration of one plot function's call."""
    _language["lang"] = check_language(lang) if lang is not None else None


def language_set() -> str | None:
    """The language ``set_language`` chose, or None."""
    return _language["lang"]


def current_language() -> str:
    """The language of the figure being drawn (``settings.drawing_with``). Outside a plot
    function there is none: text made there names its language."""
    lang = _language["lang"]
    if lang is None:
        raise RuntimeError(
            "no language given: pass lang= (outside a plot function, which takes it from its "
            "settings=)"
        )
    return lang


@cache
def _templates() -> dict:
    return json.loads((_RESOURCES / "labels.json").read_text(encoding="utf-8"))


def has_label(key: str) -> bool:
    return key in _templates()


def fill(templates: dict, where: str, key: str, lang: str | None = None, **values) -> str:
    """The template ``key`` of ``templates`` (read from the resource file ``where``) in
    ``lang`` (default: the language of the figure being drawn), filled with ``values``."""
    lang = lang or current_language()
    try:
        template = templates[key][lang]
    except KeyError:
        raise KeyError(f"no {lang} text for {key!r} in resources/{where}") from None
    return template.format(**values)


def label(key: str, lang: str | None = None, **values) -> str:
    """The figure text ``key`` in ``lang``, filled with ``values``."""
    return fill(_templates(), "labels.json", key, lang, **values)


P_FLOOR = 0.01


def p_text(p: float) -> str:
    """A p-value as a briefing prints it: ``p = 0.19`` to two decimals, and ``p < 0.01`` below
    that, where two decimals would print a misleading ``p = 0.00``."""
    return f"p < {P_FLOOR}" if p < P_FLOOR else f"p = {p:.2f}"


def section_name(
    numeral: str,
    title: str,
    lang: str | None = None,
    short: bool = False,
    glossary: Path | None | Drawing = DRAWING,
) -> str:
    """``一、建立…`` in Chinese; ``1 Innovation chain`` (short) or the full English title. A
    title ``sections_en.csv`` does not hold is named by ``glossary.section_gloss``: the user's
    ``glossary``, else a dictionary gloss (marked †), else its pinyin. ``lang`` and
    ``glossary`` default to the figure's, inside a plot function; text outside one passes
    both."""
    lang = lang or current_language()
    if lang == "zh":
        from ..source.declared import without_declared_count

        return f"{numeral}、{without_declared_count(title)}"
    from ..source.numerals import chinese_numeral_value

    translation = section_translation(title)
    if translation is not None:
        english = translation["short_en"] if short else translation["title_en"]
    else:
        english = section_gloss(title, glossary_of(glossary), short=short)
    return f"{chinese_numeral_value(numeral)}. {english}"


def section_short_name(
    numeral: str, title: str, lang: str | None = None, glossary: Path | None | Drawing = DRAWING
) -> str:
    """``五、城市治理体系和治理能力现代化`` in Chinese; ``5. Urban governance`` in English.

    For figures where space is tight: the Chinese drops the title's leading verb (建立, 创新推动…),
    the English is the short name."""
    lang = lang or current_language()
    if lang == "zh":
        from ..text.counts import short_title

        return f"{numeral}、{short_title(title)}"
    return section_name(numeral, title, lang, short=True, glossary=glossary)
