"""Charts of how the list's text is structured: the dendrogram of items, coloured by the list's
own sections, and the correspondence-analysis map of sections and terms.

Figure text comes from ``resources/labels.json`` (keys ``structure.…``); item names and terms
stay in Chinese, since they are the data (terms are glossed in English where the glossary
knows them)."""

import re

import numpy as np
import pandas as pd
from adjustText import adjust_text
from scipy.cluster.hierarchy import dendrogram

from .glossary import drawing_glossary, gloss
from .labels import label, p_text, section_short_name
from .settings import FigureSettings, draws_with_settings
from .theme import ADJUST_ROUNDS, BODY_SIZE, DARK, GREY, fit_layout, new_figure, section_colour

# Leading verbs a reader skips when naming an item by its subject (率先形成基础研究… → 基础研究…).
_LEADING_VERBS = re.compile(
    r"^(?:率先|建立健全|建立|构建|创新|打造|推动|推进|实施|推出|探索|形成|发挥|促进|支持|"
    r"强化|创建|出台|重构|划定|允许|运用|打通|牢牢|推行|开展|健全|深化|完善|加强)+"
)
_MARKS = re.compile(r"[“”《》\"]")
SHORT_NAME_CHARS = 6
# An adjusted Rand index at or above this is read as clusters that largely match the sections.
ARI_LARGELY = 0.5
P_CHANCE = 0.05
# Two axes holding less than this share of the inertia: the sections differ in more ways than
# one map can show, which the title says.
CA_SHARE_FEW_AXES = 0.7
SQUARE_SIZE = 520
NEAR_FRACTION = 40
# The area kept clear around a square, as a multiple of its side.
SQUARE_MARGIN = 1.3


def _text(key: str, lang: str | None = None, **values) -> str:
    return label(f"structure.{key}", lang, **values)


def short_item_name(name: str, limit: int = SHORT_NAME_CHARS) -> str:
    """The item's subject in at most ``limit`` characters: quote marks and leading verbs
    dropped, then cut with an ellipsis."""
    bare = _MARKS.sub("", str(name))
    bare = _LEADING_VERBS.sub("", bare) or bare
    return bare if len(bare) <= limit else bare[: limit - 1] + "…"


def _stacked(item_id: int, name: str) -> str:
    """A leaf label read top to bottom, as Chinese is set in columns: the number, then the
    short name one character to a line."""
    return "\n".join([str(int(item_id)), *short_item_name(name)])


def agreement_verdict(agreement: pd.Series) -> str:
    """``largely``, ``little`` (above chance, but far from the sections) or ``chance``."""
    if agreement["adjusted_rand_index"] >= ARI_LARGELY:
        return "largely"
    if agreement["p_permutation"] < P_CHANCE:
        return "little"
    return "chance"


def _section_key(fig, sections: pd.DataFrame, lang: str | None, y: float = 0.875) -> None:
    """The sections named in their own colours in one row under the subtitle."""
    x = 0.012
    for row in sections.itertuples():
        text = fig.text(
            x,
            y,
            "■ " + section_short_name(row.section_numeral, row.section_title, lang),
            color=section_colour(row.section_id),
            fontsize=BODY_SIZE - 1,
            ha="left",
            va="top",
        )
        renderer = fig.canvas.get_renderer()
        x += text.get_window_extent(renderer).width / fig.bbox.width + 0.015
        if x > 0.9:
            x, y = 0.012, y - 0.035


