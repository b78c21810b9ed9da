"""The briefing deck, opened with python-pptx: size, slides in the report's order, pictures
without distortion, alt text, notes computed from the tables, nothing linked from outside,
the same bytes on every run. Built from the committed figures and tables."""

import json
import re
import shutil
import subprocess
import zipfile

import matplotlib.pyplot as plt
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from analysis.__main__ import main
from analysis.figures.save import figure_captions, save_figure
from analysis.figures.theme import new_figure
from analysis.paths import ROOT
from analysis.report import deck, figure_order, slides
from analysis.report.finished_tables import Tables
from analysis.report.talking_points import talking_point

FIGURES = ROOT / "figures"
PROCESSED = ROOT / "data" / "processed"
SHA256 = json.loads((PROCESSED / "provenance.json").read_text(encoding="utf-8"))["sha256"]


@pytest.fixture(scope="module")
def captions():
    return figure_captions(FIGURES)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return deck.write_deck(ROOT, "zh", path=tmp_path_factory.mktemp("deck") / "briefing.pptx")


@pytest.fixture(scope="module")
def prs(written):
    return Presentation(written)


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """The English deck. English figures are not committed; the deck's own text is what is
    tested here, so the Chinese figures stand in for them."""
    root = tmp_path_factory.mktemp("en")
    shutil.copytree(FIGURES, root / "figures" / "en")
    shutil.copytree(PROCESSED, root / "data" / "processed")
    return Presentation(deck.write_deck(root, "en"))


def _pictures(slide):
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def _texts(slide):
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_slides_are_16_by_9(prs):
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert round(Emu(prs.slide_width).inches, 3) == 13.333
    assert Emu(prs.slide_height).inches == 7.5


def test_one_slide_per_figure_in_the_reports_order(prs, captions):
    order = deck.report_order(captions)
    # A title slide, then one slide per committed figure.
    assert len(prs.slides) == 1 + len(captions) == 1 + len(list(FIGURES.glob("*.png")))
    assert order[0] == "items_per_section"
    # The report shows the notebooks' figures in run order, 01_ to 07_, each notebook's by name.
    notebooks = [captions[name]["notebook"] for name in order]
    assert notebooks == sorted(notebooks)
    assert order[-4:] == [
        "policy_tool_types_by_section",
        "policy_tools_by_section",
        "item_dendrogram",
        "section_term_map",
    ]
    for slide, name in zip(list(prs.slides)[1:], order, strict=True):
        assert slide.shapes.title.text_frame.text == captions[name]["finding"]
        assert [p.name for p in _pictures(slide)] == [name]
    first = list(prs.slides)[1].shapes.title.text_frame.text
    assert first == "五、城市治理体系和治理能力现代化类举措最多：12 项"


def test_title_slide_names_the_list_its_publisher_and_the_file(prs):
    text = "\n".join(_texts(prs.slides[0]))
    assert "深圳经济特区创新举措和经验做法清单" in text
    assert "发布机关：国家发展改革委\n" in text
    assert "发布日期：2021年7月 · 未与官方页面核对" in text
    # One language: the English names and glosses are the English deck's.
    assert "National Development" not in text and "late July" not in text
    assert "5 个方面 · 47 项举措" in text
    assert f"data/raw/shenzhen_sez_innovation_measures_2021.txt（sha256 {SHA256[:12]}）" in text
    assert _pictures(prs.slides[0]) == []


def test_pictures_are_the_300_dpi_pngs_undistorted_between_title_and_foot(prs, captions):
    for slide, name in zip(list(prs.slides)[1:], deck.report_order(captions), strict=True):
        (picture,) = _pictures(slide)
        png = FIGURES / f"{name}.png"
        assert picture.image.blob == png.read_bytes()
        with Image.open(png) as image:
            wide, high = image.size
            assert min(image.info["dpi"]) >= 299.5
        shown = (wide * (1 - picture.crop_left - picture.crop_right)) / (
            high * (1 - picture.crop_top - picture.crop_bottom)
        )
        assert picture.width / picture.height == pytest.approx(shown, rel=0.002)
        title = slide.shapes.title
        (foot,) = [s for s in slide.shapes if s.has_text_frame and s != title]
        assert picture.top >= title.top + title.height
        assert picture.top + picture.height <= foot.top <= prs.slide_height - foot.height
        assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
        # As large as the room allows: the chart's text stays legible at slide size.
        assert Emu(picture.width).inches > 11


