"""Charts of how long the list is: characters of content per section and per item.

Figure text comes from ``resources/labels.json`` (keys ``text.chars_per_…``)."""

import pandas as pd

from ..text.counts import section_counts
from .labels import label, section_short_name
from .sections import section_bars
from .settings import FigureSettings, draws_with_settings
from .theme import BODY_SIZE, fit_layout, new_figure, section_colour, wrap_label


def _text(key: str, **values) -> str:
    return label(f"text.{key}", **values)


@draws_with_settings
def plot_chars_per_section(items: pd.DataFrame, *, settings: FigureSettings):
    """Characters of content per section, in the document's order, with the mean per item."""
    counts = section_counts(items)
    top = counts.loc[counts["content_chars"].idxmax()]
    fig, ax = new_figure(
        _text(
            "chars_per_section.title",
            section=section_short_name(top["section_numeral"], top["section_title"]),
            chars=top["content_chars"],
        ),
        _text("chars_per_section.subtitle", total=counts["content_chars"].sum()),
        source=settings.source_line,
    )
    section_bars(
        ax,
        counts,
        counts["content_chars"],
        [
            _text("chars_per_section.bar", total=total, mean=mean)
            for total, mean in zip(
                counts["content_chars"], counts["mean_content_chars"], strict=True
            )
        ],
        headroom=1.25,
        label_gap=counts["content_chars"].max() * 0.01,
    )
    fit_layout(fig)
    return fig


@draws_with_settings
def plot_chars_per_item(items: pd.DataFrame, *, settings: FigureSettings):
    """Characters of content per item, in item order, coloured and labelled by section."""
    longest = items.loc[items["content_chars"].idxmax()]
    shortest = items.loc[items["content_chars"].idxmin()]
    fig, ax = new_figure(
        _text(
            "chars_per_item.title",
            longest=longest["item_id"],
            longest_chars=longest["content_chars"],
            shortest=shortest["item_id"],
            shortest_chars=shortest["content_chars"],
            ratio=longest["content_chars"] / shortest["content_chars"],
        ),
        _text("chars_per_item.subtitle"),
        source=settings.source_line,
    )
    ax.bar(
        items["item_id"],
        items["content_chars"],
        width=0.75,
        color=[section_colour(s) for s in items["section_id"]],
    )
    ax.set_xlim(items["item_id"].min() - 0.7, items["item_id"].max() + 0.7)
    ymax = items["content_chars"].max()
    ax.set_ylim(0, ymax * 1.3)
    ax.set_yticks([t for t in ax.get_yticks() if 0 <= t <= ymax])
    ax.set_xticks(items["item_id"], [str(i) for i in items["item_id"]], fontsize=BODY_SIZE - 2)
    ax.tick_params(axis="x", length=0)
    ax.set_xlabel(_text("chars_per_item.xlabel"), fontsize=BODY_SIZE)
    ax.set_ylabel(_text("chars_per_item.ylabel"), fontsize=BODY_SIZE)
    ax.grid(axis="y", color="#E6E6E6")
    # Each section named over its own run of bars: the key is on the data.
    for row in section_counts(items).itertuples():
        group = items[items["section_id"] == row.section_id]
        middle = (group["item_id"].min() + group["item_id"].max()) / 2
        ax.text(
            middle,
            ymax * 1.03,
            wrap_label(section_short_name(row.section_numeral, row.section_title), 10),
            ha="center",
            va="bottom",
            fontsize=BODY_SIZE,
            color=section_colour(row.section_id),
        )
    fit_layout(fig)
    return fig
