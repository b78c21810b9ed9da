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
  generation");
- a comparison with the year before closes a subject (比上年提高 → "up on the previous year");
- 型 making a kind drops (产教融合型企业 → "industry-education integration enterprises"), a
  verb before 率 or 量 is its noun (参与率 → "participation rate"), and a noun modifying the
  next is singular ("family doctor teams").
"""

import re
from collections.abc import Callable, Mapping

from .cjk import CJK
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
CLASSIFIERS = frozenset("个名家项所处户条座台套位张间")


def count_gloss(word: str) -> str | None:
    """三个 → "three", 一名 → "one"; None for any other word."""
    if len(word) == 2 and word[0] in _NUMERALS and word[1] in CLASSIFIERS:
        return _NUMERALS[word[0]]
    return None


def is_lexicon_modifier(word: str) -> bool:
    """A modifier of the lexicon (全年, 新增, 重大): it qualifies the word after it."""
    entry = policy_lexicon().get(word)
    return entry is not None and entry.pos == "modifier"


def is_function_word(word: str) -> bool:
    """An adverb or aspect word of the lexicon (已, 共, 累计) that adds nothing to a label."""
    entry = policy_lexicon().get(word)
    return entry is not None and entry.pos == "function"


# A target year opening a key number's subject (到2025年入库企业): "by 2025 …".
BY_YEAR = re.compile(r"^[到至](\d{4})年(?:底)?")
# The years a count covers, opening its subject (三年来累计投入…, 近三年新增…), which English says
# last: "… over the past three years", "… in the last three years".
YEARS_COVERED = re.compile(
    r"^(?P<recent>近|最近)?(?P<count>\d{1,2}|[两二三四五六七八九十])年(?P<since>来|以来)?"
)


def years_covered(term: str) -> tuple[str, str] | None:
    """``(frame, rest)`` for a term that opens with the years it covers: 三年来投入… →
    ("over the past three years", "投入…"), 近三年新增… → ("in the last three years", "新增…");
    None for any other term, or one where the years are all it says."""
    found = YEARS_COVERED.match(term)
    if found is None or not (found["recent"] or found["since"]) or len(term) == found.end():
        return None
    count = _NUMERALS.get(found["count"], found["count"])
    frame = f"in the last {count} years" if found["recent"] else f"over the past {count} years"
    return frame, term[found.end() :]


# Generic last nouns a label can do without: "safety (work)", "protection (area)".
_GENERIC_TAILS = frozenset({"工作", "方面"})


def without_noise(
    pieces: list[tuple[str, str | None]], known: Mapping[str, str]
) -> list[tuple[str, str | None]]:
    """``pieces`` without the function words (已, 共) a glossary does not gloss itself, and
    without a generic last noun (…工作, …方面); a term made only of them keeps them all."""
    # A preposition opening the term is read by with_beneficiary_last, not dropped (对 is also
    # the lexicon's function word "for").
    kept = [
        (p, e)
        for at, (p, e) in enumerate(pieces)
        if p in known or not is_function_word(p) or (at == 0 and p in OPENING_PREPOSITIONS)
    ]
    if len(kept) > 1 and kept[-1][0] in _GENERIC_TAILS and kept[-1][0] not in known:
        kept = kept[:-1]
    return kept or pieces


# English verbs of the lexicon whose past participle is not the regular one.
_IRREGULAR_PARTICIPLES = {
    "cut": "cut",
    "set": "set",
    "put": "put",
    "build": "built",
    "co-build": "co-built",
    "overcome": "overcome",
    "grow": "grown",
    "fall": "fallen",
    "drive": "driven",
    "pay": "paid",
    "hold": "held",
    "keep": "kept",
    "make": "made",
    "give": "given",
    "take": "taken",
    "run": "run",
    "withdraw": "withdrawn",
    "rise": "risen",
    "find": "found",
    "do": "done",
    "transfer": "transferred",
    "refer": "referred",
    "admit": "admitted",
    "commit": "committed",
    "submit": "submitted",
    "permit": "permitted",
    "plan": "planned",
    "control": "controlled",
    "equip": "equipped",
    "ship": "shipped",
    "stop": "stopped",
    "draw": "drawn",
    "lead": "led",
    "win": "won",
    "sell": "sold",
    "send": "sent",
    "spend": "spent",
    "bring": "brought",
    "buy": "bought",
}
# A two-word verb whose second word is a particle (set up, move in, cut to) takes the participle
# on its first word; a longer phrase is left as it stands.
_PARTICLES = frozenset({"up", "out", "in", "down", "off", "to", "at", "on", "over"})
VerbTest = Callable[[str], bool]
_CONJUNCTIONS = frozenset({"并", "和", "与", "及", "并且", "以及"})
# 平均 before a closing verb says how the result holds, after it in English.
_ON_AVERAGE = frozenset({"平均"})


def _is_lexicon_verb(piece: str) -> bool:
    entry = policy_lexicon().get(piece)
    return entry is not None and entry.pos == "verb"


def _participle(verb: str) -> str | None:
    """reduce → reduced, streamline → streamlined, cut → cut, set up → set up; None for a
    phrase that is no verb and particle."""
    words = verb.split()
    if len(words) > 2 or (len(words) == 2 and words[1] not in _PARTICLES):
        return None
    head = words[0]
    if head in _IRREGULAR_PARTICIPLES:
        head = _IRREGULAR_PARTICIPLES[head]
    elif head.endswith("e"):
        head += "d"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ied"
    else:
        head += "ed"
    return " ".join([head, *words[1:]])


def with_result(
    words: list[str], pieces: list[tuple[str, str | None]], is_verb: VerbTest = _is_lexicon_verb
) -> list[str]:
    """A subject that ends in a verb after what it acts on (审批事项|减少) states a result: the
    verb reads as its participle, "approval items reduced", not "… reduce". A number after the
    verb stays after it (达到|64% → "reached 64%"). ``is_verb``: whether a piece is a verb (the
    lexicon's verbs by default)."""
    number = ""
    if len(pieces) > 2 and not CJK.search(pieces[-1][0]) and words and words[-1] == pieces[-1][1]:
        number, words, pieces = words[-1], words[:-1], pieces[:-1]
    last, english = pieces[-1]
    participle = _participle(english or "") if is_verb(last) else None
    if participle is None or all(is_verb(piece) for piece, _ in pieces[:-1]):
        return [*words, number] if number else words
    words = words[:-1]
    if len(pieces) > 2 and pieces[-2][0] in _ON_AVERAGE and words[-1:] == [pieces[-2][1]]:
        # 办理时间|平均|压缩: "handling time cut on average", not "… average cut".
        words, participle = words[:-1], f"{participle} on average"
    return [*words, participle, *([number] if number else [])]


# 全 and a level of government: the whole area a count covers (全区 → district-wide).
WHOLE_AREAS = frozenset({"全省", "全市", "全县", "全区", "全镇", "全乡"})


def with_object_first(
    pieces: list[tuple[str, str | None]], is_verb: VerbTest = _is_lexicon_verb
) -> list[tuple[str, str | None]]:
    """A subject that opens with a verb and its object (引进|龙头企业) counts what the verb
    acted on: the object comes first and the verb last, to be read as its participle
    (:func:`with_result`): "leading enterprises attracted", as a count reads in English. Only
    modifiers of the lexicon (全年, 新增) may stand before the verb, and no other verb after it.
    ``is_verb``: whether a piece is a verb (the lexicon's verbs by default)."""
    verb_at = next((i for i, (piece, _) in enumerate(pieces) if is_verb(piece)), None)
    if verb_at is None or verb_at == len(pieces) - 1:
        return pieces
    if _participle(pieces[verb_at][1] or "") is None:
        return pieces
    # A whole area (全区: district-wide) says where, as a lexicon modifier (全年) says when.
    before = [piece for piece, _ in pieces[:verb_at] if piece not in WHOLE_AREAS]
    if not all(is_lexicon_modifier(piece) for piece in before):
        return pieces
    if (paired := _verb_pair_first(pieces, verb_at, is_verb)) is not None:
        return paired
    if any(is_verb(piece) for piece, _ in pieces[verb_at + 1 :]):
        return pieces
    if pieces[verb_at + 1][0] in _CONJUNCTIONS:
        # 发现|并|整改…: two verbs joined, not a verb and its object.
        return pieces
    return [*pieces[:verb_at], *pieces[verb_at + 1 :], pieces[verb_at]]


def _verb_pair_first(
    pieces: list[tuple[str, str | None]], verb_at: int, is_verb: VerbTest
) -> list[tuple[str, str | None]] | None:
    """Two verbs in a row before their object (优化|调整|公交线路) are one action done twice,
    as the register pairs them: the object first and both participles after it, "bus routes
    optimised and adjusted". None where the pieces are not two verbs and an object free of
    verbs."""
    rest = pieces[verb_at + 2 :]
    if not rest or not is_verb(pieces[verb_at + 1][0]) or any(is_verb(p) for p, _ in rest):
        return None
    (_, first_en), (second, second_en) = pieces[verb_at], pieces[verb_at + 1]
    participles = (_participle(first_en or ""), _participle(second_en or ""))
    if None in participles:
        return None
    # The pair stands as its second verb, so that the object before it stays a noun of its own
    # (bus routes), not a modifier made singular.
    return [*pieces[:verb_at], *rest, (second, " and ".join(participles))]


# 每年 reads "annual" before a noun (每年|减少|排放, the verb moved last: "annual … reduced")
# and "every year" before a verb that stays in its place (社区|每年|安排|资金).
_EACH_YEAR = "每年"


def with_every_year(
    pieces: list[tuple[str, str | None]], is_verb: VerbTest = _is_lexicon_verb
) -> list[tuple[str, str | None]]:
    """每年 right before a verb (one not moved last) reads "every year", not "annual"."""
    return [
        (piece, "every year")
        if piece == _EACH_YEAR and at + 1 < len(pieces) and is_verb(pieces[at + 1][0])
        else (piece, english)
        for at, (piece, english) in enumerate(pieces)
    ]


# Plurals that are no plural of a singular noun (sales, logistics) or change their sense when
# singular (rights, goods, affairs).
_NOT_PLURALS = frozenset(
    {
        "sales",
        "logistics",
        "statistics",
        "economics",
        "politics",
        "electronics",
        "goods",
        "news",
        "means",
        "series",
        "species",
        "rights",
        "affairs",
        "arts",
        "savings",
        "earnings",
        "proceeds",
        "premises",
        "arrears",
        "headquarters",
        "outskirts",
        "arms",
        "customs",
        "works",
        "emissions",
        "services",
        "gas",
        "bias",
        "lens",
        "atlas",
        "chaos",
        "canvas",
    }
)


def singular(word: str) -> str:
    """enterprises → enterprise, subsidies → subsidy, taxes → tax; a word that is no regular
    plural (business, sales, rights) is returned as it is."""
    lower = word.lower()
    if lower in _NOT_PLURALS or not re.fullmatch(r"[A-Za-z-]*[a-z]s", word):
        return word
    if re.search(r"(ss|us|is|ics)$", lower):
        return word
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|x|ch|sh)es$", lower):
        return word[:-2]
    return word[:-1]


