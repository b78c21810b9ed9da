"""Code every item with the policy instruments of a codebook, each code with its evidence.

``code_items`` returns one row per code. The columns, in order:

- ``item_id``, ``section_id``;
- ``instrument_type``: ``supply``, ``environment`` or ``demand``;
- ``tool``: the sub-tool's standard Chinese name (资金投入); ``tool_en``: its English name;
- ``rule``: the id of the codebook rule that fired;
- ``evidence``: the exact text that matched, with ``field`` (``content`` or ``name``),
  ``span_start`` and ``span_end``: ``items.loc[i, field][span_start:span_end] == evidence``;
- ``sentence_start``, ``sentence_end``: the sentence holding the evidence, in the same field
  (the unit a reader checks a code against).

A span that cuts a “…” quote in half is widened to the whole quote.

The unit of coding is the item: an item may carry several tools, and a tool may be evidenced
more than once in an item. Within one item, field and tool, overlapping matches (from one rule
or several) are one piece of evidence: the earliest and, at the same start, the longest is
kept. A name match whose evidence the content repeats for the same tool is dropped, since
names restate their content. Items no rule codes are never forced into a type: see
``items_for_review``.
"""

from pathlib import Path

import pandas as pd

from ..text.spans import TextMarks
from .codebook import Codebook, CodebookError, Rule, load_codebook

COLUMNS = [
    "item_id",
    "section_id",
    "instrument_type",
    "tool",
    "tool_en",
    "rule",
    "evidence",
    "field",
    "span_start",
    "span_end",
    "sentence_start",
    "sentence_end",
]
DTYPES = {"item_id": "int64", "section_id": "int64", "instrument_type": "str", "tool": "str",
          "tool_en": "str", "rule": "str", "evidence": "str", "field": "str",
          "span_start": "int64", "span_end": "int64", "sentence_start": "int64",
          "sentence_end": "int64"}  # fmt: skip
REVIEW_COLUMNS = ["item_id", "section_id", "name"]


def resolve_codebook(codebook: Codebook | str | Path | None) -> Codebook:
    """A ``Codebook`` as given, or loaded from a path (None: this run's codebook)."""
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)


def rule_matches(
    rule: Rule, text: str, marks: TextMarks, path: str | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` of every match of ``rule`` that no exclusion touches in its clause.
    ``path``: the codebook's file, for the error a rule that matches empty text raises (the
    checker catches most such rules; a lookaround can still match nothing somewhere)."""
    found = []
    for match in rule.pattern.finditer(text):
        start, end = match.span()
        if start == end:
            raise CodebookError("the rule matched empty text", rule.line, path, rule.id)
        first, stop = marks.clause(start, end)
        clause = text[first:stop]
        excluded = any(
            first + hit.start() < end and start < first + hit.end()
            for pattern in rule.excludes
            for hit in pattern.finditer(clause)
        )
        if not excluded:
            found.append(_balanced(text, start, end, marks))
    return found


def _balanced(text: str, start: int, end: int, marks: TextMarks) -> tuple[int, int]:
    """Widen a span that cuts a “…” quote in half to the whole quote, within its clause:
    构建“自然公园 becomes 构建“自然公园—城市公园—社区公园”, so the evidence reads as a unit."""
    first, stop = marks.clause(start, end)
    evidence = text[start:end]
    if evidence.count("“") > evidence.count("”"):
        close = text.find("”", end, stop)
        end = close + 1 if close >= 0 else end
    if evidence.count("”") > evidence.count("“"):
        opening = text.rfind("“", first, start)
        start = opening if opening >= 0 else start
    return start, end


def _without_overlaps(matches: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for start, end, rule_id in sorted(matches, key=lambda m: (m[0], -m[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, rule_id))
    return kept


def code_items(items: pd.DataFrame, codebook: Codebook | str | Path | None = None) -> pd.DataFrame:
    """One row per code (see the module's docstring), in item order, then field (as the
    codebook lists them), then text order. ``codebook``: a ``Codebook``, a path to a TOML
    codebook, or None for the bundled one."""
    book = resolve_codebook(codebook)
    missing = [f for f in book.fields if f not in items.columns]
    if missing:
        raise CodebookError(f"the items have no column {missing[0]!r}", path=book.path)
    rows = []
    columns = [items[c].tolist() for c in ("item_id", "section_id", *book.fields)]
    for item_id, section_id, *texts in zip(*columns, strict=True):
        evidence_seen: set[tuple[str, str]] = set()
        for field, text in zip(book.fields, texts, strict=True):
            marks = TextMarks(text)
            found = []
            for order, tool in enumerate(book.tools):
                matches = [
                    (start, end, rule.id)
                    for rule in tool.rules
                    for start, end in rule_matches(rule, text, marks, book.path)
                ]
                for start, end, rule_id in _without_overlaps(matches):
                    if (tool.zh, text[start:end]) in evidence_seen:
                        continue
                    found.append((start, order, end, tool, rule_id))
            for start, _, end, tool, rule_id in sorted(found, key=lambda f: f[:3]):
                sentence_start, sentence_end = marks.sentence(start, end)
                rows.append(
                    {
                        "item_id": item_id,
                        "section_id": section_id,
                        "instrument_type": tool.type,
                        "tool": tool.zh,
                        "tool_en": tool.en,
                        "rule": rule_id,
                        "evidence": text[start:end],
                        "field": field,
                        "span_start": start,
                        "span_end": end,
                        "sentence_start": sentence_start,
                        "sentence_end": sentence_end,
                    }
                )
            evidence_seen.update((tool.zh, text[start:end]) for start, _, end, tool, _ in found)
    return pd.DataFrame(rows, columns=COLUMNS).astype(DTYPES)


def items_for_review(items: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """The items no rule coded, in item order: a reader decides, the code never guesses."""
    uncoded = ~items["item_id"].isin(codes["item_id"])
    return items.loc[uncoded, REVIEW_COLUMNS].reset_index(drop=True)
