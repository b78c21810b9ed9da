"""Chinese word segmentation for policy lists: jieba set up in one place, the list's own coined
terms kept whole, and a stopword filter suited to policy text.

Everything that segments text goes through this module, so jieba's log level, its cache folder
and the user dictionary are the same everywhere.

The user dictionary is generated from the list itself (``user_dictionary``):

- **coined terms**: every phrase the list sets in “…” (揭榜挂帅, 沿途下蛋, 工改工, 秒批, …).
  A quoted enumeration such as “全链条、矩阵式、集群化” gives one term per part. Parts longer
  than ``MAX_COINED_CHARS`` are slogans, not terms, and are left to jieba; parts that are only
  digits (“12345”, “146”) are bare numbers and are dropped like any other number.
- **named bodies**: names that start with a place or state prefix
  (``resources/named_body_prefixes.txt``, each with its reason) and end in an institution
  word (深圳国际仲裁院, 粤港澳仲裁调解联盟, …), kept only when jieba would split them.
- **curated terms**: ``resources/user_dict_curated.txt``, for what the list does not mark.

jieba splits text at punctuation before it looks in its dictionary, so a user-dictionary word
that holds punctuation (《…》, 5G+工业互联网, -26.95%) never survives as one token. Three kinds
of span are therefore cut out with one regular expression *before* jieba sees the text:

- titles ``《…》`` are kept as one token, brackets included, so they read as titles;
- coined terms that hold characters jieba breaks at (“科研—转化—产业”, “你来@我来办”, and
  those with digits such as “四个90%”) are kept as one token;
- number-plus-unit spans (270平方公里, 3万多场, 42%, 1/3) are dropped: they are quantities,
  not terms, and would otherwise leave stray units (平方公里, 小时) in the keyword counts.

Tokens are then filtered by rule: punctuation and bare numbers (no Han or Latin letter),
numbers written in Chinese characters (三千五, 三分之一),
single characters (in this register nearly all are function words: 的, 和, 在, 等), and the
words in ``resources/stopwords_policy_zh.txt`` (function words and generic policy verbs; the
file's header explains the choice).

Two engines can do the cutting (``engines``): jieba-rs, through ``rjieba``, by default, and jieba,
the reference, with ``ANALYSIS_SEGMENTER=jieba``. Two, because jieba-rs is the Rust port of jieba
(same dictionary, same route search) and finds the route about 25× faster, which is what makes
counting a large corpus cheap, while jieba is the reference the results are checked against.
They are kept equal: both get the same user dictionary at the same frequency
(``USER_WORD_FREQ``), the HMM and the same pre-cut spans; the jieba-rs engine takes only the route
from jieba-rs and gives the runs it leaves single to jieba's own HMM; and the other places where
jieba-rs 0.11 differs from jieba are closed in ``engines`` (its docstring lists all four).
``tests/test_engines.py`` checks that terms and keyword tables are identical under both.
"""

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

import jieba
import pandas as pd

from ..source.numerals import chinese_number_value
from . import engines

MIN_TERM_CHARS = 2
MAX_COINED_CHARS = 10
# High enough that a user-dictionary word beats any split jieba's own dictionary suggests.
USER_WORD_FREQ = 100_000

STOPWORDS_FILE = "stopwords_policy_zh.txt"
CURATED_FILE = "user_dict_curated.txt"

_QUOTED = re.compile(r"“([^“”\n]+)”")
_ENUMERATION = re.compile(r"[、，,；;]")
_DIGITS_ONLY = re.compile(r"[0-9０-９]+")
PREFIXES_FILE = "named_body_prefixes.txt"
_INSTITUTION_WORDS = "研究院|仲裁院|科学院|法院|管理署|大学|法庭|联盟|中心|图书馆|合作区|委员会"
_TITLE = r"《[^《》\n]{1,80}》"
_UNITS = (
    "平方公里|平方米|公里|千米|厘米|毫米|米|小时|分钟|秒|天|周|个月|月|年|日|"
    "万人|人次|人|个|场|支|间|家|项|所|条|次|倍|岁|名|户|栋|座|张|台|辆|套|元|吨|度"
)
# Digits not preceded by a letter, digit or point, an optional fraction or decimal, an optional
# 万/亿 and 多, then a unit or %. The lookahead keeps 5G and similar names whole.
# Spelt as one alternative per first digit, each opening with that digit (the lookbehind then
# looks past it): when every alternative of the span pattern opens with a literal character,
# Python's regex engine skips straight to the characters that can start a span, which makes
# finding the spans about 7× faster than trying every alternative at every character.
_QUANTITY_REST = (
    r"[0-9]*(?:[.．/][0-9]+)?"
    rf"(?:[万亿千百]?多?(?:{_UNITS})|[%％]|[万亿])?"
    r"(?![A-Za-z0-9%％.])"
)
_QUANTITY = "|".join(f"{d}(?<![A-Za-z0-9.．]{d}){_QUANTITY_REST}" for d in "0123456789")
# A token is a term only if it holds a Han character or a Latin letter.
_HAS_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_FRACTION = re.compile(r"^(?P<whole>.+)分之(?P<part>.+)$")


