"""The report's own words in Chinese or English: headings, prose templates, column labels, the
words for the codes the tables hold (``header_row_dropped`` → 表头重复行, "repeated table
header"), and numbers written for a reader (2080000 人 → 2.08 million).

Like the figures' ``labels.json``, the text is data: ``resources/report_text.json`` (keyed by
language) and ``resources/glossary_en.csv`` (English glosses of Chinese terms). In the English
report Chinese appears only as the object of study (terms, titles, quotes), glossed where the
glossary knows the term.
"""

import html
import json
import re
from functools import cache
from pathlib import Path

from ..extract.units import COUNT, by_symbol, dimension_name, dimension_of, english_of
from ..figures import numbers
from ..figures.glossary import gloss
from ..figures.labels import current_language, fill, label, section_name
from ..figures.numbers import english_amount, english_range
from ..figures.numbers import plain_number as plain_number  # the report's tables use it
from ..figures.numbers import plain_range as plain_range
from ..paths import RESOURCES
from ..source.numerals import chinese_numeral_value

_GLOSS = re.compile(r"^(?P<main>.+?)\s*\((?P<gloss>[^()]+)\)$")
_YEAR_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")


@cache
def _texts() -> dict:
    return json.loads((RESOURCES / "report_text.json").read_text(encoding="utf-8"))


def say(key: str, lang: str | None = None, **values) -> str:
    """The report text ``key`` in ``lang`` (default: the figure's, inside a plot function),
    filled with ``values``."""
    return fill(_texts(), "report_text.json", key, lang, **values)


def table_controls(lang: str | None = None) -> dict:
    """The words of a searchable table's controls (search box, paging, row counts), in the
    ``language`` option's shape that DataTables expects."""
    return _texts()["table.controls"][lang or current_language()]


def has_text(key: str) -> bool:
    return key in _texts()


def code_word(group: str, code, lang: str | None = None) -> str:
    """A code from a table (a repair kind, a level, a unit, a field) in the reader's words.
    A code with no entry reads as words all the same: its underscores become spaces."""
    key = f"code.{group}.{code}"
    if has_text(key):
        return say(key, lang)
    return str(code).replace("_", " ")


def unit_word(unit: str, lang: str | None = None) -> str:
    """``km2`` → 平方公里 / km²; a unit of measure the report has no word for is named from
    ``resources/units.csv`` (kWh → 千瓦时 / kWh); a counter word (个, 场) stays itself in
    Chinese and is named as a count in English."""
    if has_text(f"code.unit.{unit}"):
        return say(f"code.unit.{unit}", lang)
    if dimension_of(unit) != COUNT:
        written = by_symbol()[unit].written
        english = english_of(unit)
        return written if (lang or current_language()) == "zh" or not english else english
    return say("code.counter", lang, unit=unit)


def dimension_word(dimension: str, lang: str | None = None) -> str:
    """``area`` → 面积 / area (``resources/dimensions.csv``)."""
    return dimension_name(dimension, lang or current_language())


def term_with_gloss(term: str, lang: str, glossary: Path | None) -> str:
    """A term as the reader of ``lang`` meets it: “企业” in Chinese, 企业 (enterprises) in
    English, glossed with the user's ``glossary`` (None: the curated glossary only)."""
    lang = lang or current_language()
    if lang == "zh":
        return f"“{term}”"
    english = gloss(term, glossary)
    return f"{term} ({english})" if english else term


def term_in_text(term: str, lang: str, glossary: Path | None, count: int | None = None) -> str:
    """A term in the report's prose, as escaped HTML: “企业” in Chinese; in English the Chinese
    marked as Chinese for the browser and screen readers, then its gloss (from the user's
    ``glossary`` first, as for :func:`term_with_gloss`), with the count inside the same
    brackets: <span lang="zh-Hans">企业</span> (enterprises, **47** times)."""
    lang = lang or current_language()
    if lang == "zh":
        quoted = html.escape(f"“{term}”")
        return quoted if count is None else say("term.count", lang, term=quoted, count=count)
    marked = f'<span lang="zh-Hans">{html.escape(str(term))}</span>'
    english = gloss(term, glossary)
    if count is None:
        return f"{marked} ({html.escape(english)})" if english else marked
    if english:
        return say("term.gloss_count", lang, term=marked, gloss=html.escape(english), count=count)
    return say("term.count", lang, term=marked, count=count)