# A noun counted by a number stays plural: "three parties", "427 river chiefs".
_COUNTED = re.compile(r"(\d|(two|three|four|five|six|seven|eight|nine|ten)\b)")


def with_singular_modifiers(
    pieces: list[tuple[str, str | None]], is_verb: VerbTest = _is_lexicon_verb
) -> list[tuple[str, str | None]]:
    """A noun that modifies the noun after it is singular in English: 家庭医生|团队 → "family
    doctor teams", 贷款|利率 → "loan interest rates", not "family doctors teams"."""
    out = list(pieces)
    for at in range(len(out) - 1):
        piece, english = out[at]
        following = out[at + 1][0]
        if (
            not english
            or is_verb(piece)
            or is_verb(following)
            or not CJK.search(following)
            or not CJK.search(piece)
            or _is_lexicon_function(following)
            or _COUNTED.match(english)
        ):
            continue
        *front, last = english.split(" ")
        out[at] = (piece, " ".join([*front, singular(last)]))
    return out


def _is_lexicon_function(piece: str) -> bool:
    entry = policy_lexicon().get(piece)
    return entry is not None and entry.pos in ("function", "postposition")


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def plural(word: str) -> str:
    """chief → chiefs, facility → facilities, tax → taxes; a word ending in s is left as it is."""
    if word.endswith("s") or not re.fullmatch(r"[A-Za-z-]*[a-z]", word):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if re.search(r"(x|ch|sh)$", word):
        return word + "es"
    return word + "s"