@draws_with_settings
def plot_dendrogram(
    items: pd.DataFrame,
    tree: np.ndarray,
    clusters: pd.DataFrame,
    agreement: pd.Series,
    sections: pd.DataFrame,
    *,
    settings: FigureSettings,
):
    """The items' tree, leaves labelled with number and short name in their section's colour,
    the cut into as many clusters as sections drawn as a dashed line."""
    lang = settings.lang
    values = {
        "ari": agreement["adjusted_rand_index"],
        "null_p95": agreement["null_p95"],
        "p": p_text(agreement["p_permutation"]),
        "clusters": int(agreement["clusters"]),
        "sections": int(agreement["sections"]),
        "items": int(agreement["items"]),
        "permutations": int(agreement["permutations"]),
    }
    fig, ax = new_figure(
        _text(f"dendrogram.title_{agreement_verdict(agreement)}", lang, **values),
        _text("dendrogram.subtitle", lang, **values),
        source=settings.source_line,
    )
    english = lang == "en"
    # An English reader cannot read the Chinese names: the leaves are the measures' numbers,
    # which the report's table of nearest neighbours names.
    labels = [
        str(int(i)) if english else _stacked(i, n)
        for i, n in zip(items["item_id"], items["name"], strict=True)
    ]
    drawn = dendrogram(
        tree,
        ax=ax,
        labels=labels,
        orientation="top",
        link_color_func=lambda _: GREY,
        leaf_rotation=0,
        leaf_font_size=BODY_SIZE - 3,
    )
    section_of = dict(zip(labels, items["section_id"], strict=True))
    for tick in ax.get_xticklabels():
        tick.set_color(section_colour(section_of[tick.get_text()]))
        tick.set_verticalalignment("top")
        tick.set_linespacing(0.98)
    n_clusters = int(agreement["clusters"])
    heights = np.sort(tree[:, 2])
    if 1 < n_clusters <= len(heights):
        cut = (heights[-n_clusters] + heights[-n_clusters + 1]) / 2
        ax.axhline(cut, color=DARK, linestyle="--", linewidth=1)
        ax.text(
            ax.get_xlim()[1],
            cut,
            _text("dendrogram.cut", lang, clusters=n_clusters),
            ha="right",
            va="bottom",
            fontsize=BODY_SIZE - 1,
            color=DARK,
        )
    # The tree's merges all happen high up (text vectors are nearly orthogonal); the axis
    # starts just below the lowest merge so that the branching can be read.
    ax.set_ylim(heights[0] - (heights[-1] - heights[0]) * 0.25, heights[-1] * 1.02)
    ax.set_ylabel(_text("dendrogram.axis", lang))
    if english:
        ax.set_xlabel(_text("dendrogram.leaves", lang))
    ax.tick_params(axis="x", length=0, pad=4)
    ax.spines["bottom"].set_visible(False)
    del drawn
    _section_key(fig, sections, lang)
    fit_layout(fig, top=0.83, bottom=0.06)
    return fig


def _term_label(terms: list[str], lang: str | None) -> str:
    """Terms at one point, three to a line; glossed in English where the glossary knows them."""
    shown = []
    for term in terms:
        english = gloss(term, drawing_glossary()) if lang == "en" else None
        shown.append(f"{term} ({english})" if english else term)
    per_line = 2 if lang == "en" else 3
    separator = ", " if lang == "en" else "、"
    lines = [separator.join(shown[i : i + per_line]) for i in range(0, len(shown), per_line)]
    return "\n".join(lines)


