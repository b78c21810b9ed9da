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

GENERATED = ["data/processed", "figures"]


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    report = run_report(SOURCE, out)
    return out, report.read_text(encoding="utf-8")


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
    assert changed == [], f"re-run `make report` and commit: {changed}"


def test_report_shows_every_figure_with_its_caption(fresh_run):
    out, page = fresh_run
    captions = figure_captions(out / "figures")
    assert len(captions) >= 1
    assert page.count('src="data:image/png;base64,') >= len(captions)
    for name, info in captions.items():
        assert f"figures/{name}.png" in page
        assert info["caption"] in page
    assert "图 1：" in page and f"图 {len(captions)}：" in page


def test_report_is_self_contained_with_hidden_code_and_contents(fresh_run):
    _, page = fresh_run
    assert remote_references(page) == []
    assert '<nav class="toc">' in page
    assert "import analysis" not in page and "rc.show_markdown" not in page
    assert "清单分 <strong>5</strong> 个方面，共 <strong>47</strong> 项举措" in page
    assert "国家发展改革委发布，2021年7月" in page and "未核实" in page
    assert '<html lang="zh-Hans">' in page


def test_every_png_is_at_least_300_dpi(fresh_run):
    out, _ = fresh_run
    pngs = list((out / "figures").glob("*.png"))
    assert pngs
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