def with_counted_plural(
    pieces: list[tuple[str, str | None]], is_verb: VerbTest = _is_lexicon_verb
) -> list[tuple[str, str | None]]:
    """A noun counted by a number and its classifier (427名|河长, 三个|园区) is plural in
    English: "427 river chiefs", "three parks"; one (一个, 1名) stays singular."""
    out = list(pieces)
    for at in range(len(out) - 1):
        piece, english = out[at]
        counted, noun = out[at + 1]
        if not english or not noun or english in ("1", "one") or is_verb(counted):
            continue
        number = piece[:-1]
        if piece[-1:] not in CLASSIFIERS or not (number in _NUMERALS or _DIGITS.fullmatch(number)):
            continue
        if not CJK.search(counted):
            continue
        *front, last = noun.split(" ")
        out[at + 1] = (counted, " ".join([*front, plural(last)]))
    return out


# A preposition opening a subject names whom the verb's object is for, to whom it went or by
# what means (为|农户|发放|贷款, 对|企业|给予|奖励, 通过|社保卡|发放|补贴); English says it last.
OPENING_PREPOSITIONS = {
    "为": "for",
    "对": "to",
    "向": "to",
    "给": "to",
    "通过": "through",
    "依托": "via",
}


def with_beneficiary_last(
    pieces: list[tuple[str, str | None]], is_verb: VerbTest = _is_lexicon_verb
) -> list[tuple[str, str | None]]:
    """为|农户|发放|小额|信用贷款 counts what was done and says for whom last: "small credit loans
    issued for farm households", not "for farm households issue …"; so with 对, 向 and 给 (to
    whom) and 通过 and 依托 (through what)."""
    if len(pieces) < 4 or pieces[0][0] not in OPENING_PREPOSITIONS:
        return pieces
    verb_at = next((i for i, (piece, _) in enumerate(pieces) if i > 1 and is_verb(piece)), None)
    if verb_at is None or verb_at == len(pieces) - 1:
        return pieces
    rest = pieces[verb_at + 1 :]
    participle = _participle(pieces[verb_at][1] or "")
    if participle is None or any(is_verb(piece) for piece, _ in rest):
        return pieces
    whom = " ".join(english for _, english in pieces[1:verb_at] if english)
    preposition = OPENING_PREPOSITIONS[pieces[0][0]]
    done = (
        "".join(piece for piece, _ in pieces[: verb_at + 1]),
        f"{participle} {preposition} {whom}",
    )
    return [*rest, done]


