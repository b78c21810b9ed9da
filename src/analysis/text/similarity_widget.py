"""A similar-items view for JupyterLab: choose an item, see its nearest neighbours, each with
its score and the shared terms highlighted in both texts.

Shown only with a live frontend (``kwic_widget.has_widget_frontend``), as the KWIC box is; the
notebook shows the same neighbours as a static table in every run.
"""

import html
import re

import pandas as pd

from .similarity import fit_representation, representation_texts, similar_items

MARK = "mark"


def highlight(text: str, terms: list[str]) -> str:
    """``text`` as HTML with every occurrence of ``terms`` (longest first) in ``<mark>``."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(map(re.escape, terms)))
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        parts.append(f"<{MARK}>{html.escape(match.group())}</{MARK}>")
        position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def item_options(items: pd.DataFrame) -> list[tuple[str, int]]:
    """``[("1 率先形成…", 1), …]`` for the item menu."""
    return [(f"{int(r.item_id)} {r.name}", int(r.item_id)) for r in items.itertuples()]


def neighbours_html(items: pd.DataFrame, item_id: int, representation, k: int = 5) -> str:
    """The HTML the widget shows for one item: a header line, then one block per neighbour
    with its score, its shared terms and both texts with those terms marked."""
    table = similar_items(items, item_id, k, representation=representation)
    by_id = items.set_index(items["item_id"].astype(int))
    chosen = by_id.loc[int(item_id)]
    chosen_text = f"{chosen['name']}\n{chosen['content']}"
    blocks = [
        f"<p class='similar-header'>{int(item_id)} {html.escape(chosen['name'])}："
        f"{len(table)} 项最相似的举措</p>"
    ]
    for row in table.itertuples():
        other = by_id.loc[int(row.item_b)]
        terms = [t for t in row.shared.split("、") if t]
        other_text = f"{other['name']}\n{other['content']}"
        blocks.append(
            "<div class='similar-item' style='border-top:1px solid #ddd;padding:6px 0'>"
            f"<p><b>{row.rank}. {int(row.item_b)} {html.escape(other['name'])}</b>"
            f" · <span class='similar-score'>相似度 {row.score:.3f}</span>"
            f" · 共有词：{html.escape('、'.join(terms)) or '—'}</p>"
            "<div style='display:flex;gap:16px'>"
            f"<div class='similar-text-a' style='flex:1;white-space:pre-wrap'>"
            f"{highlight(chosen_text, terms)}</div>"
            f"<div class='similar-text-b' style='flex:1;white-space:pre-wrap'>"
            f"{highlight(other_text, terms)}</div></div></div>"
        )
    return "\n".join(blocks)


def similar_items_explorer(items: pd.DataFrame, item_id: int | None = None, k: int = 5):
    """A menu of the list's items over the HTML of ``neighbours_html``."""
    import ipywidgets as widgets

    representation = fit_representation(representation_texts(items))
    options = item_options(items)
    menu = widgets.Dropdown(
        options=options,
        value=int(item_id) if item_id is not None else options[0][1],
        description="举措",
        layout=widgets.Layout(width="80%"),
    )
    view = widgets.HTML()

    def refresh(_=None) -> None:
        view.value = neighbours_html(items, menu.value, representation, k)

    menu.observe(refresh, names="value")
    refresh()
    return widgets.VBox([menu, view])
