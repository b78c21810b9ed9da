"""Slide-building blocks shared by the briefing deck and the comparison deck: the 16:9 page,
text measured in the project's font (so a title's size is chosen before PowerPoint lays it
out), text frames filled in that font for Latin and Chinese alike, and a figure's PNG placed as
large as the page allows with its own title band and source line cropped away."""

import re
from functools import cache
from pathlib import Path

from PIL import Image, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..figures.fonts import FONT_FAMILY, cjk_font_path
from ..figures.theme import SOURCE_BOTTOM, SOURCE_SIZE, SUBTITLE_TOP

# 16:9, PowerPoint's own widescreen size: 13.333 × 7.5 in.
SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)
MARGIN = Inches(0.45)
TITLE_TOP, TITLE_HEIGHT = Inches(0.22), Inches(1.0)
PICTURE_TOP, PICTURE_BOTTOM = Inches(1.3), Inches(7.0)
FOOT_TOP, FOOT_HEIGHT = Inches(7.06), Inches(0.34)
TITLE_SIZES = (28, 26, 24, 22, 20, 18)
TITLE_LINES = 2
FOOT_SIZES = (11, 10, 9, 8)
DARK, GREY = RGBColor(0x22, 0x22, 0x22), RGBColor(0x66, 0x66, 0x66)
# A text box's default insets: 0.1 in left and right, 0.05 in top and bottom.
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)
LINE_SPACING = 1.2
# Chinese breaks between any two characters, other text at spaces.
BREAKABLE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff]+\s*|\s+")


def new_presentation():
    """An empty presentation of 16:9 slides, the page every deck of the project uses."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    return prs


@cache
def measure_font() -> ImageFont.FreeTypeFont:
    # Measured at 100 units to the em: a width at size s points is width * s / 100 points.
    return ImageFont.truetype(str(cjk_font_path()), 100)


def text_width(text: str, size: float) -> float:
    """The width of ``text`` in points, set in the project's font at ``size`` points."""
    return measure_font().getlength(text) * size / 100


def line_count(text: str, size: float, width: float) -> int:
    """How many lines ``text`` takes in a box ``width`` points wide, broken the way slide
    software breaks it: between Chinese characters, and at spaces otherwise."""
    lines, current = 1, 0.0
    for piece in BREAKABLE.findall(text):
        piece_width = text_width(piece, size)
        if current and current + text_width(piece.rstrip(), size) > width:
            lines, current = lines + 1, 0.0
            piece_width = text_width(piece.lstrip(), size)
        current += piece_width
    return lines


def title_size(
    text: str,
    width_emu: int,
    height_emu: int,
    sizes: tuple[int, ...] = TITLE_SIZES,
    max_lines: int = TITLE_LINES,
) -> int:
    """The largest of ``sizes`` at which ``text`` fits the box in ``max_lines`` lines; the
    smallest size if none does."""
    width = Emu(width_emu - 2 * INSET_X).pt
    height = Emu(height_emu - 2 * INSET_Y).pt
    for size in sizes:
        lines = line_count(text, size, width)
        if lines <= max_lines and lines * size * LINE_SPACING <= height:
            return size
    return sizes[-1]


def set_font(run, size: float, colour: RGBColor, bold: bool = False) -> None:
    """The project's font for Latin and Chinese text alike (python-pptx sets Latin only)."""
    font = run.font
    font.size, font.bold, font.name = Pt(size), bold, FONT_FAMILY
    font.color.rgb = colour
    properties = font._rPr
    for tag in ("a:ea", "a:cs"):
        if properties.find(qn(tag)) is None:
            properties.find(qn("a:latin")).addnext(properties.makeelement(qn(tag), {}))
        properties.find(qn(tag)).set("typeface", FONT_FAMILY)
    # Keep the order the schema wants: latin, ea, cs.
    latin, ea, cs = (properties.find(qn(t)) for t in ("a:latin", "a:ea", "a:cs"))
    latin.addnext(ea)
    ea.addnext(cs)


def fill_frame(frame, lines: list[tuple[str, float, RGBColor, bool]], align=PP_ALIGN.LEFT) -> None:
    """Replace a text frame's text with ``(text, size, colour, bold)`` paragraphs."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, (text, size, colour, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        set_font(run, size, colour, bold)


def place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


def picture_box(png: Path, crop_top: float, crop_bottom: float):
    """Left, top, width, height of the largest box with the cropped picture's proportions
    that fits between the title and the foot, centred."""
    with Image.open(png) as image:
        pixels_wide, pixels_high = image.size
    aspect = pixels_wide / (pixels_high * (1 - crop_top - crop_bottom))
    room_width, room_height = SLIDE_WIDTH - 2 * MARGIN, PICTURE_BOTTOM - PICTURE_TOP
    width = min(room_width, round(room_height * aspect))
    height = round(width / aspect)
    left = (SLIDE_WIDTH - width) // 2
    top = PICTURE_TOP + (room_height - height) // 2
    return Emu(left), Emu(top), Emu(width), Emu(height)


def figure_crop(png: Path) -> tuple[float, float]:
    """The fractions of the figure's height above its subtitle (the title band) and below
    its plot area (the source line), which the slide states in text instead."""
    with Image.open(png) as image:
        height_in = image.size[1] / image.info["dpi"][1]
    top = 1 - SUBTITLE_TOP - 0.01
    bottom = SOURCE_BOTTOM + SOURCE_SIZE * 1.4 / 72 / height_in
    return top, bottom
