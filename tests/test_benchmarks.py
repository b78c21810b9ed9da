"""``make bench`` (benchmarks/, outside the package) on a tiny corpus: every worker measures what
it says, the driver turns a whole run into ratios, and nothing is written unless asked."""

import ast
import json
import subprocess
import sys

import pytest

from analysis import keyword_counts, load_items
from analysis.paths import ROOT
from analysis.text.segment import item_texts

sys.path.insert(0, str(ROOT))  # benchmarks/ is a top-level folder, not part of the package
from benchmarks import workers  # noqa: E402
from benchmarks.results import TARGETS, write_markdown  # noqa: E402


def test_nothing_in_the_package_imports_the_benchmarks():
    for path in (ROOT / "src" / "analysis").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [getattr(node, "module", None) or ""]
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            assert not any(m.split(".")[0] == "benchmarks" for m in modules), path


def test_the_corpus_is_the_list_replicated_with_fresh_item_ids():
    items = load_items()
    corpus = workers.corpus_at(3)
    assert len(corpus) == 3 * len(items)
    assert corpus["item_id"].tolist() == list(range(1, 3 * len(items) + 1))
    assert corpus["content"].tolist() == items["content"].tolist() * 3


# Bare jieba (0.6 s to load its dictionary) runs in the slow whole run below.
@pytest.mark.parametrize("task", ["rjieba", "keywords", "regulations", "quantities"])
def test_each_worker_times_its_task_on_the_whole_corpus(task):
    items = load_items()
    result = workers.run_task(task, 2, table=None, cntext=None)
    assert result["items"] == 2 * len(items)
    assert result["characters"] == 2 * sum(map(len, item_texts(items)))
    assert result["seconds"] > 0 and result["peak_mb"] > 0


def test_the_keyword_worker_writes_the_table_keyword_counts_gives(tmp_path):
    table = tmp_path / "keywords.csv"
    result = workers.run_task("keywords", 1, table=str(table), cntext=None)
    expected = keyword_counts(load_items(), progress=False)
    assert result["terms"] == len(expected)
    assert table.read_text(encoding="utf-8") == expected.to_csv(index=False)


@pytest.mark.slow
def test_a_whole_run_at_twice_the_list_prints_ratios_and_writes_nothing(tmp_path):
    docs = {p: p.read_bytes() for p in (ROOT / "docs").glob("benchmark_results.*")}
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--scale", "2", "--repeats", "1"]
        + ["--skip-report", "--skip-dask"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(run.stdout)
    scale = results["scale"]
    assert scale["items"] == 2 * len(load_items()) and scale["tenth_scale"] == 1
    assert scale["tables_identical_under_both_engines"] is True
    # The ratio is taken before the seconds are rounded to 0.01 s, so it must lie
    # within the range the rounded seconds allow: at 0.03 s a half-step is 17 %.
    half_step = 0.005
    keywords, jieba = scale["keyword_counts_seconds"], scale["jieba_lcut_seconds"]
    lowest = max(keywords - half_step, 0) / (jieba + half_step)
    highest = (keywords + half_step) / max(jieba - half_step, 1e-9)
    assert lowest - 0.001 <= scale["keyword_counts_vs_jieba"] <= highest + 0.001
    assert "make bench-cntext" in scale["cntext_word_count_not_measured"]
    measured = set(results["targets"])
    assert measured == set(TARGETS) - {
        "report_vs_floor",
        "cntext_word_count_vs_keyword_counts",
        "dask_keyword_counts_vs_jieba",
    }
    assert {p: p.read_bytes() for p in docs} == docs, "the bench wrote into docs/ unasked"
    page = write_markdown(results, tmp_path / "results.md").read_text(encoding="utf-8")
    for name in measured:
        assert f"| `{name}` | {results['targets'][name]['measured']} |" in page