def is_number_word(token: str) -> bool:
    """A number written in Chinese characters (三千五, 三点五, 三分之一, 百分之五): a quantity,
    never a term, as a number in digits is not."""
    fraction = _FRACTION.match(token)
    parts = fraction.group("whole", "part") if fraction else (token,)
    try:
        for part in parts:
            chinese_number_value(part)
    except ValueError:
        return False
    return True


def resource_path(name: str):
    """A file in ``analysis/resources`` (package data, so it ships with the package)."""
    return resources.files("analysis").joinpath("resources", name)


def _read_resource_lines(name: str) -> list[str]:
    """Non-blank lines with ``#`` comments removed."""
    text = resource_path(name).read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_read_resource_lines(STOPWORDS_FILE))


@cache
def curated_terms() -> tuple[str, ...]:
    return tuple(_read_resource_lines(CURATED_FILE))


def coined_terms(texts: Iterable[str]) -> list[str]:
    """The terms a list sets in “…”, one per enumerated part, sorted."""
    found = set()
    for text in texts:
        for quoted in _QUOTED.findall(text):
            for part in _ENUMERATION.split(quoted):
                part = part.strip()
                if MIN_TERM_CHARS <= len(part) <= MAX_COINED_CHARS and not _DIGITS_ONLY.fullmatch(
                    part
                ):
                    found.add(part)
    return sorted(found)


@cache
def _named_body() -> re.Pattern:
    """A place or state prefix (``resources/named_body_prefixes.txt``, each with its reason),
    then the shortest run of Han characters up to an institution word."""
    prefixes = "|".join(map(re.escape, _read_resource_lines(PREFIXES_FILE)))
    return re.compile(f"(?:{prefixes})[\u4e00-\u9fff]{{0,12}}?(?:{_INSTITUTION_WORDS})")


def named_bodies(texts: Iterable[str]) -> list[str]:
    """Names of institutions (深圳国际仲裁院, …) that jieba's own dictionary would split."""
    candidates = set()
    named_body = _named_body()
    for text in texts:
        candidates.update(named_body.findall(text))
    return sorted(name for name in candidates if len(engines.dictionary_splits(name)) > 1)


def item_texts(items: pd.DataFrame) -> pd.Series:
    """The text analysed for each item: its name, then its content."""
    return items["name"] + "\n" + items["content"]


def distinct_texts(items: pd.DataFrame) -> list[str]:
    """Each distinct item text once: a corpus that repeats its items costs no more than one copy
    when the user dictionary is built."""
    return item_texts(items).drop_duplicates().tolist()


def dictionary_words(texts: Iterable[str]) -> tuple[str, ...]:
    """Coined terms, named bodies and curated terms of these texts, sorted and unique."""
    texts = list(texts)
    words = set(coined_terms(texts)) | set(named_bodies(texts)) | set(curated_terms())
    return tuple(sorted(words))


def user_dictionary(items: pd.DataFrame) -> tuple[str, ...]:
    """The user dictionary for a list: ``dictionary_words`` of its items' texts."""
    return dictionary_words(distinct_texts(items))


def warm_up() -> None:
    """Load the engine's dictionary now, e.g. in a worker process while it waits."""
    engines.warm_up()


class SegmenterError(ValueError):
    """A user-dictionary word no engine can hold: empty, or spread over more than one line."""


# Texts counted together are joined by this: both engines break the text at a line break, and no
# pre-cut span can hold one, so a batch gives the counts its texts give one by one.
_BREAK = "\n"
# Enough texts per batch to make the per-call costs vanish, few enough to keep memory flat.
BATCH_CHARS = 1 << 16


def _batches(texts: Iterable[str]) -> Iterable[str]:
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= BATCH_CHARS:
            yield _BREAK.join(batch)
            batch, size = [], 0
    if batch:
        yield _BREAK.join(batch)


