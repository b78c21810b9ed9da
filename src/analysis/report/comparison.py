"""The outputs of ``python -m analysis compare``: the tidy tables in ``DIR/data/processed``, the
figure in ``DIR/figures`` (``figures/en`` in English), ``DIR/reports/comparison.html`` (one
self-contained page in one language, rendered by the report's own template and web font), a deck
``DIR/reports/comparison.pptx`` and a workbook ``DIR/data/processed/comparison.xlsx``.

Every sentence is glued from the comparison's tables (``figures.comparison.comparison_text``).
"""

import base64
import html
import io
from pathlib import Path

import nbformat
import pandas as pd
from pptx.enum.text import MSO_ANCHOR

from .. import safe_write
from ..extract.comparison import Comparison
from ..figures.comparison import comparison_text, list_letters, mutual_pairs, plot_top_pairs
from ..figures.save import save_figure
from ..tables.write import FIXED_TIME, without_timestamps, write_csv, write_xlsx
from ..text.alignment import (
    LABEL_RELATED,
    LABEL_SAME,
    MIN_RUN,
    RELATED,
    SAME_MEASURE,
    aligned_texts,
)
from .cells import TABLE_OF_CONTENTS
from .render import write_report
from .screen_images import screen_png
from .slides import (
    DARK,
    GREY,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    figure_crop,
    fill_frame,
    new_presentation,
    picture_box,
    place,
    title_size,
)

FIGURE = "comparison_top_pairs"
NOTEBOOK = "python -m analysis compare"
EXAMPLES = 3
PAIRS_SHOWN = 12
SENTENCES_PER_SLIDE = 5
SHEET_NAMES = {
    "comparison_lists": "lists",
    "alignment": "alignment",
    "comparison_terms": "terms",
    "comparison_kwic": "kwic",
    "comparison_instrument_mix": "instrument_mix",
    "comparison_instrument_test": "instrument_test",
    "comparison_regulations": "regulations",
    "comparison_shared_regulations": "shared_regulations",
    "comparison_quantities": "quantities",
    "comparison_quantities_by_dimension": "quantities_by_dimension",
    "comparison_errors": "errors",
}


def _number(value: float, places: int = 3) -> str:
    return f"{value:.{places}f}"


def list_sentences(comparison: Comparison, lang: str) -> list[str]:
    return [
        comparison_text("lists.sentence", lang, **row)
        for row in comparison.lists[["list", "items", "sections", "characters"]]
        .rename(columns={"list": "name"})
        .to_dict("records")
    ]


def alignment_sentences(comparison: Comparison, lang: str, one_way: bool = False) -> list[str]:
    """For each ordered pair of lists: how many of A's items find their same measure in B,
    how many a related one, and the strongest examples. ``one_way``: each pair of lists once,
    from the list named first."""
    table = comparison.alignment
    best = table[table["rank"] == 1]
    if one_way:
        order = {name: i for i, name in enumerate(comparison.lists["list"])}
        best = best[best["list_a"].map(order) < best["list_b"].map(order)]
    sentences = []
    for (name_a, name_b), rows in best.groupby(["list_a", "list_b"], sort=False):
        same = rows[rows["label"] == LABEL_SAME].sort_values("score", ascending=False)
        related = int((rows["label"] == LABEL_RELATED).sum())
        items_a = int(comparison.lists.set_index("list").at[name_a, "items"])
        if same.empty:
            sentences.append(comparison_text("alignment.none", lang, name_a=name_a, name_b=name_b))
            continue
        sentence = comparison_text(
            "alignment.sentence",
            lang,
            name_a=name_a,
            name_b=name_b,
            items_a=items_a,
            same=len(same),
            related=related,
        )
        examples = comparison_text("join.clauses", lang).join(
            comparison_text(
                "alignment.example",
                lang,
                name_a=r.name_a,
                name_b=r.name_b,
                score=_number(r.score, 2),
            )
            for r in same.head(EXAMPLES).itertuples()
        )
        sentences.append(sentence + comparison_text("alignment.examples", lang, examples=examples))
    return sentences


