"""Small display helpers for the report notebook: it only reads finished outputs, and every
word it shows comes from ``wording`` in the report's language."""

import base64
import html
import json
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from ..figures.save import figure_captions
from ..tables.sheets import display_width
from .screen_images import DISPLAY_WIDTH, screen_png
from .wording import has_text, say, table_controls

# Where the report asks for the list of headings; the renderer puts it there (render.py).
TABLE_OF_CONTENTS = "<!-- table of contents -->"


def escape(text) -> str:
    """Source text shown in prose or HTML: a ``<script>`` in the input stays text."""
    return html.escape(str(text), quote=True)


def show_markdown(text: str) -> None:
    display(Markdown(text))


def show_title(text: str) -> None:
    display(HTML(f"<h1>{escape(text)}</h1>"))


def show_heading(key: str, lang: str) -> None:
    """A section heading (``heading.<key>`` in ``lang``); the renderer lists it in the table of
    contents."""
    display(HTML(f'<h2 id="{key}">{escape(say(f"heading.{key}", lang))}</h2>'))


def show_table_of_contents() -> None:
    display(HTML(TABLE_OF_CONTENTS))


def shown_path(png: Path) -> str:
    """Where a reader finds the full-resolution file in the run's output folder:
    ``figures/…`` (the folder the file lies in, from ``figures`` down)."""
    parts = Path(png).parts
    if "figures" not in parts:
        return Path(png).name
    start = len(parts) - 1 - parts[::-1].index("figures")
    return "/".join(parts[start:])


def show_figure(figures: Path, name: str, caption: str, number: int, lang: str) -> None:
    """The figure inline at screen resolution (so the report stays one small file), with the
    caption as alt text and below it, and where the full-resolution file is."""
    data = base64.b64encode(screen_png(figures / f"{name}.png")).decode("ascii")
    file = shown_path(figures / f"{name}.png")
    numbered = say("figure.caption", lang, number=number, caption=caption)
    display(
        HTML(
            f'<figure class="report-figure"><img src="data:image/png;base64,{data}" '
            f'alt="{escape(caption)}" style="width:{DISPLAY_WIDTH}px;max-width:100%">'
            f'<figcaption class="caption">{escape(numbered)}'
            f'<br><span class="figure-file">{escape(say("figure.file", lang, file=file))}</span>'
            "</figcaption></figure>"
        )
    )


def show_figures(
    figures: Path, notebook_prefix: str, first_number: int = 1, *, lang: str
) -> list[str]:
    """Every figure a notebook made, with its caption, numbered from ``first_number``, its
    words in ``lang``. Returns the names shown."""
    shown = []
    for name, info in figure_captions(figures).items():
        if info["notebook"].startswith(notebook_prefix):
            show_figure(figures, name, info["caption"], first_number + len(shown), lang)
            shown.append(name)
    return shown


# A column whose header and every value fit in this many character cells (a Chinese character
# takes two, as in the workbook's column widths) is short: ids, numbers, codes, types, units.
# It never wraps, so that the long columns cannot squeeze it to a character per line.
SHORT_COLUMN = 18


def _short_columns(shown: pd.DataFrame) -> list[int]:
    return [
        i
        for i, column in enumerate(shown.columns)
        if max(display_width(str(text)) for text in [column, *shown.iloc[:, i]]) <= SHORT_COLUMN
    ]


def interactive_table(
    table: pd.DataFrame,
    long_text: tuple[str, ...] = (),
    right_aligned: tuple[str, ...] = (),
    screen_only: tuple[str, ...] = (),
    *,
    lang: str,
    **options,
) -> None:
    """A searchable table (itables, offline), its columns labelled in the report's language
    ``lang`` (``column.<name>``), and below it a plain copy with every row that only print shows:
    paging must not hide rows on paper. itables escapes cell HTML by default, and so does the
    copy. Missing values show as blanks; ``long_text`` columns get room to wrap;
    ``right_aligned`` columns end at their right edge (the context before a KWIC hit);
    ``screen_only`` columns are left out of the print copy (a sentence repeated on every row
    of its evidence would fill pages)."""
    from itables import show

    shown = table.astype(object).where(table.notna(), "")
    # A column the list itself names (指导部门) keeps the list's name.
    shown.columns = [
        say(f"column.{column}", lang) if has_text(f"column.{column}") else column
        for column in table.columns
    ]
    targets = [list(table.columns).index(c) for c in long_text]
    column_defs = [{"className": "dt-left", "targets": "_all"}]
    if targets:
        column_defs.append({"className": "long-text", "width": "55%", "targets": targets})
    # Numbers never break across lines: their columns keep the width of the longest.
    numbers = [i for i, c in enumerate(table.columns) if pd.api.types.is_integer_dtype(table[c])]
    if numbers:
        column_defs.append({"className": "number", "targets": numbers})
    short = [i for i in _short_columns(shown) if i not in numbers and i not in targets]
    if short:
        column_defs.append({"className": "short", "targets": short})
    if right_aligned:
        aligned = [list(table.columns).index(c) for c in right_aligned]
        column_defs.append({"className": "right-aligned", "targets": aligned})
    show(
        shown,
        columnDefs=column_defs,
        showIndex=False,
        classes="display compact",
        style="width:100%",
        autoWidth=False,
        scrollX=False,
        language=table_controls(lang),
        **options,
    )
    classes = (
        {i: "short" for i in short}
        | {i: "long-text" for i in targets}
        | {i: "number" for i in numbers}
    )
    printed = [i for i, c in enumerate(table.columns) if c not in screen_only]
    copy = _print_copy(
        shown.iloc[:, printed], {printed.index(i): c for i, c in classes.items() if i in printed}
    )
    display(HTML(f'<div class="print-only">{copy}</div>'))


def _print_copy(table: pd.DataFrame, classes: dict[int, str]) -> str:
    """Every row as a plain HTML table, its columns classed like the interactive table's."""

    def cell(tag: str, position: int, value) -> str:
        named = f' class="{classes[position]}"' if position in classes else ""
        return f"<{tag}{named}>{escape(value)}</{tag}>"

    head = "".join(cell("th", i, column) for i, column in enumerate(table.columns))
    body = "".join(
        "<tr>" + "".join(cell("td", i, value) for i, value in enumerate(row)) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f'<table class="print-copy"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def load_metadata(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