def test_alt_text_is_the_caption_not_a_file_name(prs, captions):
    for slide, name in zip(list(prs.slides)[1:], deck.report_order(captions), strict=True):
        (picture,) = _pictures(slide)
        descr = picture._element.nvPicPr.cNvPr.get("descr")
        assert descr == captions[name]["caption"]
        assert not descr.endswith(".png") and name not in descr


def test_notes_hold_caption_talking_point_source_and_notebook(prs, captions):
    notes = {}
    for slide, name in zip(list(prs.slides)[1:], deck.report_order(captions), strict=True):
        text = slide.notes_slide.notes_text_frame.text
        notes[name] = text
        assert captions[name]["caption"] in text
        assert f"notebooks/{captions[name]['notebook']}.py" in text
        assert SHA256 in text
        assert "还没有" not in text
    assert "清单共 5 个方面、47 项举措" in notes["items_per_section"]
    assert "12 项，占 26%" in notes["items_per_section"]
    assert "“企业”出现 47 次" in notes["wordcloud"]
    assert "第 47 项给出 5 级提前时间" in notes["forecast_ladder"]
    assert "47 项举措中有 13 项自称" in notes["first_mover_claims_by_section"]
    tools = notes["policy_tools_by_section"]
    assert "47 项举措中有 45 项至少有一个工具编码" in tools
    assert "第 7 项和第 25 项没有规则命中" in tools
    assert "用得最多的法规管制（18 项）每个方面都有" in tools
    types = notes["policy_tool_types_by_section"]
    assert "供给型 31 个（48%）、环境型 26 个（41%）、需求型 7 个（11%）" in types
    assert "各方面构成的差异不显著：置换检验 p = 0.26" in types


def test_the_notes_gloss_with_the_glossary_the_deck_is_built_with(tmp_path):
    root = tmp_path / "run"
    shutil.copytree(FIGURES, root / "figures" / "en")
    shutil.copytree(PROCESSED, root / "data" / "processed")
    mine = tmp_path / "mine.csv"
    # 建设 is the hub of the committed network; the curated glossary does not gloss it.
    mine.write_text("term_zh,en\n建设,building works\n", encoding="utf-8")

    def hub_note(glossary):
        prs = deck.build_deck(root, "en", ["cooccurrence_network"], glossary)
        return prs.slides[1].notes_slide.notes_text_frame.text

    assert "“建设 (building works)”" in hub_note(mine)
    assert "building works" not in hub_note(None)


