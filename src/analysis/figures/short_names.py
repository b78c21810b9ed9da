"""A short English name for a long section title, from its head phrase, as the curated short
names are made ("Innovation chain", "Real economy"), glossed by the dictionary
(``figures.dictionary``)."""

import re
from collections.abc import Mapping

from .cjk import CJK
from .composition import is_function_word, is_lexicon_modifier
from .dictionary import can_be_verb, noun_sense, only_verb, segment
from .lexicon import policy_lexicon

# Where a title's head phrase ends: a conjunction, or 的 before what it modifies.
_PHRASE_ENDS = frozenset("和与及的、，")
# Generic last nouns a short name can do without: "grassroots governance (system)",
# "intellectual property protection (area)" (…方面 ends the titles of lists issued by the State
# Council, such as 国办发〔2018〕126号).
_GENERIC_HEADS = frozenset(
    {"体系", "体制", "机制", "制度", "体制机制", "格局", "能力", "方面", "领域", "工作", "建设"}
)
_QUOTED = re.compile(r"“([^”]*)”")
SHORT_NAME_CHARS = 30
# A short name is cut from the front, a whole piece at a time, down to its last two pieces: a
# modifier and its head noun (知识产权|保护), which read wrong apart.
_KEPT_PIECES = 2
_LONG_QUOTE = 6


def _closes_phrase(pieces: list[tuple[str, str | None]], at: int) -> bool:
    """Whether only a phrase end or generic nouns (…体系) follow the piece at ``at``."""
    rest = [piece for piece, _ in pieces[at + 1 :]]
    for piece in rest:
        if piece in _PHRASE_ENDS:
            return True
        if piece not in _GENERIC_HEADS:
            return False
    return True


def _takes_object(pieces: list[tuple[str, str | None]], at: int) -> bool:
    """Whether the piece at ``at`` can be a verb and a noun that cannot follows it: its object
    (服务|小微企业), which ends the head phrase before it."""
    piece, following = pieces[at][0], pieces[at + 1][0]
    entry = policy_lexicon().get(piece)
    if entry is not None and entry.pos != "verb":
        return False
    return can_be_verb(piece) and not can_be_verb(following) and bool(CJK.match(following))


def _with_shared_head(
    head: list[tuple[str, str | None]], pieces: list[tuple[str, str | None]], known: Mapping
) -> list[tuple[str, str | None]]:
    """A head phrase that ends in a modifier (医疗卫生, "medical and health") names no thing; the
    title's last noun is the head its phrases share (医疗卫生|和|养老服务|改革 → "medical and
    health reform")."""
    if head[-1][0] in known or not is_lexicon_modifier(head[-1][0]):
        return head
    rest = [(p, e) for p, e in pieces[len(head) :] if p not in _GENERIC_HEADS]
    if not rest or rest[-1][0] in _PHRASE_ENDS or rest[-1][0] in dict(head):
        return head
    piece, english = rest[-1]
    noun = english if piece in known else noun_sense(piece)
    return [*head, (piece, noun)] if noun else head


def _middle_modifier(head: list[tuple[str, str | None]], known: Mapping[str, str]) -> int | None:
    """Where the first lexicon modifier between the first and the last piece stands, if any."""
    for at in range(1, len(head) - 1):
        if head[at][0] not in known and is_lexicon_modifier(head[at][0]):
            return at
    return None


def short_name(title: str, known: Mapping[str, str] | None = None) -> str | None:
    """A short English name for a long section title, from its head phrase, as the curated
    short names are made ("Innovation chain", "Real economy"): the leading verb goes (完善,
    建立), the phrase ends at a conjunction or at the next verb (深化“放管服”改革|提升…), a
    generic last noun (体系) goes, and modifiers between the topic and the head noun, then
    words from the front, are dropped until the name is at most ``SHORT_NAME_CHARS`` long.
    Words are dropped a whole piece at a time, and the last two pieces stay even when longer:
    the head noun phrase is kept whole (知识产权|保护 is "Intellectual property protection",
    not "Protection"). None where the dictionary cannot gloss the phrase."""
    known = known or {}
    # A long quoted slogan is a list, not a name; a short one (“放管服”) is the name.
    title = _QUOTED.sub(lambda m: m[1] if len(m[1]) <= _LONG_QUOTE else "", str(title))
    pieces = [
        (piece, english)
        for piece, english in segment(title, known)
        if piece in known or not is_function_word(piece)
    ]
    while len(pieces) > 1 and can_be_verb(pieces[0][0]):
        pieces = pieces[1:]
    head: list[tuple[str, str | None]] = []
    for at, (piece, english) in enumerate(pieces):
        if piece in _PHRASE_ENDS:
            break
        if head and piece not in known:
            if _closes_phrase(pieces, at):
                # 成果转化|激励|方面: a verb closing the phrase is its head noun, "incentives".
                english = noun_sense(piece) or english
            elif only_verb(piece) or _takes_object(pieces, at):
                # 普惠金融|服务|小微企业: the verb and its object are what the head does.
                break
        head.append((piece, english))
    # …体系建设: both the work (建设) and the system (体系) are generic.
    while len(head) > 1 and head[-1][0] in _GENERIC_HEADS:
        head = head[:-1]
    if not head or any(english is None for _, english in head):
        return None
    head = [
        (piece, english) for piece, english in _with_shared_head(head, pieces, known) if english
    ]
    # A modifier between the topic and the head noun goes first (教育|优质|均衡|发展 →
    # "Education development", not "Balanced development", which loses the topic).
    while len(" ".join(english for _, english in head)) > SHORT_NAME_CHARS and (
        middle := _middle_modifier(head, known)
    ):
        head = head[:middle] + head[middle + 1 :]
    words = [english for _, english in head]
    while len(words) > _KEPT_PIECES and len(" ".join(words)) > SHORT_NAME_CHARS:
        words = words[1:]
    name = " ".join(words)
    return name[:1].upper() + name[1:]