def instrument_sentences(comparison: Comparison, lang: str) -> list[str]:
    test = comparison.instrument_test.iloc[0]
    if not test["dof"]:
        return [comparison_text("instruments.untestable", lang)]
    return [
        comparison_text(
            "instruments.sentence",
            lang,
            chi2=_number(test["chi2"], 2),
            dof=int(test["dof"]),
            p=_number(test["p_permutation"]),
            permutations=int(test["permutations"]),
        ),
        comparison_text(
            "instruments.caveat",
            lang,
            items=int(test["items"]),
            codes=int(test["codes"]),
            min_expected=_number(test["min_expected"], 2),
            share_small=f"{test['share_expected_below_5']:.0%}",
        ),
    ]


def term_sentences(comparison: Comparison, lang: str) -> list[str]:
    out = []
    for name, rows in comparison.terms.groupby("list", sort=False):
        terms = comparison_text("join.items", lang).join(
            comparison_text("terms.term", lang, term=t, g2=f"{g:.1f}")
            for t, g in zip(rows["term"].head(5), rows["g2"].head(5), strict=True)
        )
        out.append(comparison_text("terms.sentence", lang, name=name, terms=terms))
    return out


def regulation_sentences(comparison: Comparison, lang: str) -> list[str]:
    counts = comparison.regulations.groupby("list")["title"].nunique()
    out = []
    for name in comparison.lists["list"]:
        count = int(counts.get(name, 0))
        key = "regulations.sentence_one" if count == 1 else "regulations.sentence"
        out.append(comparison_text(key, lang, name=name, count=count))
    shared = comparison.shared_regulations
    if shared.empty:
        out.append(comparison_text("regulations.none_shared", lang))
    else:
        titles = comparison_text("join.items", lang).join(f"《{t}》" for t in shared["title"])
        out.append(comparison_text("regulations.shared", lang, titles=titles))
    return out


def error_sentences(comparison: Comparison, lang: str) -> list[str]:
    return [
        comparison_text(
            "errors.sentence",
            lang,
            source=row["source"],
            line="?" if pd.isna(row["line"]) else int(row["line"]),
            message=row["message"],
        )
        for _, row in comparison.errors.iterrows()
    ]


def _aligned_html(text_a: str, text_b: str) -> tuple[str, str]:
    """Both texts with the passages they share marked."""
    parts_a, parts_b = [], []
    for piece_a, piece_b, shared in aligned_texts(text_a, text_b):
        if shared:
            parts_a.append(f"<mark>{html.escape(piece_a)}</mark>")
            parts_b.append(f"<mark>{html.escape(piece_b)}</mark>")
        else:
            parts_a.append(html.escape(piece_a))
            parts_b.append(html.escape(piece_b))
    return "".join(parts_a), "".join(parts_b)


def pairs_html(comparison: Comparison, lists: dict[str, pd.DataFrame], lang: str) -> str:
    """The closest mutual pairs as a table: both names, score, label, and the two texts with
    their shared passages marked."""
    pairs = mutual_pairs(comparison.alignment).head(PAIRS_SHOWN)
    letters = list_letters(list(comparison.lists["list"]))
    head = "".join(
        f"<th>{html.escape(comparison_text(k, lang))}</th>"
        for k in ("column.item", "column.match", "column.score", "column.label", "column.passage")
    )
    rows = []
    for r in pairs.itertuples():
        text_a = _item_text(lists[r.list_a], r.item_a)
        text_b = _item_text(lists[r.list_b], r.item_b)
        marked_a, marked_b = _aligned_html(text_a, text_b)
        rows.append(
            "<tr>"
            f"<td>{letters[r.list_a]}{r.item_a} {html.escape(r.name_a)}</td>"
            f"<td>{letters[r.list_b]}{r.item_b} {html.escape(r.name_b)}</td>"
            f"<td>{r.score:.2f}</td>"
            f"<td>{html.escape(comparison_text('label.' + r.label, lang))}</td>"
            f'<td><div class="aligned">{marked_a}</div><hr>'
            f'<div class="aligned">{marked_b}</div></td>'
            "</tr>"
        )
    style = (
        "<style>table.comparison-pairs td{text-align:left !important;vertical-align:top}"
        " table.comparison-pairs td:nth-child(3), table.comparison-pairs td:nth-child(4)"
        "{white-space:nowrap} td .aligned{font-size:0.9em} mark{background:#fde9b4}</style>"
    )
    body = "".join(rows)
    table = f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
    return f'{style}<table class="comparison-pairs">{table}</table>'


def _item_text(items: pd.DataFrame, item_id: int) -> str:
    row = items[items["item_id"] == item_id].iloc[0]
    return row["name"] + "\n" + row["content"]


