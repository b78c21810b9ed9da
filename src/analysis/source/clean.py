"""The explicit corrections the loader makes to cell text. Each returns the new text and a
list of ``Repair`` records, so nothing is changed without the report being able to say so."""

import re
from dataclasses import dataclass

# Han ideographs, CJK punctuation and full-width forms: text in which a space carries no meaning.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·"
_SPACE = r"[ \t\u00a0\u3000]+"
_ANY_SPACE = re.compile(_SPACE)
_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK}]){_SPACE}|{_SPACE}(?=[{_CJK}])")
_PARAGRAPH_TAG = re.compile(r"</?p\s*>|<br\s*/?>", re.IGNORECASE)
_PARAGRAPH_SPLIT = re.compile(r"</p\s*>\s*<p\s*>|<br\s*/?>", re.IGNORECASE)
# An English word standing alone between Chinese characters is a slip of the editor's
# keyboard, not part of the text. Only the words listed here are replaced.
STRAY_ENGLISH = {"and": "和", "or": "或"}
_STRAY_ENGLISH = re.compile(
    f"(?<=[{_CJK}])(?:{_SPACE})?({'|'.join(STRAY_ENGLISH)})(?:{_SPACE})?(?=[{_CJK}])"
)
# A first paragraph this short with no punctuation cannot be content: it is the end of the
# name, spilled into the next cell when the table was flattened (item 45's 体系). Two
# characters at most: a longer heading such as 总体要求 is content, and stays there; so does
# an enumerator such as 一是, which starts with a numeral.
NAME_TAIL_MAX_CHARS = 2
_NAME_TAIL = re.compile(f"^(?![一二三四五六七八九十])[\u4e00-\u9fff]{{1,{NAME_TAIL_MAX_CHARS}}}$")
_CONTEXT = 6


@dataclass(frozen=True)
class Repair:
    line: int
    item_id: int | None
    field: str
    kind: str
    before: str
    after: str
    reason: str

    def as_dict(self) -> dict:
        # Not dataclasses.asdict: its deep copy made up a quarter of the loader's time.
        return dict(vars(self))


def _excerpt(text: str, start: int, end: int) -> str:
    return text[max(0, start - _CONTEXT) : end + _CONTEXT]


def _substitute(text, pattern, replace, *, line, item_id, field, kind, reason):
    """Apply ``pattern`` and record each change with a little context either side."""
    repairs = []
    out = []
    last = 0
    for match in pattern.finditer(text):
        new = replace(match)
        if new == match.group(0):
            continue
        out.append(text[last : match.start()])
        out.append(new)
        last = match.end()
        before = _excerpt(text, match.start(), match.end())
        after = text[max(0, match.start() - _CONTEXT) : match.start()] + new
        after += text[match.end() : match.end() + _CONTEXT]
        repairs.append(Repair(line, item_id, field, kind, before, after, reason))
    out.append(text[last:])
    return "".join(out), repairs


def split_paragraphs(cell: str) -> list[str]:
    """``<p>a</p> <p>b</p>`` → ``["a", "b"]``; a cell without markup is one paragraph."""
    parts = _PARAGRAPH_SPLIT.split(cell)
    return [_PARAGRAPH_TAG.sub("", part).strip() for part in parts if part.strip()]


def has_markup(cell: str) -> bool:
    return bool(_PARAGRAPH_TAG.search(cell))


def name_tail(content_paragraphs: list[str]) -> str | None:
    """The spilled end of a name at the start of the content, if there is one."""
    if len(content_paragraphs) >= 2 and _NAME_TAIL.match(content_paragraphs[0]):
        return content_paragraphs[0]
    return None


def fold_whitespace(text: str, *, line: int, item_id: int | None, field: str):
    """Drop spaces next to Chinese characters; collapse other runs to one space."""
    if not _ANY_SPACE.search(text):
        # Most cells have no space at all; the lookbehind patterns below are slow to say so.
        return text.strip(), []
    text, repairs = _substitute(
        text,
        _SPACE_NEXT_TO_CJK,
        lambda m: "",
        line=line,
        item_id=item_id,
        field=field,
        kind="whitespace_removed",
        reason="a space between Chinese characters or numbers carries no meaning",
    )
    collapsed, more = _substitute(
        text,
        re.compile(r"[ \t\u00a0\u3000]{2,}"),
        lambda m: " ",
        line=line,
        item_id=item_id,
        field=field,
        kind="whitespace_collapsed",
        reason="runs of spaces are folded to one",
    )
    return collapsed.strip(), repairs + more


def correct_stray_english(text: str, *, line: int, item_id: int | None, field: str):
    if not any(word in text for word in STRAY_ENGLISH):
        return text, []
    return _substitute(
        text,
        _STRAY_ENGLISH,
        lambda m: STRAY_ENGLISH[m.group(1)],
        line=line,
        item_id=item_id,
        field=field,
        kind="stray_english_corrected",
        reason="an English conjunction stands alone in Chinese text; replaced by its Chinese",
    )


def strip_markup(text: str) -> str:
    return _PARAGRAPH_TAG.sub("", text)