# Comparisons with the year before, which English puts after what they compare: 比上年提高 →
# "up on the previous year", 同比下降 → "down year on year".
_COMPARISON = re.compile(
    r"(?:(?P<previous>[比较](?:上年|去年|上一年)(?:同期)?)|(?P<same>同比))"
    r"(?P<direction>提高|提升|增长|增加|上升|下降|减少|降低|下滑)?"
)
_UP = frozenset({"提高", "提升", "增长", "增加", "上升"})
_POINTS = "个百分点"
_NUMBER_ONLY = re.compile(rf"\d+(?:\.\d+)?(?:%|％|{_POINTS})?")


def comparison(term: str) -> tuple[str, str, str] | None:
    """``term`` around a comparison with the year before: ``(before, english, after)``;
    比上年提高 → ``("", "up on the previous year", "")``, 较上年 alone → "compared with the
    previous year". None where ``term`` makes no such comparison."""
    found = _COMPARISON.search(term)
    if found is None:
        return None
    base = "on the previous year" if found["previous"] else "year on year"
    after = term[found.end() :]
    if found["direction"] and _NUMBER_ONLY.fullmatch(after):
        # 同比增长|12%: "up 12% year on year", the rise inside the phrase.
        direction = "up" if found["direction"] in _UP else "down"
        amount = after.replace(_POINTS, " percentage points")
        return term[: found.start()], f"{direction} {amount} {base}", ""
    if found["direction"]:
        english = f"{'up' if found['direction'] in _UP else 'down'} {base}"
    elif found["previous"]:
        english = "compared with the previous year"
    else:
        english = "year on year"
    return term[: found.start()], english, term[found.end() :]