@draws_with_settings
def plot_ca_biplot(
    result: dict,
    sections: pd.DataFrame,
    term_sections: pd.Series,
    *,
    settings: FigureSettings,
    terms_shown: int = 24,
):
    """The symmetric map of sections (squares) and the ``terms_shown`` terms that contribute
    most to the first two axes (dots, in the colour of the section they are most distinctive
    of). Terms at one point share one label. Axis labels carry each axis's share of inertia."""
    from ..text.correspondence import top_contributing

    lang = settings.lang
    inertia = result["inertia"]
    rows = result["rows"]
    columns = top_contributing(result["columns"], terms_shown)
    share_1, share_2 = inertia["share"].iloc[0], inertia["share"].iloc[1]
    section_rows = sections.set_index("section_id")
    apart = section_rows.loc[int(rows["ctr_2"].idxmax())]
    values = {
        "share": share_1 + share_2,
        "share_1": share_1,
        "share_2": share_2,
        "numeral": apart.section_numeral,
        "number": int(apart.name),
        "terms": len(result["columns"]),
        "sections": len(rows),
        "shown": len(columns),
    }
    title = "ca.title" if values["share"] >= CA_SHARE_FEW_AXES else "ca.title_spread"
    fig, ax = new_figure(
        _text(title, lang, **values),
        _text("ca.subtitle", lang, **values),
        source=settings.source_line,
    )
    ax.axhline(0, color="#DDDDDD", linewidth=0.8, zorder=0)
    ax.axvline(0, color="#DDDDDD", linewidth=0.8, zorder=0)
    texts = []
    # Terms closer than a fortieth of the map's span share one label at their mean position:
    # a term used in one section only sits exactly where the section's other such terms sit.
    step_x = np.ptp(np.concatenate([rows["dim_1"], columns["dim_1"]])) / NEAR_FRACTION or 1.0
    step_y = np.ptp(np.concatenate([rows["dim_2"], columns["dim_2"]])) / NEAR_FRACTION or 1.0
    keys = [(columns["dim_1"] / step_x).round(), (columns["dim_2"] / step_y).round()]
    for _, group in columns.groupby(keys, sort=False):
        x, y = group["dim_1"].mean(), group["dim_2"].mean()
        owner = term_sections.get(group.index[0])
        colour = section_colour(owner) if owner is not None else GREY
        # Above the squares, with a white rim: a term can sit on its own section's square.
        ax.scatter(
            group["dim_1"],
            group["dim_2"],
            s=22,
            color=colour,
            edgecolors="white",
            linewidths=0.8,
            zorder=4.5,
        )
        texts.append(
            ax.text(
                x,
                y,
                _term_label(list(group.index), lang),
                fontsize=BODY_SIZE - 2,
                color=colour,
                ha="center",
                va="center",
                zorder=6,
            )  # fmt: skip
        )
    squares = []
    # Sections are squares with their number inside; the colour key under the subtitle names
    # them, so that long section titles do not crowd the terms.
    for section_id, row in rows.iterrows():
        info = section_rows.loc[int(section_id)]
        number = info.section_numeral if lang != "en" else str(int(section_id))
        squares.append(
            ax.scatter(
                [row["dim_1"]],
                [row["dim_2"]],
                marker="s",
                s=SQUARE_SIZE,
                color=section_colour(section_id),
                zorder=4,
            )  # fmt: skip
        )
        ax.text(row["dim_1"], row["dim_2"], number, fontsize=BODY_SIZE, color="white",
                ha="center", va="center", zorder=5)  # fmt: skip
    _section_key(fig, sections, lang)
    xs = np.concatenate([rows["dim_1"], columns["dim_1"]])
    ys = np.concatenate([rows["dim_2"], columns["dim_2"]])
    pad_x, pad_y = (xs.max() - xs.min()) * 0.3, (ys.max() - ys.min()) * 0.3
    ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
    ax.set_ylim(ys.min() - pad_y, ys.max() + pad_y)
    ax.set_xlabel(_text("ca.axis", lang, axis=1, share=share_1))
    ax.set_ylabel(_text("ca.axis", lang, axis=2, share=share_2))
    ax.tick_params(labelsize=BODY_SIZE - 3)
    fit_layout(fig, top=0.8)
    fig.structure_squares = squares
    anchors = [text.get_position() for text in texts]
    adjust_text(
        texts,
        x=columns["dim_1"].to_numpy(),
        y=columns["dim_2"].to_numpy(),
        objects=_square_patches(ax, rows, SQUARE_SIZE),
        ax=ax,
        expand=(1.3, 1.6),
        force_static=(0.5, 0.8),
        iter_lim=ADJUST_ROUNDS,  # rounds, not seconds: the same places under any load
    )
    _clear_of_squares(fig, ax, texts)
    _leader_lines(fig, ax, texts, anchors)
    fig.structure_labels = texts
    return fig