def qualifier_words(qualifier: str, lang: str | None = None) -> str:
    """``达`` → "reached " in English; the words are joined as the extractor joined them (+)."""
    return numbers.qualifier_words(qualifier, lang or current_language())


def section_reference(numeral: str, title: str, lang: str, glossary: Path | None) -> str:
    """A section named in a sentence: “五、创新推动…” in Chinese; "section 5 (Urban
    governance)" in English, with the short name the figures use (a title the curated names
    lack is named from the user's ``glossary``), or the Chinese title where no translation is
    known."""
    lang = lang or current_language()
    number = chinese_numeral_value(numeral)
    if lang == "zh":
        return say("section.reference", lang, numeral=numeral, title=title)
    english = section_name(numeral, title, "en", short=True, glossary=glossary)
    name = english.partition(". ")[2] if english.startswith(f"{number}. ") else title
    return say("section.reference", lang, number=number, title=name)


def lead_number(row, item_name: str, lang: str, glossary: Path | None) -> str:
    """One leading number with what it measures and its item, as Markdown with the source's
    text escaped: 志愿者**达208万人**（第 43 项…） or volunteers (志愿者, marked as Chinese):
    reached **2.08 million** (item 43)."""
    lang = lang or current_language()
    source = html.escape(row.subject)
    # A change (由60个工作日压缩至30天) is said as one: from the before to the after.
    change = bool(getattr(row, "before_text", ""))
    key = "overview.change" if change else "overview.number"
    if lang == "zh":
        return say(
            key, lang, subject=source, text=html.escape(row.text), item=row.item_id,
            name=html.escape(item_name), before=html.escape(getattr(row, "before_text", "")),
        )  # fmt: skip
    english = gloss(row.subject, glossary)
    marked = f'<span lang="zh-Hans">{source}</span>'
    subject = f"{html.escape(english)} ({marked})" if english else marked
    before = english_amount(row.before_value, row.before_unit) if change else ""
    return say(
        key,
        lang,
        subject=subject,
        qualifier=qualifier_words(row.qualifier, lang),
        amount=english_range(row.value, getattr(row, "value_high", float("nan")), row.unit),
        item=row.item_id,
        before=before,
    )


def split_gloss(text: str) -> tuple[str, str | None]:
    """``国家发展改革委 (National Development and Reform Commission)`` → the name and its
    gloss; text with no gloss in brackets → ``(text, None)``."""
    match = _GLOSS.match(str(text))
    return (match["main"], match["gloss"]) if match else (str(text), None)


def in_language(text: str, lang: str | None = None) -> str:
    """A bilingual metadata value (``中文 (English)``) in the reader's language: the Chinese for
    the Chinese report, "English (中文)" for the English one."""
    lang = lang or current_language()
    main, english = split_gloss(text)
    if english is None:
        return main
    return main if lang == "zh" else f"{english} ({main})"


def publication_date(text: str, lang: str | None = None) -> str:
    """``2021-07 (late July 2021; unverified)``: 2021年7月 in Chinese, "late July 2021" in
    English. A note after ``;`` is dropped: whether the date is verified is said once, from
    provenance's ``verified_against_official_page``."""
    lang = lang or current_language()
    main, english = split_gloss(text)
    if lang == "zh" and (date := _YEAR_MONTH.match(main)):
        return say("method.date", lang, year=date["year"], month=int(date["month"]))
    return english.partition(";")[0].strip() if lang == "en" and english else main


def sentences(*texts: str, lang: str | None = None) -> str:
    """Sentences run together as the language writes them: no space after 。, one after a
    full stop."""
    return say("sentence.gap", lang).join(texts)


def report_title(title: str, title_en: str | None, lang: str) -> str:
    """The report's heading and tab title: the list's own title (its English title in the
    English report, where ``source.json`` vouches for one) + ：分析报告 / ": analysis report".
    The report notebook names the list by it from ``provenance.json``, the pipeline from the
    list itself, so both agree."""
    named = (title_en or title) if lang == "en" else title
    return label("report.title", lang, title=named)
