"""End to end: the pipeline on the project's source reproduces the committed outputs, and on a
hostile list it escapes the text. These run the notebooks, so they take a while."""

import re

import pytest
from PIL import Image

from analysis.__main__ import main
from analysis.figures.save import figure_captions
from analysis.paths import ROOT, SOURCE
from analysis.report.pipeline import run_report
from analysis.report.render import remote_references

pytestmark = pytest.mark.slow

GENERATED = ["data/processed", "figures"]


# Every figure the notebooks make from the project's list, sorted by name: 1 from 01, 5 from 02,
# 3 from 03, 4 from 04, 2 from 05_policy_instruments and 2 from 07_structure (17 in all).
FIGURES = [
    "chars_per_item",
    "chars_per_section",
    "citations_by_type_and_section",
    "cooccurrence_network",
    "first_mover_claims_by_section",
    "forecast_ladder",
    "item_dendrogram",
    "items_per_section",
    "key_numbers",
    "keyness_by_section",
    "policy_tool_types_by_section",
    "policy_tools_by_section",
    "section_term_map",
    "top_terms",
    "top_terms_by_section",
    "wordcloud",
    "wordclouds_by_section",
]


@pytest.fixture(scope="module")
def run_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory, run_cache):
    """The whole pipeline with an empty cache of its own: every PNG, word cloud and web font
    is drawn again (so the PNGs are compared, not copied from the project's warm cache), and
    the project's .cache is left alone."""
    out = tmp_path_factory.mktemp("run")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANALYSIS_CACHE_DIR", str(run_cache))
        report = run_report(SOURCE, out)
    return out, report.read_text(encoding="utf-8")


def test_the_run_drew_every_png_afresh(fresh_run, run_cache):
    assert len(list((run_cache / "png").glob("*.png"))) == len(FIGURES)
    assert len(list((run_cache / "webfont").glob("*.woff"))) == 1


def _files(root, folder):
    # figures/en/ (from --lang en) is not committed (.gitignore): a local English run is no change.
    files = (p.relative_to(root / folder) for p in (root / folder).rglob("*") if p.is_file())
    return sorted(f for f in files if not (folder == "figures" and f.parts[0] == "en"))


@pytest.mark.parametrize("folder", GENERATED)
def test_committed_outputs_are_reproduced_byte_for_byte(fresh_run, folder):
    out, _ = fresh_run
    assert _files(out, folder) == _files(ROOT, folder)
    changed = [
        str(name)
        for name in _files(out, folder)
        if (out / folder / name).read_bytes() != (ROOT / folder / name).read_bytes()
    ]
    assert changed == [], _how_to_look_at(out, folder, changed)


def _how_to_look_at(out, folder, changed) -> str:
    """The failure message: where each changed file is and how to see what changed. The test
    has no truth of its own beyond the committed bytes, so a person must judge the change."""
    lines = [f"{len(changed)} file(s) in {folder}/ differ from the committed ones. Look at each:"]
    for name in changed:
        committed, new = ROOT / folder / name, out / folder / name
        if committed.suffix == ".png":
            diff = f"/tmp/{committed.stem}_diff.png"
            view = f"compare {committed} {new} {diff}  (ImageMagick: changed pixels in red)"
        else:
            view = f"git diff --no-index {committed} {new}"
        lines += [f"  {folder}/{name}", f"    new file: {new}", f"    see the change: {view}"]
    lines.append(
        "Open the new file beside the committed one. Only a change you meant (new figure code, "
        "a new input) is regenerated with `make report` and committed, with the reason in the "
        "commit message; anything else is a bug in the code that drew it."
    )
    return "\n".join(lines)


def test_report_shows_every_figure_with_its_caption(fresh_run):
    out, page = fresh_run
    captions = figure_captions(out / "figures")
    assert list(captions) == FIGURES
    assert page.count('src="data:image/png;base64,') >= len(captions)
    for name, info in captions.items():
        assert f"figures/{name}.png" in page
        assert info["caption"] in page
    assert "图 1：" in page and f"图 {len(captions)}：" in page


def test_a_run_writes_the_deck_in_the_reports_order_and_the_workbook(fresh_run):
    from openpyxl import load_workbook
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out, page = fresh_run
    captions = figure_captions(out / "figures")
    # Each figure names its full-resolution file under its caption, in the report's order.
    shown = [name for name in re.findall(r"figures/([a-z0-9_]+)\.png", page) if name in captions]
    slides = list(Presentation(out / "reports" / "briefing.pptx").slides)
    on_slides = [
        s.name
        for slide in slides[1:]
        for s in slide.shapes
        if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert on_slides == shown and len(shown) == len(captions)
    assert load_workbook(out / "data" / "processed" / "analysis.xlsx").sheetnames[0] == "README"


def test_report_is_self_contained_with_hidden_code_and_contents(fresh_run):
    _, page = fresh_run
    assert remote_references(page) == []
    assert '<nav class="toc">' in page
    assert "import analysis" not in page and "rc.show_markdown" not in page
    assert "清单分 <strong>5</strong> 个方面，共 <strong>47</strong> 项举措" in page
    assert "国家发展改革委发布，2021年7月" in page and "未核实" in page
    assert '<html lang="zh-Hans">' in page
    assert "<title>深圳经济特区创新举措和经验做法清单：分析报告</title>" in page
    assert ">深圳经济特区创新举措和经验做法清单：分析报告" in page  # the heading
    assert f"全部 <strong>{len(FIGURES)}</strong> 幅图均已制作" in page


def test_every_png_is_at_least_300_dpi(fresh_run):
    out, _ = fresh_run
    pngs = list((out / "figures").glob("*.png"))
    assert sorted(p.stem for p in pngs) == FIGURES
    for png in pngs:
        dpi = Image.open(png).info["dpi"]
        assert min(dpi) >= 299.5, png.name


def test_figures_readme_lists_every_figure(fresh_run):
    out, _ = fresh_run
    readme = (out / "figures" / "README.md").read_text(encoding="utf-8")
    for png in (out / "figures").glob("*.png"):
        assert f"`{png.name}`" in readme


def test_source_text_is_escaped_in_the_report(tmp_path, source_lines):
    hostile = [
        line.replace("破除“唯论文", "破除<script>alert('x')</script>“唯论文", 1)
        if line.startswith("6\t")
        else line
        for line in source_lines
    ]
    listing = tmp_path / "hostile.txt"
    listing.write_text("\n".join(hostile), encoding="utf-8")
    page = run_report(listing, tmp_path / "out").read_text(encoding="utf-8")
    assert "<script>alert(" not in page
    assert "不是本项目自带的原文" in page and "hostile.txt" in page
    assert re.search(r"&lt;script&gt;alert\(|\\u003cscript\\u003ealert", page)


def test_cli_reports_a_malformed_list_with_its_line(tmp_path, capsys, source_lines):
    broken = [line for line in source_lines if not line.startswith("12\t")]
    listing = tmp_path / "gap.txt"
    listing.write_text("\n".join(broken), encoding="utf-8")
    assert main(["report", "--input", str(listing), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "line 29" in err and "expected item 12, found item 13" in err
