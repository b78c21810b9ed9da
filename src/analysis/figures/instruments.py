"""Charts of the policy-instrument codes: sub-tool × section, and the three types per section.

Figure text comes from ``resources/labels.json`` (keys ``instruments.…``); the sub-tools' names
come from the codebook (``tool`` in Chinese, ``tool_en`` in English), so a user's codebook
labels its own tools.
"""

import matplotlib.colors as mcolors
import matplotlib.lines as mlines
import matplotlib.transforms as transforms
import numpy as np
import pandas as pd

from .labels import label, p_text, section_short_name
from .settings import FigureSettings, draws_with_settings
from .theme import ACCENT, BODY_SIZE, DARK, GREY, fit_layout, new_figure, wrap_label

# Context in greys, the accent on the type the title is about.
_TYPE_GREYS = ["#4D4D4D", "#B3B3B3", "#D9D9D9"]
_HEAT = mcolors.LinearSegmentedColormap.from_list("instruments", ["#F5F8FC", "#0B4F8A"])
_TYPE_ORDER = ("supply", "environment", "demand")


def _ink_on(colour: str) -> str:
    """White text on a dark fill, dark text on a light one (relative luminance)."""
    return "white" if mcolors.rgb_to_hsv(mcolors.to_rgb(colour))[2] < 0.6 else DARK


def _text(key: str, **values) -> str:
    return label(f"instruments.{key}", **values)


def type_name(kind: str) -> str:
    return _text(f"type.{kind}")


def _tool_name(row, lang: str) -> str:
    if lang == "zh":
        return row.tool
    return row.tool_en[:1].upper() + row.tool_en[1:]


