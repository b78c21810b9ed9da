"""The briefing deck, ``reports/briefing.pptx`` (``briefing_en.pptx`` in English): a title
slide, then one slide per figure in the report's order.

A figure slide states the figure's finding as its title (the title the figure itself carries,
read from the PNG's metadata), shows the 300 dpi PNG as large as the slide allows without
distortion, and ends with a source line. The figure's own title band and source line are
cropped away (not removed from the file): the slide says both in text, so the chart gets the
room. The picture's alt text is its caption; the speaker notes hold the caption, one or two
sentences computed from the tables (``talking_points``), the source and the notebook.

The deck is a generated output, like the HTML report, and its bytes are the same on every run.
"""

import io
import json
from dataclasses import dataclass
from pathlib import Path

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches, Pt

from .. import safe_write
from ..figures.glossary import checked_glossary
from ..figures.labels import LANGUAGES
from ..figures.save import figure_captions, figures_not_made
from ..paths import figures_dir, processed_dir
from ..tables.write import FIXED_TIME, without_timestamps
from . import figure_order, wording
from .absences import absence_sentences, absent_items
from .finished_tables import Tables
from .notebook_list import pipeline_notebooks
from .slides import (
    DARK,
    FOOT_HEIGHT,
    FOOT_SIZES,
    FOOT_TOP,
    GREY,
    LINE_SPACING,
    MARGIN,
    PICTURE_BOTTOM,
    PICTURE_TOP,
    SLIDE_WIDTH,
    TITLE_HEIGHT,
    TITLE_TOP,
    figure_crop,
    fill_frame,
    new_presentation,
    picture_box,
    place,
    title_size,
)
from .talking_points import deck_text, list_title, talking_point

SHORT_SHA = 12


def deck_name(lang: str, short: bool = False) -> str:
    """``briefing.pptx``; ``briefing_short.pptx`` for chosen figures; ``_en`` in English."""
    stem = "briefing_short" if short else "briefing"
    return f"{stem}.pptx" if lang == "zh" else f"{stem}_{lang}.pptx"


def report_order(captions: dict[str, dict], report_notebook: Path | None = None) -> list[str]:
    """The figures in the order the report shows them, read from the report notebook's
    ``show_figures`` calls (``figure_order``); by default the project's report notebook."""
    if report_notebook is None:
        report_notebook = pipeline_notebooks()[1]
    return figure_order.report_order(captions, figure_order.shown_prefixes(report_notebook))


@dataclass(frozen=True)
class Origin:
    """What the deck may say about the list it was computed from (``provenance.json``)."""

    record: dict
    lang: str

    @property
    def short_sha(self) -> str:
        return self.record["sha256"][:SHORT_SHA]

    @property
    def path(self) -> str:
        file = self.record["file"]
        return f"data/raw/{file}" if self.record["is_project_source"] else file

    @property
    def title(self) -> str:
        """The list's title, claimed only for the project's own source; else the file name."""
        if self.record["is_project_source"]:
            return list_title(self.record["title"], self.lang)
        return self.record["file"]


# --- text -------------------------------------------------------------------------------


# --- slides -----------------------------------------------------------------------------


def _title_slide(prs, origin: Origin, lang: str, absences: list[str] = ()) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    width = SLIDE_WIDTH - 2 * Inches(0.8)
    place(title, Inches(0.8), Inches(1.2), width, Inches(2.4))
    # The kicker takes a line of 20 pt above the title.
    size = title_size(origin.title, width, Inches(2.4) - Pt(20 * LINE_SPACING), (40, 36, 32, 28))
    fill_frame(
        title.text_frame,
        [(deck_text("deck.kicker", lang), 20, GREY, False), (origin.title, size, DARK, False)],
    )
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    record = origin.record
    lines = [deck_text("deck.counts", lang, sections=record["sections"], items=record["items"])]
    # An abridged list says what it leaves out, on the first slide a reader sees.
    lines += absences
    if record["is_project_source"]:
        # The metadata is bilingual (国家发展改革委 (National …)); each deck says it in its own
        # language, as the report does.
        published = wording.publication_date(record["published"], lang)
        if not record["verified_against_official_page"]:
            published = f"{published} · {deck_text('deck.unverified', lang)}"
        lines += [
            deck_text(
                "deck.publisher", lang, publisher=wording.in_language(record["publisher"], lang)
            ),
            deck_text("deck.published", lang, published=published),
        ]
    else:
        lines.append(deck_text("deck.not_project_source", lang))
    lines.append(deck_text("deck.computed_from", lang, path=origin.path, short=origin.short_sha))
    lines.append(deck_text("deck.generated", lang))
    place(subtitle, Inches(0.8), Inches(3.8), width, Inches(2.6))
    fill_frame(subtitle.text_frame, [(line, 18, GREY, False) for line in lines])
    subtitle.text_frame.vertical_anchor = MSO_ANCHOR.TOP