def _markdown(text: str):
    # An output, not a markdown cell: the renderer leaves markdown cells out (they are a
    # notebook's notes), and the page's words are its own.
    return _output_cell("text/markdown", text)


def _output_cell(mime: str, data: str):
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={mime: data})]
    return cell


def _table_cell(table: pd.DataFrame):
    return _output_cell("text/html", table.to_html(index=False, escape=True))


def comparison_notebook(
    comparison: Comparison, lists: dict[str, pd.DataFrame], figure_png: Path, lang: str
) -> nbformat.NotebookNode:
    """The page as a notebook of markdown and outputs, for the report's renderer."""
    names = list(comparison.lists["list"])
    title = comparison_text("title", lang, names=" · ".join(names))
    cells = [
        # As the report shows its title: a markdown heading would carry its anchor link's ¶
        # into the browser tab's title.
        _output_cell("text/html", f"<h1>{html.escape(title)}</h1>"),
        _markdown(
            comparison_text(
                "intro",
                lang,
                count=len(names),
                names=comparison_text("join.items", lang).join(names),
            )
        ),
        _output_cell("text/html", TABLE_OF_CONTENTS),
        _markdown(
            f"## {comparison_text('heading.lists', lang)}\n\n"
            + "\n".join(f"- {s}" for s in list_sentences(comparison, lang))
        ),
    ]
    if not comparison.errors.empty:
        cells.append(
            _markdown(
                f"## {comparison_text('heading.errors', lang)}\n\n"
                + "\n".join(f"- {s}" for s in error_sentences(comparison, lang))
            )
        )
    image = base64.b64encode(screen_png(figure_png)).decode()
    cells += [
        _markdown(
            f"## {comparison_text('heading.alignment', lang)}\n\n"
            + "\n".join(f"- {s}" for s in alignment_sentences(comparison, lang))
            + "\n\n"
            + comparison_text("alignment.labels", lang, same=SAME_MEASURE, related=RELATED)
        ),
        _output_cell("image/png", image),
        _markdown(f"### {comparison_text('heading.pairs', lang)}"),
        _output_cell("text/html", pairs_html(comparison, lists, lang)),
        _markdown(
            f"## {comparison_text('heading.terms', lang)}\n\n"
            + "\n".join(f"- {s}" for s in term_sentences(comparison, lang))
        ),
        _table_cell(comparison.terms),
        _markdown(f"### {comparison_text('heading.kwic', lang)}"),
        _table_cell(comparison.kwic),
        _markdown(
            f"## {comparison_text('heading.instruments', lang)}\n\n"
            + " ".join(instrument_sentences(comparison, lang))
        ),
        _table_cell(comparison.instrument_mix),
        _markdown(
            f"## {comparison_text('heading.regulations', lang)}\n\n"
            + "\n".join(f"- {s}" for s in regulation_sentences(comparison, lang))
        ),
        _table_cell(comparison.regulations[["list", "item_id", "title", "doc_type", "level"]]),
        _markdown(
            f"## {comparison_text('heading.quantities', lang)}\n\n"
            + comparison_text(
                "quantities.sentence",
                lang,
                count=len(comparison.quantities),
                grouped_by=comparison.quantities_by_dimension.attrs.get("grouped_by", "unit"),
            )
        ),
        _table_cell(comparison.quantities_by_dimension),
        _markdown(
            f"## {comparison_text('heading.method', lang)}\n\n"
            + comparison_text("method", lang, min_run=MIN_RUN)
        ),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def write_tables(comparison: Comparison, processed: Path) -> list[Path]:
    return [
        write_csv(table, processed / f"{name}.csv") for name, table in comparison.tables().items()
    ]


def write_comparison_workbook(comparison: Comparison, path: Path) -> Path:
    sheets = {SHEET_NAMES[name]: table for name, table in comparison.tables().items()}
    return write_xlsx(sheets, path)


def write_comparison_deck(comparison: Comparison, figure_png: Path, path: Path, lang: str) -> Path:
    """A title slide naming the lists, the top-pairs figure, and one slide of sentences per
    difference, all glued from the tables."""
    prs = new_presentation()
    names = list(comparison.lists["list"])
    margin = SLIDE_WIDTH // 20
    width = SLIDE_WIDTH - 2 * margin

    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    place(title, margin, SLIDE_HEIGHT // 6, width, SLIDE_HEIGHT // 3)
    heading = comparison_text("title", lang, names=" · ".join(names))
    fill_frame(
        title.text_frame,
        [
            (comparison_text("kicker", lang), 20, GREY, False),
            (
                heading,
                title_size(heading, width, SLIDE_HEIGHT // 3 - 300000, (36, 32, 28, 24, 20)),
                DARK,
                False,
            ),
        ],
    )
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    place(subtitle, margin, SLIDE_HEIGHT // 2 + 100000, width, SLIDE_HEIGHT // 3)
    fill_frame(
        subtitle.text_frame,
        [(s, 16, GREY, False) for s in list_sentences(comparison, lang)]
        + [(comparison_text("deck.computed", lang), 14, GREY, False)],
    )

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    pairs = mutual_pairs(comparison.alignment)
    same = int((pairs["label"] == LABEL_SAME).sum())
    finding = (
        comparison_text("pairs.title", lang, same=same)
        if same
        else comparison_text("pairs.title_none", lang)
    )
    place(slide.shapes.title, margin, SLIDE_HEIGHT // 40, width, SLIDE_HEIGHT // 7)
    fill_frame(slide.shapes.title.text_frame, [(finding, 28, DARK, False)])
    # The slide states the finding: the figure's own title band is cropped, as the report's
    # deck does.
    crop_top, crop_bottom = figure_crop(figure_png)
    picture = slide.shapes.add_picture(
        str(figure_png), *picture_box(figure_png, crop_top, crop_bottom)
    )
    picture.crop_top, picture.crop_bottom = crop_top, 0.0
    picture._element.nvPicPr.cNvPr.set("descr", finding)

    for heading_key, sentences in (
        ("heading.alignment", alignment_sentences(comparison, lang, one_way=True)),
        ("heading.terms", term_sentences(comparison, lang)),
        ("heading.instruments", instrument_sentences(comparison, lang)),
        ("heading.regulations", regulation_sentences(comparison, lang)),
    ):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        place(slide.shapes.title, margin, SLIDE_HEIGHT // 40, width, SLIDE_HEIGHT // 7)
        fill_frame(
            slide.shapes.title.text_frame, [(comparison_text(heading_key, lang), 28, DARK, False)]
        )
        box = slide.shapes.add_textbox(margin, SLIDE_HEIGHT // 5, width, SLIDE_HEIGHT * 3 // 4)
        shown = sentences[:SENTENCES_PER_SLIDE]
        size = 18 if sum(len(s) for s in shown) < 500 else 15
        fill_frame(box.text_frame, [(s, size, DARK, False) for s in shown])
        # Whatever does not fit the slide goes to the speaker notes, never lost.
        slide.notes_slide.notes_text_frame.text = "\n".join(sentences)
    prs.core_properties.created = FIXED_TIME
    prs.core_properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    prs.save(buffer)
    return safe_write.write_bytes(path, without_timestamps(buffer.getvalue()))


def write_comparison(
    comparison: Comparison, lists: dict[str, pd.DataFrame], out_dir: Path, lang: str = "zh"
) -> dict[str, Path]:
    """Every output of a comparison under ``out_dir``; returns what was written, by kind."""
    out_dir = Path(out_dir)
    processed = out_dir / "data" / "processed"
    figures = out_dir / "figures" if lang == "zh" else out_dir / "figures" / lang
    reports = out_dir / "reports"
    write_tables(comparison, processed)
    names = list(comparison.lists["list"])
    fig = plot_top_pairs(comparison.alignment, names, lang)
    caption = comparison_text(
        "pairs.subtitle", lang, shown=min(PAIRS_SHOWN, len(mutual_pairs(comparison.alignment)))
    )
    paths = save_figure(
        fig,
        FIGURE,
        caption=caption,
        notebook=NOTEBOOK.replace(" ", "_").replace("-", "_").replace(".", "_"),
        out_dir=figures,
        lang=lang,
        close=True,
    )
    notebook = comparison_notebook(comparison, lists, paths["png"], lang)
    title = comparison_text("title", lang, names=" · ".join(names))
    page = write_report(notebook, reports / "comparison.html", title, lang)
    deck = write_comparison_deck(comparison, paths["png"], reports / "comparison.pptx", lang)
    book = write_comparison_workbook(comparison, processed / "comparison.xlsx")
    return {
        "html": page,
        "deck": deck,
        "workbook": book,
        "figure": paths["png"],
        "tables": processed,
    }
