"""Small display helpers for the report notebook: it only reads finished outputs."""

import base64
import html
import json
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from ..figures.save import figure_captions

# A reader sees the figure at the report's column width; the 300 dpi file stays as it is.
FIGURE_DISPLAY_WIDTH = 960


def escape(text) -> str:
    """Source text shown in prose or HTML: a ``<script>`` in the input stays text."""
    return html.escape(str(text), quote=True)


def read_table(processed: Path, name: str) -> pd.DataFrame:
    """A finished table, with integer columns that have gaps kept as integers (``Int64``)."""
    path = processed / name
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run the notebooks before the report")
    return pd.read_csv(path, keep_default_na=False, na_values=[""]).convert_dtypes()


def show_markdown(text: str) -> None:
    display(Markdown(text))


def show_figure(figures: Path, name: str, caption: str) -> None:
    """The PNG inline (so the report stays one file), with the caption as alt text and below."""
    data = base64.b64encode((figures / f"{name}.png").read_bytes()).decode("ascii")
    display(
        HTML(
            f'<figure><img src="data:image/png;base64,{data}" alt="{escape(caption)}" '
            f'style="width:{FIGURE_DISPLAY_WIDTH}px;max-width:100%">'
            f'<figcaption class="caption"><b>{escape(name)}</b>：{escape(caption)}</figcaption>'
            "</figure>"
        )
    )


def show_figures(figures: Path, notebook_prefix: str) -> list[str]:
    """Every figure a notebook made, with its caption. Returns the names shown."""
    shown = []
    for name, info in figure_captions(figures).items():
        if info["notebook"].startswith(notebook_prefix):
            show_figure(figures, name, info["caption"])
            shown.append(name)
    return shown


def interactive_table(table: pd.DataFrame, long_text: tuple[str, ...] = (), **options) -> None:
    """A searchable table (itables, offline). itables escapes cell HTML by default.
    Missing values show as blanks; ``long_text`` columns get room to wrap."""
    from itables import show

    shown = table.astype(object).where(table.notna(), "")
    targets = [list(table.columns).index(c) for c in long_text]
    column_defs = [{"className": "dt-left", "targets": "_all"}]
    if targets:
        column_defs.append({"className": "long-text", "width": "55%", "targets": targets})
    show(
        shown,
        columnDefs=column_defs,
        showIndex=False,
        classes="display compact",
        style="width:100%",
        autoWidth=False,
        scrollX=False,
        **options,
    )


def load_metadata(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
