"""Render the executed report notebook to one self-contained HTML file that opens offline."""

import html
import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from .. import safe_write
from ..paths import RESOURCES
from .cells import TABLE_OF_CONTENTS
from .webfont import font_face_css
from .wording import say

TEMPLATE_DIR = RESOURCES / "report_template"
_HEADING = re.compile(r'<h([23]) id="([^"]+)">(.*?)(?:<a class="anchor-link".*?</a>)?</h\1>', re.S)
# What a browser fetches by itself: src attributes, stylesheets and CSS url()s. Plain <a href>
# links are fine: they are only followed when clicked.
_REMOTE = re.compile(
    r"""src\s*=\s*["'](?:https?:)?//|<link[^>]+href\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["'](?:https?:)?//""",
    re.I,
)
# The searchable tables carry their rows as JSON text inside a JSON string, so every Chinese
# character is written \\uXXXX: 7 bytes where UTF-8 needs 3. An escape is one of the inner
# JSON's when an even number of the inner text's backslashes (pairs of 2 here) precedes it.
_DOUBLE_ESCAPED = re.compile(r"(?<!\\)((?:\\{4})*)\\{2}u([0-9a-fA-F]{4})")
# Characters a JSON or JavaScript string may hold as they are: no controls, no surrogate
# halves, and not the line and paragraph separators older parsers end a line at.
_LITERAL_SAFE = (range(0xA0, 0x2028), range(0x202A, 0xD800), range(0xE000, 0xFFFE))
_FIRST_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_HTML_LANG = {"zh": "zh-Hans", "en": "en"}


def _with_table_of_contents(page: str, lang: str) -> str:
    """Give h2/h3 headings plain ASCII ids (nbconvert percent-encodes Chinese ones, which not
    every browser matches) and put a linked list of them where the marker stands."""
    entries = []

    def renumber(match: re.Match) -> str:
        level, _, text = match.groups()
        anchor = f"section-{len(entries) + 1}"
        label = html.escape(html.unescape(re.sub(r"<[^>]+>", "", text)).strip())
        indent = ' style="margin-left:1.5em"' if level == "3" else ""
        entries.append(f'<li{indent}><a href="#{anchor}">{label}</a></li>')
        return f'<h{level} id="{anchor}">{text}</h{level}>'

    page = _HEADING.sub(renumber, page)
    heading = html.escape(say("heading.contents", lang))
    toc = f'<nav class="toc"><h2>{heading}</h2><ul>' + "".join(entries) + "</ul></nav>"
    return page.replace(TABLE_OF_CONTENTS, toc, 1)


def _in_language(page: str, lang: str, title: str) -> str:
    """Declare the page's language (a browser picks fonts and hyphenation by it), and name the
    tab as the page's own heading, so the tab reads in the report's language too."""
    page = re.sub(r"<html[^>]*>", f'<html lang="{_HTML_LANG.get(lang, lang)}">', page, count=1)
    heading = _FIRST_H1.search(page)
    if heading:
        title = html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip()
    return re.sub(
        r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", page, count=1, flags=re.S
    )


def _unescaped_table_text(page: str) -> str:
    """The tables' rows with their characters written out in UTF-8 instead of doubly escaped:
    the same strings once both JSON layers are parsed, and about 130 kB lighter."""

    def literal(match: re.Match) -> str:
        code = int(match.group(2), 16)
        if any(code in allowed for allowed in _LITERAL_SAFE):
            return match.group(1) + chr(code)
        return match.group(0)

    return _DOUBLE_ESCAPED.sub(literal, page)


def remote_references(page: str) -> list[str]:
    """Everything the page would fetch from the network by itself (the report must have none)."""
    return [page[m.start() : m.start() + 80] for m in _REMOTE.finditer(page)]


def render_html(notebook: nbformat.NotebookNode, title: str, lang: str = "zh") -> str:
    """Code hidden, images inline, a table of contents where the notebook asks for one. The
    tab shows the page's first heading, or ``title`` when it has none."""
    exporter = HTMLExporter(
        template_name="report_template",
        extra_template_basedirs=[str(TEMPLATE_DIR.parent)],
        exclude_input=True,
        # The notebook's markdown cells are notes for whoever reads the notebook; the report's
        # own words come from its cells' outputs, in the report's language.
        exclude_markdown=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    notebook.metadata["title"] = title
    page, _ = exporter.from_notebook_node(notebook)
    if TABLE_OF_CONTENTS in page:
        page = _with_table_of_contents(page, lang)
    page = _in_language(page, lang, title)
    page = _unescaped_table_text(page)
    page = page.replace("</head>", font_face_css(page) + "\n</head>", 1)
    remote = remote_references(page)
    if remote:
        raise RuntimeError(f"the report would fetch from the network: {remote[:3]}")
    return page


def write_report(
    notebook: nbformat.NotebookNode, out_file: Path, title: str, lang: str = "zh"
) -> Path:
    out_file.parent.mkdir(parents=True, exist_ok=True)
    safe_write.write_text(out_file, render_html(notebook, title, lang))
    return out_file
