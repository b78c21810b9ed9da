"""Charts of what the extraction found: citations, key numbers, the forecast ladder, claims.

Figure text comes from ``resources/labels.json`` (keys ``extraction.…``), so ``--lang en``
gives English figures; quoted source text (subjects, spans) stays as the list writes it.
"""

import csv
from functools import cache

import matplotlib.patches as mpatches
import pandas as pd

from ..extract.headlines import forecast_ladder, headline_quantities, ladder_code
from ..extract.units import COUNT
from ..paths import RESOURCES
from ..source.sections import per_section
from .glossary import DICTIONARY_MARK, drawing_glossary, gloss, glossed, lookup
from .labels import current_language, label, section_short_name
from .numbers import english_amount, english_range, qualifier_words
from .settings import FigureSettings, draws_with_settings
from .theme import BODY_SIZE, DARK, fit_layout, new_figure, section_colour, wrap_label

_RESOURCES = RESOURCES


def _text(key: str, lang: str | None = None, **values) -> str:
    return label(f"extraction.{key}", lang, **values)


@cache
def _doc_types_en() -> dict[str, str]:
    with open(_RESOURCES / "doc_types_en.csv", encoding="utf-8", newline="") as handle:
        return {row["doc_type"]: row["en"] for row in csv.DictReader(handle)}


def doc_type_label(doc_type: str, lang: str | None = None) -> str:
    """``条例`` in Chinese, ``Regulation (条例)`` in English (``lang``; in a plot function, the
    figure's language)."""
    english = _doc_types_en().get(doc_type, doc_type)
    return _text("doc_type", lang, doc_type=doc_type, english=english)


_VALUE_LABEL_SIZE = BODY_SIZE + 1


def _bare_axis(ax, limit: float) -> None:
    ax.set_xlim(0, limit)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _commonest_types(per_type: pd.Series) -> str:
    """The commonest instrument type, or the tied ones named together, or, when every type
    ties, how many there are: four types cited once each have no single commonest."""
    top_count = int(per_type.max())
    tied = [t for t in per_type.index[::-1] if per_type[t] == top_count]
    if len(tied) == 1:
        return _text("citations.leader_one", top_type=doc_type_label(tied[0]), top_count=top_count)
    if len(tied) == len(per_type):
        return _text("citations.leader_all", n_types=len(tied), top_count=top_count)
    types = _text("citations.type_separator").join(doc_type_label(t) for t in tied)
    return _text("citations.leader_tied", types=types, top_count=top_count)


@draws_with_settings
def plot_citations_by_type_and_section(
    regulations: pd.DataFrame, items: pd.DataFrame, *, settings: FigureSettings
):
    """Left: citations per instrument type, each bar split by section; right: per section."""
    by_type = regulations.groupby(["doc_type", "section_id"]).size().unstack(fill_value=0)
    by_type = by_type.loc[by_type.sum(axis=1).sort_values(ascending=True, kind="stable").index]
    sections = per_section(items)
    citations = (
        regulations.groupby("section_id").size().reindex(sections["section_id"], fill_value=0)
    )
    sez = int((regulations["level"] == "sez_regulation").sum())
    fig, (left, right) = new_figure(
        _text(
            "citations.title",
            total=len(regulations),
            leader=_commonest_types(by_type.sum(axis=1)),
            sez=_text("citations.sez", sez=sez) if sez else "",
        ),
        _text("citations.subtitle"),
        source=settings.source_line,
        ncols=2,
        gridspec_kw={"width_ratios": [1, 1.25]},
    )
    limit = max(by_type.sum(axis=1).max(), citations.max()) * 1.15
    for row, counts in enumerate(by_type.to_numpy()):
        offset = 0
        for section_id, count in zip(by_type.columns, counts, strict=True):
            if count:
                left.barh(
                    row,
                    count,
                    left=offset,
                    color=section_colour(section_id),
                    edgecolor="white",
                    linewidth=1.5,
                )
                offset += count
        left.text(
            offset + limit * 0.02,
            row,
            f"{offset}",
            va="center",
            fontsize=_VALUE_LABEL_SIZE,
            color=DARK,
        )
    left.set_yticks(range(len(by_type)), [doc_type_label(t) for t in by_type.index])
    _bare_axis(left, limit)
    positions = range(len(sections))
    bars = right.barh(
        positions, citations.values, color=[section_colour(s) for s in sections["section_id"]]
    )
    right.set_yticks(
        list(positions),
        [
            wrap_label(section_short_name(n, t), 16)
            for n, t in zip(sections["section_numeral"], sections["section_title"], strict=True)
        ],
    )
    right.invert_yaxis()
    for bar, value in zip(bars, citations.values, strict=True):
        right.text(
            bar.get_width() + limit * 0.02,
            bar.get_y() + bar.get_height() / 2,
            f"{value}",
            va="center",
            fontsize=_VALUE_LABEL_SIZE,
            color=DARK,
        )
    _bare_axis(right, limit)
    fit_layout(fig, w_pad=3)
    return fig


