"""A subset of the project's CJK font, embedded in the report as a web font.

The report must read correctly on a machine with no Chinese font installed, offline. The full
Noto Sans CJK SC file is 16 MB; a subset of the characters the page uses is a few hundred KB.
"""

import base64
import hashlib
import io
import re

from fontTools import subset
from fontTools.ttLib import TTFont

from .. import safe_write
from ..figures.fonts import cjk_font_path, rendering_stack
from ..paths import cache_dir

WEB_FONT_FAMILY = "Report CJK"
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def characters_used(page: str) -> set[str]:
    """Every non-ASCII character of the page, including those inside JSON strings
    (itables stores its rows as ``\\uXXXX`` escapes)."""
    chars = {c for c in page if ord(c) > 127}
    chars |= {chr(int(code, 16)) for code in _JSON_ESCAPE.findall(page)}
    return {c for c in chars if ord(c) > 127 and not 0xD800 <= ord(c) <= 0xDFFF}


def subset_woff(codepoints: list[int]) -> bytes:
    """The font cut down to ``codepoints``, as WOFF. Cached on disk by the set of codepoints,
    the font file's hash and the fontTools version (``fonts.rendering_stack``): re-rendering a
    report whose text has not changed reuses the last subset."""
    key = hashlib.sha256(
        (",".join(map(str, codepoints)) + repr(rendering_stack())).encode()
    ).hexdigest()[:16]
    cached = cache_dir() / "webfont" / f"{key}.woff"
    if cached.exists():
        return cached.read_bytes()
    # Bounding boxes are only needed for hinting; recomputing them for every glyph is slow.
    font = TTFont(str(cjk_font_path()), recalcBBoxes=False, lazy=True)
    # Plain horizontal text needs no OpenType features and no hinting; dropping them halves
    # the time the subsetter takes.
    subsetter = subset.Subsetter(subset.Options(layout_features=[], hinting=False))
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer)
    cached.parent.mkdir(parents=True, exist_ok=True)
    safe_write.write_bytes(cached, buffer.getvalue())
    return buffer.getvalue()


def font_face_css(page: str) -> str:
    """A ``<style>`` block with an @font-face holding just the glyphs the page needs."""
    codepoints = sorted({ord(c) for c in characters_used(page)} | set(range(32, 127)))
    data = base64.b64encode(subset_woff(codepoints)).decode("ascii")
    return (
        "<style>@font-face{font-family:'" + WEB_FONT_FAMILY + "';"
        f"src:url(data:font/woff;base64,{data}) format('woff');}}"
        "body,.jp-RenderedHTMLCommon,table.dataTable,.dt-container,input,select{font-family:"
        f"'{WEB_FONT_FAMILY}',system-ui,sans-serif !important;}}</style>"
    )