# A character that makes its noun a kind (产教融合型企业: "industry-education integration
# enterprises", not "… mold enterprises"); English says the kind by the noun alone.
_KIND_SUFFIXES = frozenset("型式")
# A rate, a share or a volume of what the piece before it does (参与率: "participation rate",
# 处理量: "handling volume").
_RATE_WORDS = frozenset({"率", "比例", "比重", "量"})
_SHARE_WORDS = frozenset({"占比"})
# The nouns of policy verbs that no rule below forms.
_VERB_NOUNS = {
    "pay": "payment",
    "sell": "sales",
    "treat": "treatment",
    "cover": "coverage",
    "employ": "employment",
    "use": "use",
    "approve": "approval",
    "enrol": "enrolment",
    "repay": "repayment",
    "settle": "settlement",
    "reimburse": "reimbursement",
    "complete": "completion",
    "recover": "recovery",
    "dispose": "disposal",
    "sign": "signing",
    "serve": "service",
    "pass": "pass",
    "handle": "handling",
    "process": "processing",
}


def verb_noun(verb: str) -> str:
    """The noun of an English verb, for a rate of it: participate → participation, realise →
    realisation, pay → payment; a word no rule knows is returned as it is."""
    if verb in _VERB_NOUNS:
        return _VERB_NOUNS[verb]
    if re.fullmatch(r"[a-z]+ate", verb):
        return verb[:-1] + "ion"
    if re.fullmatch(r"[a-z]+i[sz]e", verb):
        return verb[:-1] + "ation"
    return verb


def _lexicon_verb_noun(piece: str, english: str | None) -> str | None:
    return verb_noun(english) if english and _is_lexicon_verb(piece) else None


# A占B的比重: what share of B is A (信用贷款|占|小微企业贷款|比重 → "share of credit loans in
# small and micro enterprise loans").
ACCOUNTS_FOR = "占"
SHARE_NOUNS = frozenset({"比重", "比例"})


ATTRIBUTIVE = "的"


