"""How a dictionary gloss composes its pieces into a label: the rules that read Chinese policy
phrasing, beside the senses the pieces take (``figures.dictionary``).

- an administrative level is one word (区级 → "district-level", 三级 → "three-tier");
- a number keeps no classifier (三个 → "three");
- function words (已, 共, 累计) and a generic last noun (…工作, …方面) add nothing to a label;
- a subject that ends in its verb states a result (审批事项减少 → "approval items reduced"),
  and one that opens with its verb counts the object (引进龙头企业 → "leading enterprises
  attracted");
- a target year opens a subject (到2025年 → "by 2025"), a time frame closes it (试点以来 →
  "since pilot"), and 年 opening a measure makes it annual (年发电量 → "annual power
  generation").
"""

import re
from collections.abc import Mapping

from .lexicon import policy_lexicon

# The units an administrative level is named after (区级 → "district-level"), and the tiers
# a list counts (两级财政, 三级公园体系). CC-CEDICT lacks most of them or reads 三级 as "grade 3".
_LEVEL_UNITS = {
    "国家": "national",
    "省": "province",
    "市": "city",
    "区": "district",
    "县": "county",
    "镇": "town",
    "乡": "township",
    "街道": "subdistrict",
    "社区": "community",
    "村": "village",
}
_TIERS = {"两": "two", "二": "two", "三": "three", "四": "four", "五": "five"}
_LEVEL = "级"


def level_gloss(word: str) -> str | None:
    """区级 → "district-level", 三级 → "three-tier"; None for any other word."""
    if len(word) < 2 or not word.endswith(_LEVEL):
        return None
    unit = word[:-1]
    if unit in _LEVEL_UNITS:
        return f"{_LEVEL_UNITS[unit]}-level"
    if unit in _TIERS:
        return f"{_TIERS[unit]}-tier"
    return None


# A number and its classifier (三个, 一名, 两家): the classifier has no English of its own.
_NUMERALS = {
    "一": "one",
    "两": "two",
    "二": "two",
    "三": "three",
    "四": "four",
    "五": "five",
    "六": "six",
    "七": "seven",
    "八": "eight",
    "九": "nine",
    "十": "ten",
}
_CLASSIFIERS = frozenset("个名家项所处户条座台套位张间")


def count_gloss(word: str) -> str | None:
    """三个 → "three", 一名 → "one"; None for any other word."""
    if len(word) == 2 and word[0] in _NUMERALS and word[1] in _CLASSIFIERS:
        return _NUMERALS[word[0]]
    return None


def is_function_word(word: str) -> bool:
    """An adverb or aspect word of the lexicon (已, 共, 累计) that adds nothing to a label."""
    entry = policy_lexicon().get(word)
    return entry is not None and entry.pos == "function"


# A target year opening a key number's subject (到2025年入库企业): "by 2025 …".
BY_YEAR = re.compile(r"^[到至](\d{4})年(?:底)?")
# Generic last nouns a label can do without: "safety (work)", "protection (area)".
_GENERIC_TAILS = frozenset({"工作", "方面"})


def without_noise(
    pieces: list[tuple[str, str | None]], known: Mapping[str, str]
) -> list[tuple[str, str | None]]:
    """``pieces`` without the function words (已, 共) a glossary does not gloss itself, and
    without a generic last noun (…工作, …方面); a term made only of them keeps them all."""
    kept = [(p, e) for p, e in pieces if p in known or not is_function_word(p)]
    if len(kept) > 1 and kept[-1][0] in _GENERIC_TAILS and kept[-1][0] not in known:
        kept = kept[:-1]
    return kept or pieces


# English verbs of the lexicon whose past participle is not the regular one.
_IRREGULAR_PARTICIPLES = {
    "cut": "cut",
    "set": "set",
    "put": "put",
    "build": "built",
    "grow": "grown",
    "fall": "fallen",
    "drive": "driven",
    "pay": "paid",
}


def _participle(verb: str) -> str:
    """reduce → reduced, streamline → streamlined, cut → cut."""
    if verb in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def with_result(words: list[str], pieces: list[tuple[str, str | None]]) -> list[str]:
    """A subject that ends in a lexicon verb after what it acts on (审批事项|减少) states a
    result: the verb reads as its participle, "approval items reduced", not "… reduce"."""
    last = policy_lexicon().get(pieces[-1][0])
    verbs = [policy_lexicon().get(piece) for piece, _ in pieces[:-1]]
    if (
        last is None
        or last.pos != "verb"
        or " " in last.en
        or all(entry is not None and entry.pos == "verb" for entry in verbs)
    ):
        return words
    return [*words[:-1], _participle(last.en)]


def with_object_first(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """A subject that opens with a lexicon verb and its object (引进|龙头企业) counts what the
    verb acted on: the object comes first and the verb last, to be read as its participle
    (:func:`with_result`): "leading enterprises attracted", as a count reads in English. Only
    modifiers of the lexicon (全年, 新增) may stand before the verb, and no other verb after it."""
    lexicon = policy_lexicon()
    entries = [lexicon.get(piece) for piece, _ in pieces]
    verb_at = next(
        (i for i, entry in enumerate(entries) if entry is not None and entry.pos == "verb"), None
    )
    if verb_at is None or verb_at == len(pieces) - 1 or " " in entries[verb_at].en:
        return pieces
    before, after = entries[:verb_at], entries[verb_at + 1 :]
    if not all(entry is not None and entry.pos == "modifier" for entry in before):
        return pieces
    if any(entry is not None and entry.pos == "verb" for entry in after):
        return pieces
    return [*pieces[:verb_at], *pieces[verb_at + 1 :], pieces[verb_at]]


# 年 opening a measure (年发电量, 年产值) makes it a yearly one.
_YEAR = "年"


def with_annual(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """年|发电量 → "annual power generation", where CC-CEDICT's 年 reads "year"."""
    if len(pieces) > 1 and pieces[0][0] == _YEAR:
        return [(_YEAR, "annual"), *pieces[1:]]
    return pieces


def is_postposition(piece: str, known: Mapping[str, str]) -> bool:
    """以来 (since), 期间 (during): a word that follows what it frames."""
    entry = policy_lexicon().get(piece)
    return piece not in known and entry is not None and entry.pos == "postposition"