def _figure_slide(
    prs, figures: Path, name: str, info: dict, origin: Origin, tables, lang, glossary
):
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    finding = info["finding"] or info["caption"]
    title = slide.shapes.title
    place(title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    fill_frame(
        title.text_frame, [(finding, title_size(finding, title.width, title.height), DARK, False)]
    )
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE

    png = figures / f"{name}.png"
    # Only a figure drawn by theme.new_figure has the title band and source line to crop.
    crop_top, crop_bottom = figure_crop(png) if info["finding"] else (0.0, 0.0)
    picture = slide.shapes.add_picture(str(png), *picture_box(png, crop_top, crop_bottom))
    picture.crop_top, picture.crop_bottom = crop_top, crop_bottom
    # python-pptx writes the file name as the alt text; a screen reader should read the caption.
    picture._element.nvPicPr.cNvPr.set("descr", info["caption"])
    picture.name = name

    figure = figure_path(name, lang)
    foot = slide.shapes.add_textbox(MARGIN, FOOT_TOP, SLIDE_WIDTH - 2 * MARGIN, FOOT_HEIGHT)
    line = deck_text(
        "deck.source_line",
        lang,
        list=origin.title,
        short=origin.short_sha,
        figure=figure,
    )
    # One line at the foot: a long English title makes the type smaller, never a second line.
    size = title_size(line, foot.width, foot.height, FOOT_SIZES, max_lines=1)
    fill_frame(foot.text_frame, [(line, size, GREY, False)])

    point = talking_point(name, tables, lang, glossary)
    notes = [deck_text("deck.notes.caption", lang, caption=info["caption"])]
    notes.append(point or deck_text("deck.notes.no_point", lang, figure=name))
    notes += [
        deck_text(
            "deck.notes.source",
            lang,
            list=origin.title,
            file=origin.path,
            sha256=origin.record["sha256"],
        ),
        deck_text("deck.notes.made_by", lang, figure=figure, notebook=info["notebook"]),
    ]
    slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def _not_made_slide(prs, not_made: dict[str, dict], lang: str) -> None:
    """The figures the notebooks could not make from this list, each with its reason, so a
    missing slide is explained rather than silently absent."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    heading = deck_text("deck.not_made.title", lang)
    title = slide.shapes.title
    place(title, MARGIN, TITLE_TOP, SLIDE_WIDTH - 2 * MARGIN, TITLE_HEIGHT)
    fill_frame(
        title.text_frame, [(heading, title_size(heading, title.width, title.height), DARK, False)]
    )
    body = slide.shapes.add_textbox(
        MARGIN, PICTURE_TOP, SLIDE_WIDTH - 2 * MARGIN, PICTURE_BOTTOM - PICTURE_TOP
    )
    body.text_frame.word_wrap = True
    lines = [
        deck_text("deck.not_made.item", lang, figure=name, **info)
        for name, info in not_made.items()
    ]
    fill_frame(body.text_frame, [(line, 18, DARK, False) for line in lines])


def figure_path(name: str, lang: str) -> str:
    return f"figures/{name}.png" if lang == "zh" else f"figures/{lang}/{name}.png"


# --- the deck ---------------------------------------------------------------------------


def build_deck(
    out_root: Path,
    lang: str = "zh",
    figures: list[str] | None = None,
    glossary: Path | None = None,
):
    """The deck as a python-pptx Presentation, from the figures and tables under ``out_root``.
    ``figures``: only these, in the order given (names as in ``figures/``); ``glossary``: the
    user's glossary CSV its notes gloss terms from before the dictionary (None: the curated
    glossary only; a malformed one raises ``glossary.GlossaryError`` before any slide)."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    glossary = checked_glossary(glossary)
    out_root = Path(out_root)
    figure_dir = figures_dir(out_root, lang)
    processed = processed_dir(out_root)
    captions = figure_captions(figure_dir)
    if not captions:
        raise FileNotFoundError(
            f"no figures in {figure_dir}: run `python -m analysis report` first"
        )
    if figures is None:
        figures = report_order(captions)
    unknown = [name for name in figures if name not in captions]
    if unknown:
        raise FileNotFoundError(
            f"no figure {', '.join(unknown)} in {figure_dir}; "
            f"there are: {', '.join(report_order(captions))}"
        )
    provenance = processed / "provenance.json"
    if not provenance.exists():
        raise FileNotFoundError(f"{provenance} is missing: run the notebooks before the deck")
    origin = Origin(json.loads(provenance.read_text(encoding="utf-8")), lang)
    tables = Tables(processed)

    prs = new_presentation()
    _title_slide(prs, origin, lang, absence_sentences(absent_items(processed), lang))
    for name in figures:
        _figure_slide(prs, figure_dir, name, captions[name], origin, tables, lang, glossary)
    not_made = figures_not_made(figure_dir)
    if not_made:
        _not_made_slide(prs, not_made, lang)

    properties = prs.core_properties
    properties.title = f"{origin.title} · {deck_text('deck.kicker', lang)}"
    properties.author = properties.last_modified_by = "analysis"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    properties.subject = deck_text("deck.kicker", lang)
    properties.comments = deck_text(
        "deck.computed_from", lang, path=origin.path, short=origin.short_sha
    )
    properties.language = "zh-CN" if lang == "zh" else "en"
    return prs


def write_deck(
    out_root: Path,
    lang: str = "zh",
    figures: list[str] | None = None,
    path: Path | None = None,
    glossary: Path | None = None,
) -> Path:
    """Write the deck (by default ``reports/briefing.pptx`` or ``briefing_en.pptx`` under
    ``out_root``) with the same bytes on every run, its notes glossed with ``glossary`` (see
    :func:`build_deck`). Returns its path."""
    prs = build_deck(out_root, lang, figures, glossary)
    path = Path(path) if path else Path(out_root) / "reports" / deck_name(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    prs.save(buffer)
    safe_write.write_bytes(
        path, without_timestamps(buffer.getvalue(), {"docProps/app.xml": _app_xml(prs)})
    )
    return path


def _app_xml(prs) -> bytes:
    """The extended properties: python-pptx keeps its template's (a 4:3 show of 0 slides)."""
    slides = len(prs.slides)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        "<Application>analysis (python-pptx)</Application>"
        "<PresentationFormat>Widescreen</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{slides - 1}</Notes>"
        "</Properties>"
    ).encode()
