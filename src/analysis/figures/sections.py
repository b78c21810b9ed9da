"""Charts of the list's structure: how the items spread over the sections."""

import pandas as pd

from ..text.counts import section_counts
from .labels import label, section_name, section_short_name
from .settings import FigureSettings, draws_with_settings
from .theme import BODY_SIZE, DARK, fit_layout, new_figure, section_colour, wrap_label


def section_label(numeral: str, title: str, width: int = 16) -> str:
    """A section's axis label in the figure's language, wrapped to fit beside a bar."""
    return wrap_label(section_name(numeral, title), width)


def section_bars(ax, counts: pd.DataFrame, values, bar_labels, *, headroom: float, label_gap):
    """One horizontal bar per section of ``counts`` (a ``section_counts`` table), in the
    document's order from the top, in the section's colour and labelled at its end. The value
    axis is hidden: the labels carry the numbers. ``headroom`` scales the axis past the longest
    bar to leave room for its label; ``label_gap`` is the gap in data units."""
    labels = [
        section_label(n, t)
        for n, t in zip(counts["section_numeral"], counts["section_title"], strict=True)
    ]
    positions = range(len(counts))
    bars = ax.barh(positions, values, color=[section_colour(s) for s in counts["section_id"]])
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()  # the document's order, top to bottom
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, values.max() * headroom)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    for bar, text in zip(bars, bar_labels, strict=True):
        ax.text(
            bar.get_width() + label_gap,
            bar.get_y() + bar.get_height() / 2,
            text,
            va="center",
            ha="left",
            fontsize=BODY_SIZE + 2,
            color=DARK,
        )


@draws_with_settings
def plot_items_per_section(items: pd.DataFrame, *, settings: FigureSettings):
    """Horizontal bars in the document's section order, one colour per section."""
    counts = section_counts(items)
    top = counts.loc[counts["items"].idxmax()]
    fig, ax = new_figure(
        label(
            "items_per_section.title",
            section=section_short_name(top["section_numeral"], top["section_title"]),
            items=top["items"],
        ),
        label("items_per_section.subtitle", total=counts["items"].sum()),
        source=settings.source_line,
    )
    section_bars(
        ax,
        counts,
        counts["items"],
        [f"{value}" for value in counts["items"]],
        headroom=1.12,
        label_gap=0.15,
    )
    fit_layout(fig)
    return fig