def with_share_of(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """A|占|B|比重 → one piece, "share of A in B"; the pieces after it stay. 占 with no share
    word after it reads "A as a share of B", or "share of B" where it opens the term."""
    marks = [piece for piece, _ in pieces]
    if ACCOUNTS_FOR not in marks:
        return pieces
    at = marks.index(ACCOUNTS_FOR)
    part = " ".join(english for _, english in with_singular_modifiers(pieces[:at]) if english)
    end = next((i for i in range(at + 2, len(marks)) if marks[i] in SHARE_NOUNS), None)
    if end is None:
        # A|占|B with no share word after it (业务量|占|全国, 占|农户总数): A as a share of B.
        whole = " ".join(english for _, english in pieces[at + 1 :] if english)
        if not whole:
            return pieces
        share = f"{part} as a share of {whole}" if part else f"share of {whole}"
        return [("".join(marks), share)]
    whole_span = pieces[at + 1 : end]
    if len(whole_span) > 1 and whole_span[-1][0] == ATTRIBUTIVE:
        # A占B的比重 says the same as A占B比重: the 的 before the share is no "of" of its own.
        whole_span = whole_span[:-1]
    whole_pieces = with_singular_modifiers(whole_span)
    whole = " ".join(english for _, english in whole_pieces if english)
    share = f"share of {part} in {whole}" if part else f"share of {whole}"
    merged = ("".join(marks[: end + 1]), share)
    return [merged, *pieces[end + 1 :]]


def with_kinds_and_rates(
    pieces: list[tuple[str, str | None]],
    is_verb: VerbTest = _is_lexicon_verb,
    noun_of: Callable[[str, str | None], str | None] = _lexicon_verb_noun,
) -> list[tuple[str, str | None]]:
    """型 or 式 between two words drops (…融合|型|企业 → "… integration enterprises"); a verb
    before 率, 比例 or 量 reads as its noun (参与|率 → "participation rate"); 占比 after what it
    counts reads as "share of" it (村|占比 → "share of village"). ``noun_of(piece, english)``:
    the noun of a piece that can be a verb, else None (the lexicon's verbs by default)."""
    out: list[tuple[str, str | None]] = []
    for i, (piece, english) in enumerate(pieces):
        if piece in _KIND_SUFFIXES and 0 < i < len(pieces) - 1:
            continue
        if piece in _RATE_WORDS and out and (noun := noun_of(*out[-1])) is not None:
            # One piece, a noun: the verb inside it is no longer read as a verb.
            verb, _ = out.pop()
            out.append((verb + piece, f"{noun} {english}"))
            continue
        if piece in _SHARE_WORDS and out and not any(is_verb(p) for p, _ in out):
            words = " ".join(e for _, e in out if e)
            out = [("".join(p for p, _ in out) + piece, f"{english} of {words}")]
            continue
        out.append((piece, english))
    return out


# Nouns that measure an action rather than count what it acted on: 处理|生活污水|能力 is the
# capacity of handling sewage, not sewage handled. A verb that changes the measure itself
# (提升|创新|能力: innovation capacity raised) acts on it instead.
_MEASURES = frozenset({"能力", "规模"})
_CHANGES = frozenset(
    {"提高", "提升", "增长", "增加", "增强", "扩大", "强化", "优化", "降低", "减少", "缩小", "节约"}
)


def with_measured_action(
    pieces: list[tuple[str, str | None]],
    is_verb: VerbTest = _is_lexicon_verb,
    noun_of: Callable[[str, str | None], str | None] = _lexicon_verb_noun,
) -> list[tuple[str, str | None]]:
    """A verb and its object before a noun that measures the action (日|处理|生活污水|能力)
    name that measure: the object, then the verb's noun with the measure, "daily domestic
    sewage handling capacity", not "… capacity handled". Only where the verb opens the subject
    (after the lexicon's modifiers and numbers), does not change the measure, and has an
    object free of verbs."""
    if len(pieces) < 3 or pieces[-1][0] not in _MEASURES:
        return pieces
    verb_at = next((i for i, (piece, _) in enumerate(pieces[:-1]) if is_verb(piece)), None)
    if verb_at is None or verb_at + 1 >= len(pieces) - 1 or pieces[verb_at][0] in _CHANGES:
        return pieces
    if not all(
        not CJK.search(piece) or is_lexicon_modifier(piece) for piece, _ in pieces[:verb_at]
    ):
        return pieces
    object_pieces = pieces[verb_at + 1 : -1]
    if object_pieces[0][0] in _CONJUNCTIONS or any(is_verb(piece) for piece, _ in object_pieces):
        return pieces
    noun = noun_of(*pieces[verb_at])
    if noun is None:
        return pieces
    (verb, _), (measure, measure_en) = pieces[verb_at], pieces[-1]
    return [*pieces[:verb_at], *object_pieces, (verb + measure, f"{noun} {measure_en}")]


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