def test_a_deck_refuses_a_malformed_glossary_naming_its_line(tmp_path):
    from analysis.figures.glossary import GlossaryError

    mine = tmp_path / "mine.csv"
    mine.write_text("term_zh,en\n建设,building works\nno chinese,at all\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="line 3"):
        deck.build_deck(ROOT, "en", glossary=mine)


def test_every_committed_figure_has_a_talking_point(captions):
    tables = Tables(PROCESSED)
    assert [name for name in captions if talking_point(name, tables, "zh", None) is None] == []


def _captions(**notebooks):
    return {name: {"notebook": notebook} for name, notebook in notebooks.items()}


def test_slide_order_follows_the_report_notebook_not_run_order(tmp_path):
    report = tmp_path / "06_report.py"
    report.write_text(
        "shown = rc.show_figures(figures, '04_')\n"
        "# %%\n"
        "shown += rc.show_figures(figures, notebook_prefix='01_')\n",
        encoding="utf-8",
    )
    assert figure_order.shown_prefixes(report) == ["04_", "01_"]
    captions = _captions(b="01_load", a="01_load", z="04_extraction", c="03_clouds")
    # 03_ is not in this report: its figure comes last rather than being left out.
    assert deck.report_order(captions, report) == ["z", "a", "b", "c"]


def test_a_report_prefix_the_deck_cannot_read_names_its_line(tmp_path):
    report = tmp_path / "06_report.py"
    report.write_text("prefix = '01_'\nrc.show_figures(figures, prefix)\n", encoding="utf-8")
    with pytest.raises(ValueError, match="06_report.py line 2: show_figures needs"):
        figure_order.shown_prefixes(report)
    report.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shows no figures"):
        figure_order.shown_prefixes(report)


def _foot_sizes(prs):
    return {
        shape.text_frame.paragraphs[0].runs[0].font.size.pt
        for slide in list(prs.slides)[1:]
        for shape in slide.shapes
        if shape.has_text_frame and shape != slide.shapes.title
    }


def test_source_line_at_the_foot(prs, english):
    # One line, at the size of the figures' own source lines less a point.
    assert _foot_sizes(prs) == _foot_sizes(english) == {11}
    slide = prs.slides[1]
    foot = [t for t in _texts(slide) if t.startswith("来源：")]
    assert foot == [
        f"来源：深圳经济特区创新举措和经验做法清单（sha256 {SHA256[:12]}）"
        "· 图：figures/items_per_section.png"
    ]


def test_titles_fit_their_box(prs):
    for slide in list(prs.slides)[1:]:
        title = slide.shapes.title
        (run,) = title.text_frame.paragraphs[0].runs
        size = run.font.size.pt
        width = Emu(title.width - 2 * slides.INSET_X).pt
        lines = slides.line_count(run.text, size, width)
        assert lines <= slides.TITLE_LINES
        assert lines * size * 1.2 <= Emu(title.height).pt
        assert size >= 24


def test_text_is_measured_in_the_projects_font():
    # A CJK glyph is one em wide: two characters at 10 pt are 20 pt.
    assert slides.text_width("企业", 10) == pytest.approx(20, abs=0.01)
    assert slides.line_count("企" * 20, 10, 100) == 2
    assert slides.line_count("word " * 10, 10, 1000) == 1
    assert slides.line_count("a" * 50 + " " + "b" * 50, 10, slides.text_width("a" * 60, 10)) == 2


def test_nothing_is_linked_from_outside(written):
    with zipfile.ZipFile(written) as package:
        rels = [n for n in package.namelist() if n.endswith(".rels")]
        assert rels
        for name in rels:
            xml = package.read(name).decode("utf-8")
            assert 'TargetMode="External"' not in xml, name
            assert not re.search(r'Target="(https?|file):', xml), name


def test_deck_bytes_are_deterministic(written, tmp_path):
    again = deck.write_deck(ROOT, "zh", path=tmp_path / "again.pptx")
    assert again.read_bytes() == written.read_bytes()
    with zipfile.ZipFile(written) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "2021-07-01T00:00:00Z" in core and "python-pptx" not in core


def test_english_deck(english):
    title = "\n".join(_texts(english.slides[0]))
    assert (
        "List of Innovation Measures and Practices of the Shenzhen Special Economic Zone" in title
    )
    assert "5 sections · 47 measures" in title and "not checked against the official page" in title
    notes = english.slides[1].notes_slide.notes_text_frame.text
    assert notes.startswith("Caption: ")
    assert "The list has 47 measures in 5 sections. 5. Urban governance has the most" in notes
    assert "notebooks/01_load_and_tidy.py" in notes
    assert any(t.startswith("Source: ") for t in _texts(english.slides[1]))
    assert "figures/en/items_per_section.png" in notes
    slides = dict(
        zip(deck.report_order(figure_captions(FIGURES)), list(english.slides)[1:], strict=True)
    )
    tools = slides["policy_tools_by_section"].notes_slide.notes_text_frame.text
    assert "45 of the 47 measures carry at least one instrument code" in tools
    assert "no rule codes item 7 and item 25" in tools
    assert "regulation and control (18 measures), appears in all 5 sections" in tools
    types = slides["policy_tool_types_by_section"].notes_slide.notes_text_frame.text
    assert "supply 31 (48%), environment 26 (41%), demand 7 (11%)" in types
    assert "not significant: permutation test p = 0.26" in types


def test_another_list_claims_no_publisher(tmp_path):
    shutil.copytree(FIGURES, tmp_path / "figures")
    shutil.copytree(PROCESSED, tmp_path / "data" / "processed")
    provenance = tmp_path / "data" / "processed" / "provenance.json"
    record = json.loads(provenance.read_text(encoding="utf-8"))
    record = {k: record[k] for k in ("sha256", "encoding", "sections", "items")}
    provenance.write_text(
        json.dumps(record | {"file": "other.txt", "is_project_source": False}), encoding="utf-8"
    )
    prs = Presentation(deck.write_deck(tmp_path, "zh", figures=["items_per_section"]))
    title = "\n".join(_texts(prs.slides[0]))
    assert "other.txt" in title and "不声称其发布机关或日期" in title
    assert "国家发展改革委" not in title
    assert f"来源：other.txt（sha256 {SHA256[:12]}）" in "\n".join(_texts(prs.slides[1]))


def test_a_figure_without_a_talking_point_says_so(tmp_path):
    figures = tmp_path / "figures"
    shutil.copytree(PROCESSED, tmp_path / "data" / "processed")
    fig, _ = plt.subplots()
    save_figure(
        fig, "bare_chart", caption="一张图", notebook="05_policy", out_dir=figures, lang="zh"
    )
    plt.close(fig)
    fig, _ = new_figure("图的结论", "单位", source="资料来源：测试清单")
    save_figure(
        fig, "themed_chart", caption="另一张图", notebook="05_policy", out_dir=figures, lang="zh"
    )
    plt.close(fig)
    assert figure_captions(figures)["themed_chart"]["finding"] == "图的结论"
    assert figure_captions(figures)["bare_chart"]["finding"] is None
    prs = Presentation(deck.write_deck(tmp_path, "zh"))
    bare = prs.slides[1]
    # No finding stored: the caption is the title, and nothing is cropped.
    assert bare.shapes.title.text_frame.text == "一张图"
    assert _pictures(bare)[0].crop_top == 0
    assert "在 analysis/report/talking_points.py 中为 bare_chart 添加" in (
        bare.notes_slide.notes_text_frame.text
    )
    assert prs.slides[2].shapes.title.text_frame.text == "图的结论"
    assert _pictures(prs.slides[2])[0].crop_top > 0.05


def test_cli_writes_a_short_deck_of_chosen_figures(tmp_path, capsys):
    """``--out`` is the folder a report run wrote, as in every subcommand: the deck finds the
    figures and tables there and goes to its reports/."""
    shutil.copytree(FIGURES, tmp_path / "figures")
    shutil.copytree(PROCESSED, tmp_path / "data" / "processed")
    command = ["deck", "--figures", "key_numbers,items_per_section", "--out", str(tmp_path)]
    assert main(command) == 0
    out = tmp_path / "reports" / "briefing_short.pptx"
    assert capsys.readouterr().out.strip() == str(out)
    prs = Presentation(out)
    assert [p.name for s in list(prs.slides)[1:] for p in _pictures(s)] == [
        "key_numbers",
        "items_per_section",
    ]
    assert main(["deck", "--figures", "no_such_figure", "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no figure no_such_figure" in error


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_deck(tmp_path):
    """A manual-check aid that runs where LibreOffice is installed: every slide becomes a page."""
    short = deck.write_deck(ROOT, "zh", ["items_per_section", "key_numbers"], tmp_path / "d.pptx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(short)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = (tmp_path / "d.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 3


def test_talking_points_on_empty_tables_say_there_is_too_little(tmp_path):
    import pandas as pd

    from analysis.report.talking_points import Tables, talking_point

    for name, columns in {
        "keyness": ["section_id", "rank", "term", "count", "count_rest", "g2"],
        "keywords": ["term", "count", "section_1"],
        "cooccurrence_edges": ["source", "target", "weight"],
        "regulations": ["item_id", "section_id", "bracketed"],
    }.items():
        pd.DataFrame(columns=columns).to_csv(tmp_path / f"{name}.csv", index=False)
    tables = Tables(tmp_path)
    for figure in ("keyness_by_section", "top_terms", "wordcloud", "cooccurrence_network",
                   "citations_by_type_and_section"):  # fmt: skip
        assert (
            talking_point(figure, tables, "zh", None)
            == "（此图的表格内容太少，无法计算讲解要点。）"
        )