def _clear_of_squares(fig, ax, texts) -> None:
    """adjustText leaves a label on a square now and then (it treats the squares as soft
    obstacles); such a label is moved, in growing steps, to the first nearby place where it
    touches no square and no other label and stays inside the axes."""
    renderer = fig.canvas.get_renderer()
    squares = square_boxes(fig)
    inside = ax.get_window_extent(renderer)
    for text in texts:

        def clashes(box, moving=text) -> bool:
            others = (t.get_window_extent(renderer) for t in texts if t is not moving)
            return (
                any(box.overlaps(b) for b in squares)
                or any(box.overlaps(b) for b in others)
                or not (inside.x0 <= box.x0 and box.x1 <= inside.x1)
                or not (inside.y0 <= box.y0 and box.y1 <= inside.y1)
            )

        if not clashes(text.get_window_extent(renderer)):
            continue
        start = ax.transData.transform(text.get_position())
        for step in range(1, 40):
            distance = step * 6 * fig.dpi / 72
            moved = False
            for angle in np.linspace(0, 2 * np.pi, 16, endpoint=False):
                target = start + distance * np.array([np.cos(angle), np.sin(angle)])
                text.set_position(ax.transData.inverted().transform(target))
                if not clashes(text.get_window_extent(renderer)):
                    moved = True
                    break
            if moved:
                break
        else:
            text.set_position(ax.transData.inverted().transform(start))


def _leader_lines(fig, ax, texts, anchors) -> None:
    """A thin grey line from each point to its label where the label was moved off it."""
    renderer = fig.canvas.get_renderer()
    for text, (x, y) in zip(texts, anchors, strict=True):
        box = text.get_window_extent(renderer)
        px, py = ax.transData.transform((x, y))
        if box.x0 - 2 <= px <= box.x1 + 2 and box.y0 - 2 <= py <= box.y1 + 2:
            continue
        # The line ends at the box's edge nearest the point.
        ex, ey = min(max(px, box.x0), box.x1), min(max(py, box.y0), box.y1)
        end = ax.transData.inverted().transform((ex, ey))
        ax.plot([x, end[0]], [y, end[1]], color=GREY, linewidth=0.6, zorder=1)


def _square_patches(ax, rows: pd.DataFrame, size: float) -> list:
    """An invisible rectangle over each section's square (marker area ``size`` in points²,
    with a margin), in data units: adjustText keeps labels off these as it does off points."""
    from matplotlib.patches import Rectangle

    half = np.sqrt(size) / 2 * ax.figure.dpi / 72 * SQUARE_MARGIN
    patches = []
    for x, y in zip(rows["dim_1"], rows["dim_2"], strict=True):
        cx, cy = ax.transData.transform((x, y))
        (x0, y0), (x1, y1) = ax.transData.inverted().transform(
            [(cx - half, cy - half), (cx + half, cy + half)]
        )
        patch = Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="none")
        ax.add_patch(patch)
        patches.append(patch)
    return patches


def square_boxes(fig) -> list:
    """The drawn boxes of the section squares of a ``plot_ca_biplot`` figure, in pixels."""
    from matplotlib.transforms import Bbox

    half = np.sqrt(SQUARE_SIZE) / 2 * fig.dpi / 72
    boxes = []
    for square in fig.structure_squares:
        x, y = square.get_offset_transform().transform(square.get_offsets()[0])
        boxes.append(Bbox([[x - half, y - half], [x + half, y + half]]))
    return boxes


def labels_on_squares(fig, texts) -> list[str]:
    """Labels whose drawn box overlaps a section's square."""
    renderer = fig.canvas.get_renderer()
    boxes = square_boxes(fig)
    return [
        t.get_text() for t in texts if any(t.get_window_extent(renderer).overlaps(b) for b in boxes)
    ]


def overlapping_labels(fig, texts) -> list[tuple[str, str]]:
    """Pairs of labels whose drawn boxes overlap (an empty list for a readable map)."""
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b)
    ]