# Three rows of five: more cards than this no longer fit a slide with their text readable.
MAX_CARDS = 15


@draws_with_settings
def plot_key_numbers(quantities: pd.DataFrame, *, settings: FigureSettings, columns: int = 5):
    """A panel of cards: each headline figure as written, what it measures, and its item. A
    list with more than ``MAX_CARDS`` shows the first of them in its own order, and says so."""
    cards = headline_quantities(quantities)
    shown = cards.head(MAX_CARDS)
    rows = -(-len(shown) // columns)
    # The title names the largest count (compared in its dimension's base value, not by unit).
    largest = cards[cards["dimension"] == COUNT].sort_values("value_base").tail(1)
    if largest.empty:
        finding = _text("key_numbers.title_plain", count=len(cards))
    else:
        top = largest.iloc[0]
        finding = _text(
            "key_numbers.title",
            count=len(cards),
            subject=_subject_in_words(top["subject"]),
            text=top["text"],
            value=qualifier_words(top["qualifier"], "en")
            + english_amount(top["value"], top["unit"]),
        )
    subtitle = (
        _text("key_numbers.subtitle")
        if len(shown) == len(cards)
        else _text("key_numbers.subtitle_first", shown=len(shown), count=len(cards))
    )
    fig, ax = new_figure(finding, subtitle, source=settings.source_line)
    ax.set_xlim(0, columns)
    ax.set_ylim(rows, 0)
    ax.axis("off")
    for position, card in enumerate(shown.itertuples()):
        row, column = divmod(position, columns)
        ax.add_patch(
            mpatches.FancyBboxPatch(
                (column + 0.04, row + 0.05),
                0.92,
                0.9,
                boxstyle="round,pad=0,rounding_size=0.04",
                facecolor="#F3F3F3",
                edgecolor="none",
            )
        )
        number = _card_number(card)
        ax.text(
            column + 0.5,
            row + 0.3,
            number,
            ha="center",
            va="center",
            fontsize=_card_number_size(number),
            color=section_colour(card.section_id),
        )
        subject, full_subject = _card_subject(card)
        ax.text(
            column + 0.5,
            row + 0.62,
            subject,
            label=full_subject,
            ha="center",
            va="center",
            fontsize=BODY_SIZE - 1,
            color=DARK,
            linespacing=1.15,
        )
        ax.text(
            column + 0.5,
            row + 0.86,
            _text("key_numbers.item", item=card.item_id, text=_as_written(card)),
            ha="center",
            va="center",
            fontsize=BODY_SIZE - 2,
            color="#666666",
        )
    fit_layout(fig, top=0.87, bottom=0.07)
    return fig


_CARD_NUMBER_SIZE = BODY_SIZE + 12
# A card holds about this many Chinese characters at the full size; digits are about half as
# wide. A longer figure (最高百分之三十) is set smaller so that it stays inside its card.
_CARD_FULL_WIDTH = 6.5


def _card_number_size(text: str) -> float:
    width = sum(0.55 if ch.isascii() else 1.0 for ch in text)
    return _CARD_NUMBER_SIZE * min(1.0, _CARD_FULL_WIDTH / width)


def _wrap_list(text: str, width: int) -> str:
    """Wrap at 、 where the members fit, so 研发人员、研发资金 never breaks inside a word."""
    lines, line = [], ""
    for member in text.split("、"):
        candidate = f"{line}、{member}" if line else member
        if line and len(candidate) > width:
            lines.append(line + "、")
            line = member
        else:
            line = candidate
    lines.append(line)
    return "\n".join(wrap_label(part, width) for part in lines)


_CARD_SUBJECT_LINES = 2
# Half the characters of an English line on a card (wrap_label doubles it for Latin text): a
# line of 22 wide letters stays inside the card.
_CARD_GLOSS_WIDTH = 11


def _as_written(card) -> str:
    """The list's own words, a change's before and after joined: 10万辆→30万辆."""
    return f"{card.before_text}→{card.text}" if card.before_text else card.text


def _card_number(card) -> str:
    """The figure as the list writes it (达208万人); in English, as a reader writes it, with
    its qualifier (reached 2.08 million); the item line then quotes the list's own text."""
    if current_language() == "zh":
        return _as_written(card)  # a change is read as one: 60个工作日→30天
    amount = qualifier_words(card.qualifier, "en") + english_range(
        card.value, card.value_high, card.unit
    )
    if card.before_text:
        return f"{english_amount(card.before_value, card.before_unit)} → {amount}"
    return amount


def _subject_in_words(subject: str) -> str:
    """志愿者 in Chinese; "volunteers (志愿者)" in English, or the bare Chinese where the
    glossary does not know it."""
    english = gloss(subject, drawing_glossary()) if current_language() == "en" else None
    return f"{english} ({subject})" if english else subject


def _two_lines(lines: list[str]) -> list[str]:
    """A long subject would run into the number above it: two lines, then an ellipsis (a
    dictionary gloss keeps its mark after it)."""
    if len(lines) <= _CARD_SUBJECT_LINES:
        return lines
    mark = DICTIONARY_MARK if lines[-1].endswith(DICTIONARY_MARK) else ""
    last = lines[_CARD_SUBJECT_LINES - 1]
    return [*lines[: _CARD_SUBJECT_LINES - 1], last[:-1].rstrip(" ,") + "…" + mark]


def _card_subject(card) -> tuple[str, str]:
    """The card's subject as shown, and in full (for the figure's metadata where it is cut)."""
    english = gloss(card.subject, drawing_glossary()) if current_language() == "en" else None
    if english:
        # The list's own words are on the card's last line (Item 43 · 达208万人) and in the
        # report's table of quantities; the card has room for the gloss only.
        if lookup(card.subject, drawing_glossary()).source == "curated":
            # The curated glosses were written for their cards and are drawn as written.
            lines = wrap_label(english, 13).split("\n")
            return "\n".join(lines), "\n".join(lines)
        lines = wrap_label(english, _CARD_GLOSS_WIDTH).split("\n")
        shown = "\n".join(_two_lines(lines))
        return shown, english if len(lines) > _CARD_SUBJECT_LINES else shown
    # A bound read from earlier in the clause (最高…40%) or a target (目标) is not in the card's
    # text: say it.
    unsaid = [w for w in card.qualifier.split("+") if w and w not in card.text]
    bound = f"（{'、'.join(unsaid)}）" if unsaid else ""
    shown = "\n".join(_two_lines(_wrap_list(card.subject + bound, 11).split("\n")))
    return shown, shown


def _list_separator() -> str:
    return "、" if current_language() == "zh" else ", "


def _unit_label(unit: str) -> str:
    return _text(f"unit.{unit}")


@draws_with_settings
def plot_forecast_ladder(
    quantities: pd.DataFrame, terms: pd.DataFrame, *, settings: FigureSettings
):
    """The lead times of the forecasting ladder, longest first, each with what is issued then."""
    ladder = forecast_ladder(quantities)
    code = ladder_code(ladder, terms)
    steps = _list_separator().join(
        _text("ladder.step", value=v, unit=_unit_label(u))
        for v, u in zip(ladder["value"], ladder["unit"], strict=True)
    )
    name = _text("ladder.name", code=code) if code else _text("ladder.name_plain")
    fig, ax = new_figure(
        _text("ladder.title", name=name, steps=steps, levels=len(ladder)),
        _text("ladder.subtitle", item=ladder["item_id"].iloc[0]),
        source=settings.source_line,
    )
    positions = range(len(ladder))
    colour = section_colour(_section_of(quantities, ladder["item_id"].iloc[0]))
    ax.barh(list(positions), ladder["hours"], color=colour, height=0.62)
    ticks = [
        _text("ladder.tick", value=v, unit=_unit_label(u))
        for v, u in zip(ladder["value"], ladder["unit"], strict=True)
    ]
    ax.set_yticks(list(positions), ticks)
    ax.invert_yaxis()
    limit = ladder["hours"].max() * 1.02
    for position, (hours, subject) in enumerate(
        zip(ladder["hours"], ladder["subject"], strict=True)
    ):
        inside = hours > limit * 0.45
        ax.text(
            hours - limit * 0.01 if inside else hours + limit * 0.01,
            position,
            _text(
                "ladder.bar",
                hours=hours,
                subject=glossed(subject, settings.lang, settings.glossary),
            ),
            va="center",
            ha="right" if inside else "left",
            fontsize=BODY_SIZE + 1,
            color="white" if inside else DARK,
        )
    ax.set_xlim(0, limit)
    ax.tick_params(axis="y", length=0, labelsize=BODY_SIZE + 2)
    ax.set_xlabel(_text("ladder.xlabel"))
    ax.spines["left"].set_visible(False)
    fit_layout(fig)
    return fig


def _section_of(table: pd.DataFrame, item_id: int) -> int:
    return int(table.loc[table["item_id"] == item_id, "section_id"].iloc[0])


@draws_with_settings
def plot_first_mover_claims_by_section(per_section: pd.DataFrame, *, settings: FigureSettings):
    """Items per section (grey) and the items among them that claim to be first (colour)."""
    top = per_section.loc[per_section["items_with_claim"].idxmax()]
    fig, ax = new_figure(
        _text(
            "claims.title",
            section=section_short_name(top["section_numeral"], top["section_title"]),
            items=top["items"],
            with_claim=top["items_with_claim"],
        ),
        _text("claims.subtitle"),
        source=settings.source_line,
    )
    positions = list(range(len(per_section)))
    ax.barh(positions, per_section["items"], color="#E4E4E4", height=0.7)
    ax.barh(
        positions,
        per_section["items_with_claim"],
        height=0.7,
        color=[section_colour(s) for s in per_section["section_id"]],
    )
    labels = [
        wrap_label(section_short_name(n, t), 22)
        for n, t in zip(per_section["section_numeral"], per_section["section_title"], strict=True)
    ]
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    limit = per_section["items"].max() * 1.3
    for position, row in zip(positions, per_section.itertuples(), strict=True):
        ax.text(
            row.items + limit * 0.015,
            position,
            _text(
                "claims.bar", with_claim=row.items_with_claim, items=row.items, claims=row.claims
            ),
            va="center",
            fontsize=_VALUE_LABEL_SIZE,
            color=DARK,
        )
    _bare_axis(ax, limit)
    fit_layout(fig)
    return fig
