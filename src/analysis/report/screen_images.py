"""Screen-resolution copies of the figures, for embedding in the report.

The 300 dpi PNGs in ``figures/`` are 4,000 px wide and weigh about half a megabyte each, too
much to embed a dozen or more of them in one HTML file. The report shows a figure at most
``DISPLAY_WIDTH`` CSS pixels wide, so a copy twice that width stays sharp on a 2x (retina)
screen. Charts use few colours: an adaptive palette keeps them crisp (no dithering, no JPEG
ringing around the text) at a fraction of the size. The copies are made at render time into the
cache; the files in ``figures/`` stay as they are, for print and slides.
"""

import hashlib
import io
from pathlib import Path

import PIL
from PIL import Image

from .. import safe_write
from ..paths import cache_dir

DISPLAY_WIDTH = 960
PIXEL_DENSITY = 2
PALETTE_COLOURS = 64


def screen_png(png: Path, width: int = DISPLAY_WIDTH * PIXEL_DENSITY) -> bytes:
    """``png`` at most ``width`` pixels wide, on a white background, with a palette of
    ``PALETTE_COLOURS``. Cached on disk by the file's bytes and these settings."""
    original = png.read_bytes()
    settings = f"{width}-{PALETTE_COLOURS}-{PIL.__version__}".encode()
    key = hashlib.sha256(original + settings).hexdigest()[:20]
    cached = cache_dir() / "screen_images" / f"{key}.png"
    if cached.exists():
        return cached.read_bytes()
    with Image.open(io.BytesIO(original)) as image:
        rgba = image.convert("RGBA")
    # Flatten any transparency onto white: the report's page is white, and a palette image
    # with an alpha channel would need one more colour per blended edge.
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    if flat.width > width:
        flat = flat.resize((width, round(flat.height * width / flat.width)), Image.LANCZOS)
    small = flat.quantize(PALETTE_COLOURS, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    cached.parent.mkdir(parents=True, exist_ok=True)
    safe_write.write_bytes(cached, buffer.getvalue())
    return buffer.getvalue()
