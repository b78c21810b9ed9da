"""The English outputs on a list the kit has never seen (tests/fixtures/qinghe_district_list.txt):
an English reader can read every figure and slide.

``python -m analysis report --lang en`` runs once on it. Every text run of every English SVG
(matplotlib writes each line it draws as a comment before its glyphs) and every text run of the
deck must hold an English word wherever it holds Chinese; the exceptions are the word clouds,
which show the list's own words by design."""

import re
from pathlib import Path

import pytest
from pptx import Presentation
from report_cli import report_on

FIXTURE = Path(__file__).parent / "fixtures" / "qinghe_district_list.txt"
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
TEXT_RUN = re.compile(r"<!-- (.*?) -->", re.S)
WORD_CLOUDS = ("wordcloud", "wordclouds_by_section")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out, completed = report_on(
        FIXTURE, tmp_path_factory, "english_other_list", timeout=1200, options=("--lang", "en")
    )
    return out, completed.stderr


def _chinese_only(texts) -> list[str]:
    return [t for t in texts if CJK.search(t) and not LATIN.search(t)]


def test_every_figure_text_run_has_english_beside_its_chinese(run):
    out, _ = run
    svgs = sorted((out / "figures" / "en").glob("*.svg"))
    assert len(svgs) >= 10
    runs = {}
    for svg in svgs:
        if svg.stem in WORD_CLOUDS:
            continue
        runs[svg.stem] = TEXT_RUN.findall(svg.read_text(encoding="utf-8"))
    assert sum(map(len, runs.values())) > 200
    bare = {name: _chinese_only(texts) for name, texts in runs.items()}
    assert {name: texts for name, texts in bare.items() if texts} == {}


def test_every_slide_text_run_has_english_beside_its_chinese(run):
    out, _ = run
    deck = Presentation(out / "reports" / "briefing_en.pptx")
    texts = []
    for slide in deck.slides:
        frames = [shape.text_frame for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            frames.append(slide.notes_slide.notes_text_frame)
        texts += [r.text for frame in frames for p in frame.paragraphs for r in p.runs]
    assert len(texts) > 30
    assert _chinese_only(texts) == []


def test_dictionary_glosses_are_marked_and_explained(run):
    out, _ = run
    key_numbers = (out / "figures" / "en" / "key_numbers.svg").read_text(encoding="utf-8")
    runs = TEXT_RUN.findall(key_numbers)
    assert any(r.endswith("†") for r in runs)
    assert "† dictionary gloss (CC-CEDICT, policy lexicon), not a translation" in runs


def test_the_report_counts_the_gloss_sources(run):
    out, _ = run
    page = (out / "reports" / "report_en.html").read_text(encoding="utf-8")
    found = re.search(
        r"show (\d+) Chinese terms.*?glossary \((\d+)\).*?policy lexicon \((\d+);", page
    )
    assert found and int(found[1]) >= int(found[2]) + int(found[3]) > 0
