"""Charts of the list's structure: how the items spread over the sections."""

import pandas as pd

from .counts import section_counts
from .labels import label, section_name, section_short_name
from .theme import BODY_SIZE, DARK, fit_layout, new_figure, section_colour, wrap_label


def section_label(numeral: str, title: str, width: int = 16) -> str:
    """A section's axis label in the current language, wrapped to fit beside a bar."""
    return wrap_label(section_name(numeral, title), width)


def plot_items_per_section(items: pd.DataFrame):
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
    )
    labels = [
        section_label(n, t)
        for n, t in zip(counts["section_numeral"], counts["section_title"], strict=True)
    ]
    positions = range(len(counts))
    bars = ax.barh(
        positions, counts["items"], color=[section_colour(s) for s in counts["section_id"]]
    )
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()  # the document's order, top to bottom
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, counts["items"].max() * 1.12)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    for bar, value in zip(bars, counts["items"], strict=True):
        ax.text(
            bar.get_width() + 0.15,
            bar.get_y() + bar.get_height() / 2,
            f"{value}",
            va="center",
            ha="left",
            fontsize=BODY_SIZE + 2,
            color=DARK,
        )
    fit_layout(fig)
    return fig
