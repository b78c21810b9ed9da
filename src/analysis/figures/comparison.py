"""Charts and words of a comparison of lists: the closest pairs of measures, ranked.

With two lists or two hundred, the chart is the same: the top pairs of measures that are each
other's nearest item in the other list, one bar each, labelled with both names. It never draws a
lists × lists matrix that would be unreadable past a handful of lists.
"""

import json
from functools import cache

import pandas as pd

from ..paths import RESOURCES
from ..text.alignment import LABEL_NONE, LABEL_RELATED, LABEL_SAME, RELATED, SAME_MEASURE
from .labels import fill
from .theme import BODY_SIZE, DARK, GREY, SECTION_COLOURS, fit_layout, new_figure, shorten

LABEL_COLOURS = {
    LABEL_SAME: SECTION_COLOURS[0],
    LABEL_RELATED: SECTION_COLOURS[1],
    LABEL_NONE: GREY,
}
TOP_PAIRS = 12
# The characters of an item's name kept on a bar's label.
NAME_CHARS = 16
LEGEND_LISTS = 6
LEGEND_CHARS = 20


@cache
def _texts() -> dict:
    return json.loads((RESOURCES / "comparison_text.json").read_text(encoding="utf-8"))


def comparison_text(key: str, lang: str, **values) -> str:
    """The comparison's text ``key`` in ``lang`` (``resources/comparison_text.json``)."""
    return fill(_texts(), "comparison_text.json", key, lang, **values)


def list_letters(names: list[str]) -> dict[str, str]:
    """A short tag per list for crowded labels: A, B, … Z, then L27, L28, …"""
    letters = {}
    for i, name in enumerate(names):
        letters[name] = chr(ord("A") + i) if i < 26 else f"L{i + 1}"
    return letters


def mutual_pairs(alignment: pd.DataFrame) -> pd.DataFrame:
    """Each pair of items that are each other's nearest in the other list, once (the row whose
    list comes first in the table), highest score first."""
    best = alignment[alignment["reciprocal"]]
    order = {name: i for i, name in enumerate(dict.fromkeys(alignment["list_a"]))}
    first = best["list_a"].map(order) < best["list_b"].map(order)
    pairs = best[first].sort_values(["score", "list_a", "item_a"], ascending=[False, True, True])
    return pairs.reset_index(drop=True)


def plot_top_pairs(alignment: pd.DataFrame, names: list[str], lang: str, top: int = TOP_PAIRS):
    """Horizontal bars: the ``top`` closest mutual pairs, each labelled ``A3 name ↔ B7 name``,
    coloured by their label, with the two thresholds as dashed lines."""
    pairs = mutual_pairs(alignment)
    same = int((pairs["label"] == LABEL_SAME).sum())
    shown = pairs.head(top)
    letters = list_letters(names)
    title = (
        comparison_text("pairs.title", lang, same=same)
        if same
        else comparison_text("pairs.title_none", lang)
    )
    source = comparison_text("source", lang, count=len(names))
    fig, ax = new_figure(
        title, comparison_text("pairs.subtitle", lang, shown=len(shown)), source=source
    )
    labels = [
        f"{letters[r.list_a]}{r.item_a} {shorten(r.name_a, NAME_CHARS)}  ↔  "
        f"{letters[r.list_b]}{r.item_b} {shorten(r.name_b, NAME_CHARS)}"
        for r in shown.itertuples()
    ]
    positions = range(len(shown))
    colours = [LABEL_COLOURS[label] for label in shown["label"]]
    bars = ax.barh(list(positions), shown["score"], color=colours)
    ax.set_yticks(list(positions), labels, fontsize=BODY_SIZE - 1)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    top_score = float(shown["score"].max()) if len(shown) else SAME_MEASURE
    ax.set_xlim(0, max(top_score, SAME_MEASURE) * 1.4)
    for threshold in (RELATED, SAME_MEASURE):
        ax.axvline(threshold, color=DARK, linestyle="--", linewidth=1)
    for bar, label in zip(bars, shown["label"], strict=True):
        ax.text(
            bar.get_width() + 0.004,
            bar.get_y() + bar.get_height() / 2,
            f"{bar.get_width():.2f} {comparison_text('label.' + label, lang)}",
            va="center",
            ha="left",
            fontsize=BODY_SIZE - 2,
            color=DARK,
            # Over the dashed threshold lines, a label stays legible.
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    # The key to the list tags: three lists a line, two lines at most, so it stays on the page.
    entries = [f"{letters[n]}: {shorten(n, LEGEND_CHARS)}" for n in names[:LEGEND_LISTS]]
    lines = ["   ".join(entries[i : i + 3]) for i in range(0, len(entries), 3)]
    if len(names) > LEGEND_LISTS:
        lines[-1] += f"   … ({len(names)})"
    fig.text(
        0.012, 0.055, "\n".join(lines), fontsize=BODY_SIZE - 3, color="#555555", ha="left",
        va="bottom", linespacing=1.4,
    )  # fmt: skip
    fit_layout(fig, bottom=0.06 + 0.035 * len(lines))
    return fig