def _even_wrap(text: str, width: int) -> str:
    """Wrap into as few lines as ``width`` allows, of even length: no line of one character.
    English wraps at spaces (``wrap_label`` allows it twice the characters)."""
    if text.isascii():
        return wrap_label(text, width)
    lines = -(-len(text) // width)
    return wrap_label(text, -(-len(text) // lines))


def _joined(names: list[str]) -> str:
    return _text("list_separator").join(names)


def _section_columns(table: pd.DataFrame) -> pd.DataFrame:
    return table[["section_id", "section_numeral", "section_title", "items"]].drop_duplicates()


@draws_with_settings
def plot_tools_by_section(tools: pd.DataFrame, totals: pd.DataFrame, *, settings: FigureSettings):
    """Heat map: one row per sub-tool (grouped by type, in the codebook's order), one column
    per section; each cell counts the section's items coded with the tool, shaded by their
    share of the section's items. ``tools``: ``tool_by_section``; ``totals``: ``tool_totals``."""
    sections = _section_columns(tools)
    grid = tools.pivot(index="tool", columns="section_id", values="coded_items")
    shares = tools.pivot(index="tool", columns="section_id", values="share_of_items")
    order = list(dict.fromkeys(tools["tool"]))
    grid, shares = grid.loc[order], shares.loc[order]
    totals = totals.set_index("tool").loc[order].reset_index()
    top = totals.loc[totals["coded_items"].idxmax()]
    absent = [_tool_name(r, settings.lang) for r in totals.itertuples() if r.coded_items == 0]
    n_items = int(sections["items"].sum())
    values = {"tool": _tool_name(top, settings.lang), "items": int(top["coded_items"])}
    values["share"] = top["coded_items"] / n_items
    title = (
        _text("tools.title", absent=_joined(absent), n_absent=len(absent), **values)
        if absent
        else _text("tools.title_plain", **values)
    )
    fig, ax = new_figure(title, _text("tools.subtitle", items=n_items), source=settings.source_line)
    ax.imshow(shares.to_numpy(), cmap=_HEAT, vmin=0, vmax=max(shares.to_numpy().max(), 1e-9),
              aspect="auto")  # fmt: skip
    for (row, column), count in np.ndenumerate(grid.to_numpy()):
        share = shares.to_numpy()[row, column]
        dark = share > 0.55 * shares.to_numpy().max()
        ax.text(
            column,
            row,
            f"{count}" if count else "·",
            ha="center",
            va="center",
            fontsize=BODY_SIZE - 1,
            color="white" if dark else (DARK if count else GREY),
        )
    column_labels = [
        _even_wrap(section_short_name(n, t), 9)
        for n, t in zip(sections["section_numeral"], sections["section_title"], strict=True)
    ]
    ax.set_xticks(range(len(sections)), column_labels, fontsize=BODY_SIZE - 2)
    ax.xaxis.tick_top()
    ax.set_yticks(
        range(len(order)),
        [_even_wrap(_tool_name(r, settings.lang), 12) for r in totals.itertuples()],
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # The items per tool, all sections together, to the right of the grid.
    for row, count in enumerate(totals["coded_items"]):
        ax.text(len(sections) - 0.35, row, f"{count}", ha="left", va="center",
                fontsize=BODY_SIZE - 1, color=DARK if count else GREY)  # fmt: skip
    ax.text(len(sections) - 0.35, -0.75, _text("tools.total"), ha="left", va="bottom",
            fontsize=BODY_SIZE - 2, color=DARK)  # fmt: skip
    # Lines between the types, and each type's name beside its first tool.
    kinds = totals["instrument_type"].tolist()
    for row in range(1, len(kinds)):
        if kinds[row] != kinds[row - 1]:
            ax.axhline(row - 0.5, color="white", linewidth=4)
    # Each type's name in a left-hand column, with a rule along its tools.
    margin = transforms.blended_transform_factory(fig.transFigure, ax.transData)
    for kind in dict.fromkeys(kinds):
        rows = [i for i, k in enumerate(kinds) if k == kind]
        name = type_name(kind)
        # Chinese reads top to bottom, one character a line; English turns on its side.
        upright = not name.isascii()
        ax.text(0.035, (rows[0] + rows[-1]) / 2, "\n".join(name) if upright else name,
                transform=margin, rotation=0 if upright else 90, ha="center", va="center",
                fontsize=BODY_SIZE, color=DARK, linespacing=1.1)  # fmt: skip
        ax.add_line(
            mlines.Line2D(
                [0.052, 0.052],
                [rows[0] - 0.4, rows[-1] + 0.4],
                transform=margin,
                color=GREY,
                linewidth=1.2,
                clip_on=False,
            )  # fmt: skip
        )
    ax.set_xlim(-0.5, len(sections) + 0.3)
    fit_layout(fig, top=0.84, left=0.22, right=0.96)
    return fig


@draws_with_settings
def plot_types_by_section(types: pd.DataFrame, p_permutation: float, *, settings: FigureSettings):
    """100 % stacked bars: per section, the shares of its item × type codes that are supply,
    environment and demand. ``types``: ``type_by_section``; the permutation test's p-value
    goes into the subtitle."""
    sections = _section_columns(types)
    shares = types.pivot(index="section_id", columns="instrument_type", values="share_of_codes")
    counts = types.pivot(index="section_id", columns="instrument_type", values="coded_items")
    kinds = [k for k in _TYPE_ORDER if k in shares.columns]
    overall = counts[kinds].sum()
    total = int(overall.sum())
    rarest = overall.idxmin()
    absent = int((counts[rarest] == 0).sum())
    values = {"type": type_name(rarest), "share": overall[rarest] / total, "codes": total}
    title = (
        _text("types.title", absent=absent, sections=len(sections), **values)
        if absent
        else _text("types.title_plain", **values)
    )
    # No test without two sections and two types to compare (a user's codebook may code few).
    subtitle = (
        _text("types.subtitle_plain")
        if np.isnan(p_permutation)
        else _text("types.subtitle", p=p_text(p_permutation))
    )
    fig, ax = new_figure(title, subtitle, source=settings.source_line)
    greys = iter(_TYPE_GREYS)
    colours = {k: ACCENT if k == rarest else next(greys) for k in kinds}
    positions = np.arange(len(sections))
    left = np.zeros(len(sections))
    for kind in kinds:
        widths = shares[kind].to_numpy()
        ax.barh(positions, widths, left=left, color=colours[kind], height=0.66,
                edgecolor="white", linewidth=1.5)  # fmt: skip
        for y, (start, width) in enumerate(zip(left, widths, strict=True)):
            if width >= 0.06:
                ax.text(start + width / 2, y, f"{width:.0%}", ha="center", va="center",
                        fontsize=BODY_SIZE, color=_ink_on(colours[kind]))  # fmt: skip
        left += widths
    # A header row names the types (a direct label, not a legend), each over the middle of its
    # share of all codes, which the bars below vary around.
    pooled = (overall[kinds] / total).to_numpy()
    for kind, start, width in zip(kinds, np.cumsum(pooled) - pooled, pooled, strict=True):
        ax.text(start + width / 2, -0.5, type_name(kind), ha="center", va="bottom",
                fontsize=BODY_SIZE, color=ACCENT if kind == rarest else DARK)  # fmt: skip
    per_section = counts[kinds].sum(axis=1)
    for y, section in enumerate(sections.itertuples()):
        ax.text(1.015, y, _text("types.bar", codes=int(per_section.iloc[y]), items=section.items),
                ha="left", va="center", fontsize=BODY_SIZE - 1, color=DARK)  # fmt: skip
    ax.set_yticks(
        positions,
        [
            _even_wrap(section_short_name(n, t), 15)
            for n, t in zip(sections["section_numeral"], sections["section_title"], strict=True)
        ],
    )
    ax.set_ylim(len(sections) - 0.5, -0.9)
    ax.set_xlim(0, 1)
    ax.xaxis.set_visible(False)
    ax.tick_params(axis="y", length=0)
    for spine in ("left", "bottom"):
        ax.spines[spine].set_visible(False)
    fit_layout(fig, top=0.86, right=0.86)
    return fig
