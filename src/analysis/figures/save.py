"""One function saves every figure: PNG at 300 dpi and SVG, stable names, stable bytes.

The finding (the figure's title), the caption and the notebook that made a figure travel inside
the files themselves (PNG text chunks, SVG Dublin Core metadata), so a figure lifted into a
briefing keeps them, and notebooks running side by side never write to a shared index.
``write_figures_readme`` collects them into ``figures/README.md``; the briefing deck reads them
too.
"""

import hashlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.text import Text
from PIL import Image

from .. import safe_write
from ..interactive import headless
from ..paths import cache_dir
from .fonts import rendering_stack
from .glossary import DICTIONARY_MARK
from .labels import label
from .theme import FINDING_GID, SOURCE_BOTTOM, SOURCE_SIZE

DPI = 300
_SNAKE_CASE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
# No dates and no version strings: the same input gives the same bytes on every machine.
_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None, "Creator": None}
_NOTEBOOK_PREFIX = "notebooks/"
_RENDER_KEY = "Rendered from"


def save_figure(
    fig,
    name: str,
    *,
    caption: str,
    notebook: str,
    out_dir: Path,
    lang: str,
    close: bool | None = None,
) -> dict[str, Path]:
    """Write ``<name>.png`` (300 dpi) and ``<name>.svg`` and record the caption.

    ``name`` must be snake_case; ``notebook`` is the notebook that makes the figure
    (for example ``"02_text_terms"``); ``out_dir`` the folder (``paths.figures_dir``);
    ``lang`` the figure's language, for the note on dictionary glosses it may need.
    ``close``: close the figure after saving; by default it stays open for the notebook to
    show, except where nobody watches (``interactive.headless``).
    Returns the paths written.
    """
    if not _SNAKE_CASE.match(name):
        raise ValueError(f"figure names are snake_case ASCII, not {name!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"png": out_dir / f"{name}.png", "svg": out_dir / f"{name}.svg"}
    described = {
        "Title": _finding(fig) or name,
        "Identifier": name,
        "Description": caption,
        "Source": f"{_NOTEBOOK_PREFIX}{notebook}.py",
    }
    if shortened := _shortened_texts(fig):
        described["Keywords"] = shortened
    _note_dictionary_glosses(fig, lang)
    _not_made_file(out_dir, name).unlink(missing_ok=True)
    svg = io.BytesIO()
    fig.savefig(svg, format="svg", metadata=_SVG_METADATA | described)
    safe_write.write_bytes(paths["svg"], svg.getvalue())
    png_described = {
        key: "\n".join(v) if isinstance(v, list) else v for key, v in described.items()
    }
    png = _render_png(fig, svg.getvalue(), _PNG_METADATA | png_described, paths["png"])
    safe_write.write_bytes(paths["png"], png)
    if close or (close is None and headless()):
        plt.close(fig)
    return paths


_NOT_MADE_SUFFIX = ".not_made.json"


def _not_made_file(out_dir: Path, name: str) -> Path:
    return out_dir / f"{name}{_NOT_MADE_SUFFIX}"


def figure_not_made(name: str, *, reason: str, notebook: str, out_dir: Path) -> Path:
    """Record that this list cannot make figure ``name``, and why, in one line the notebook
    prints and ``<name>.not_made.json`` the report reads. A PNG or SVG of that name left by
    an earlier run is removed, so the report never shows another list's figure."""
    if not _SNAKE_CASE.match(name):
        raise ValueError(f"figure names are snake_case ASCII, not {name!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for suffix in (".png", ".svg"):
        (out_dir / f"{name}{suffix}").unlink(missing_ok=True)
    record = {"figure": name, "notebook": notebook, "reason": reason}
    path = _not_made_file(out_dir, name)
    safe_write.write_text(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    print(f"{name}: not made, {reason}")
    return path


def make_figure(
    name: str,
    draw: Callable[[], object],
    *,
    caption: str,
    notebook: str,
    not_made_because: str | None = None,
    out_dir: Path,
    lang: str,
) -> dict[str, Path] | None:
    """The figure ``name``: drawn by ``draw()`` and saved with its caption (``save_figure``),
    or, where ``not_made_because`` gives a reason (this list holds too little for the figure),
    recorded as not made with that reason instead (``figure_not_made``). Returns the paths
    written, or None for a figure not made."""
    if not_made_because is not None:
        figure_not_made(name, reason=not_made_because, notebook=notebook, out_dir=out_dir)
        return None
    return save_figure(draw(), name, caption=caption, notebook=notebook, out_dir=out_dir, lang=lang)


def figures_not_made(out_dir: Path) -> dict[str, dict]:
    """``{name: {"reason", "notebook"}}`` for every figure a notebook could not make, by name."""
    out_dir = Path(out_dir)
    found = {}
    for path in sorted(out_dir.glob(f"*{_NOT_MADE_SUFFIX}")):
        record = json.loads(path.read_text(encoding="utf-8"))
        found[record["figure"]] = {"reason": record["reason"], "notebook": record["notebook"]}
    return found


def _finding(fig) -> str | None:
    """The title text ``theme.new_figure`` drew: the finding the figure states."""
    # A title cut to fit (theme._fit_width) keeps its full wording as its label.
    titles = [
        text.get_label() or text.get_text() for text in fig.texts if text.get_gid() == FINDING_GID
    ]
    return titles[0] if titles else None


def _texts(fig):
    return fig.findobj(lambda artist: isinstance(artist, Text))


def keep_full_text(fig, shown: str, full: str) -> None:
    """Where a label is shown cut (a tick label's gloss), keep its full wording with the figure:
    an invisible text whose label ``save_figure`` writes into the file's metadata."""
    if shown != full:
        fig.text(0, 0, "", label=full, visible=False)


def _shortened_texts(fig) -> list[str]:
    """The full wording of every text the figure shows cut (a card's subject cut to two lines
    and an ellipsis), kept as the text's label; the finding is the file's title already."""
    full = []
    for text in _texts(fig):
        wording = text.get_label()
        if (
            text.get_gid() != FINDING_GID
            and wording
            and not wording.startswith("_")
            and wording != text.get_text()
            and wording not in full
        ):
            full.append(wording)
    return full


def _note_dictionary_glosses(fig, lang: str) -> None:
    """A figure that shows a dictionary gloss (marked †) says what the mark means, at the foot
    on the right, across from the source line."""
    if any(DICTIONARY_MARK in text.get_text() for text in _texts(fig)):
        fig.text(
            0.988,
            SOURCE_BOTTOM,
            label("glossary.dictionary_note", lang),
            fontsize=SOURCE_SIZE,
            color="#666666",
            ha="right",
            va="bottom",
        )


def _rendered_from(png: Path) -> str | None:
    """The render key a whole PNG written by ``save_figure`` carries, if ``png`` is one (every
    chunk's checksum is checked, so a damaged file is drawn again)."""
    try:
        with Image.open(png) as image:
            key = image.info.get(_RENDER_KEY)
            image.verify()
    except (OSError, SyntaxError, ValueError):
        return None
    return key


def _render_png(fig, svg: bytes, metadata: dict, destination: Path) -> bytes:
    """The 300 dpi PNG, rendered once per distinct figure.

    The SVG is a complete, deterministic description of what the figure draws (vector content,
    text and embedded rasters), so the same SVG bytes with the same rendering stack (versions
    of matplotlib, FreeType, Pillow, fontTools and the font file's hash: ``rendering_stack``)
    and metadata give the same PNG. Rendering the PNG is the slowest step of a run, so the
    PNG carries that key (its ``Rendered from`` text chunk): a PNG already at ``destination``
    with the same key is the one this figure renders to and is kept, as a fresh clone's
    committed figures are; otherwise a PNG rendered by an earlier run is copied from the cache;
    otherwise it is drawn.
    """
    key = hashlib.sha256(
        b"\0".join(
            [
                svg,
                repr(rendering_stack()).encode(),
                str(DPI).encode(),
                _RENDER_KEY.encode(),
                repr(sorted(metadata.items())).encode(),
            ]
        )
    ).hexdigest()
    if _rendered_from(destination) == key:
        return destination.read_bytes()
    metadata = metadata | {_RENDER_KEY: key}
    cached = cache_dir() / "png" / f"{key}.png"
    if cached.exists():
        return cached.read_bytes()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata=metadata)
    safe_write.write_bytes(cached, buffer.getvalue())
    return buffer.getvalue()


def figure_captions(out_dir: Path) -> dict[str, dict]:
    """``{name: {"caption", "notebook", "finding"}}`` for every PNG in the folder, sorted by
    name, read from the metadata ``save_figure`` wrote into it. ``finding`` is the figure's
    title, or None for a figure not drawn with ``theme.new_figure``."""
    out_dir = Path(out_dir)
    captions = {}
    for png in sorted(out_dir.glob("*.png")):
        with Image.open(png) as image:
            # .info holds the text chunks written before the pixels; .text would decode them all.
            text = image.info
        if "Description" not in text:
            raise ValueError(
                f"{png} has no caption: save figures with analysis.figures.save.save_figure"
            )
        notebook = text.get("Source", "").removeprefix(_NOTEBOOK_PREFIX).removesuffix(".py")
        finding = text.get("Title")
        captions[png.stem] = {
            "caption": text["Description"],
            "notebook": notebook,
            "finding": finding if finding and finding != png.stem else None,
        }
    return captions


def write_figures_readme(out_dir: Path) -> Path:
    """``figures/README.md``: every figure with its one-line caption and its notebook."""
    out_dir = Path(out_dir)
    lines = [
        "# Figures",
        "",
        "Generated by `make report`; do not edit by hand. Each figure is a 300 dpi PNG and an SVG.",
        "",
        "| figure | caption | made by |",
        "| --- | --- | --- |",
    ]
    for name, info in figure_captions(out_dir).items():
        lines.append(
            f"| [`{name}.png`]({name}.png) · [svg]({name}.svg) | {info['caption']} "
            f"| `notebooks/{info['notebook']}.py` |"
        )
    not_made = figures_not_made(out_dir)
    if not_made:
        lines += ["", "Not made for this list:", ""]
        lines += [
            f"- `{name}` (`notebooks/{info['notebook']}.py`): {info['reason']}"
            for name, info in not_made.items()
        ]
    return safe_write.write_text(out_dir / "README.md", "\n".join(lines) + "\n")