class Segmenter:
    """An engine with the user dictionary, plus the pre-cut spans and the stopword filter."""

    def __init__(
        self,
        words: Iterable[str],
        engine: str | None = None,
        *,
        drop_stopwords: bool = True,
    ):
        self.words = tuple(sorted(set(words)))
        for word in self.words:
            if not word or _BREAK in word:
                raise SegmenterError(f"user-dictionary word {word!r}: empty or holds a line break")
        self.engine = engines.engine_name(engine)
        self._engine = engines.make_engine(self.engine, self.words, USER_WORD_FREQ)
        # Cut out before the engine: terms with a character jieba breaks at (—, @), and terms
        # with digits, which the quantity pattern would otherwise split (“四个90%”). Longest first.
        protected = sorted(
            (w for w in self.words if not jieba.re_han_default.fullmatch(w) or re.search(r"\d", w)),
            key=lambda w: (-len(w), w),
        )
        self._protected = frozenset(protected)
        # Leftmost first, and at one place titles before terms before quantities. No groups:
        # a span is kept when it is a title or a protected term, dropped when a quantity.
        alternatives = [_TITLE, *map(re.escape, protected), _QUANTITY]
        self._spans = re.compile("|".join(alternatives))
        self._stopwords = stopwords() if drop_stopwords else frozenset()
        self._verdicts: dict[str, bool] = {}

    def _is_term(self, token: str) -> bool:
        verdict = self._verdicts.get(token)
        if verdict is None:
            verdict = (
                len(token) >= MIN_TERM_CHARS
                and token not in self._stopwords
                and _HAS_LETTER.search(token) is not None
                and not is_number_word(token)
            )
            self._verdicts[token] = verdict
        return verdict

    def _kept(self, span: str) -> bool:
        # A quantity opens with a digit, never with 《; a span equal to a protected term was
        # matched as that term, which is tried first.
        return span.startswith("《") or span in self._protected

    def tokenize(self, text: str) -> list[str]:
        """Terms of ``text`` in order: titles and protected terms whole, quantities and
        stopwords dropped."""
        out: list[str] = []
        position = 0
        for match in self._spans.finditer(text):
            if match.start() > position:
                out.extend(filter(self._is_term, self._engine.cut(text[position : match.start()])))
            if self._kept(match.group()):
                out.append(match.group())
            position = match.end()
        if position < len(text):
            out.extend(filter(self._is_term, self._engine.cut(text[position:])))
        return out

    def term_counts(self, texts: Iterable[str]) -> Counter:
        """How often each term occurs in ``texts``: the terms ``tokenize`` gives, counted.

        The fast path for counting: texts are cut in batches, every token is counted as it
        comes (in C, by ``Counter``), and the filter then runs once per distinct token, not once
        per occurrence.
        """
        spans: Counter = Counter()
        tokens: Counter = Counter()
        for batch in _batches(texts):
            spans.update(self._spans.findall(batch))
            tokens.update(self._engine.cut(self._spans.sub(_BREAK, batch)))
        counts = Counter({t: n for t, n in tokens.items() if self._is_term(t)})
        counts.update({span: n for span, n in spans.items() if self._kept(span)})
        return counts


def segmenter_for(words: tuple[str, ...], engine: str | None = None) -> Segmenter:
    """One segmenter per user dictionary and engine (``ANALYSIS_SEGMENTER`` when None), built
    once per process."""
    return _segmenter(tuple(words), engines.engine_name(engine))


@cache
def _segmenter(words: tuple[str, ...], engine: str) -> Segmenter:
    return Segmenter(words, engine)


def default_segmenter() -> Segmenter:
    """The segmenter for the project's own list (what ``load_items()`` reads)."""
    engine = engines.engine_name()
    return segmenter_for(_default_words(engine), engine)


@cache
def _default_words(engine: str) -> tuple[str, ...]:
    """Keyed by engine, since named bodies are found with the engine's own dictionary."""
    from ..source.load import load_items

    return user_dictionary(load_items())


def tokenize(text: str) -> list[str]:
    """Segment ``text`` with the user dictionary of the project's own list (for another
    list: ``segmenter_for(user_dictionary(items)).tokenize(text)``).

    >>> tokenize("实行“揭榜挂帅”项目遴选制度")
    ['揭榜挂帅', '项目', '遴选', '制度']
    """
    return default_segmenter().tokenize(text)
