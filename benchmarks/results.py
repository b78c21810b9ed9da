"""Targets, verdicts and the Markdown page of ``make bench``."""

from pathlib import Path

# measure: (target, "max" when the measure must stay at or below it, "min" at or above it)
TARGETS = {
    "report_vs_floor": (1.5, "max"),
    "keyword_counts_vs_jieba": (0.10, "max"),
    "keyword_counts_100x_vs_jieba": (1.0, "max"),
    "keyword_counts_list_vs_reference_engine": (1.0, "max"),
    "cntext_word_count_vs_keyword_counts": (25.0, "min"),
    "extraction_vs_jieba": (0.2, "max"),
    "peak_memory_mb": (500, "max"),
    "dask_keyword_counts_vs_jieba": (0.8, "max"),
}


def verdicts(results: dict) -> dict:
    measured = {**results.get("report", {}), **results.get("scale", {}), **results.get("dask", {})}
    verdicts = {}
    for name, (target, direction) in TARGETS.items():
        if name in measured:
            value = measured[name]
            met = value <= target if direction == "max" else value >= target
            verdicts[name] = {
                "measured": value,
                "target": target,
                "direction": direction,
                "met": met,
            }
    return verdicts


MARKDOWN_INTRO = """# Benchmarks

Written by `make bench` (`python -m benchmarks`); do not edit by hand. Rerun it to reproduce:

```bash
make bench          # writes docs/benchmark_results.json and this file
make bench-cntext   # the same, with row d (installs cntext into .cache/cntext first)
```

`docs/benchmarks.md` explains the set-up and test-loop timings and how to read these.

Every figure is a ratio of two timings taken in the same run on the same machine, each in a
fresh process, so that the machine's speed cancels out. Timings vary by about ±10 % from run to
run on these shared 2-core machines; rerun before drawing conclusions from the last digit.

- **a. Report**: `python -m analysis report` into a temporary folder on a warm environment
  (`.venv` built, `.cache/` filled by a warm-up run), median of {repeats} runs, against the
  floor: executing as many notebooks, one after another, that only
  `import pandas, matplotlib, jieba, analysis` (median of {repeats}). For reference, one cold
  run with an empty cache (`report_cold_*`: every PNG and word cloud drawn anew) has no target.
- **b. Keyword counting at scale**: the list replicated {scale}× ({items:,} items,
  {characters:,} characters of name and content) and {tenth_scale}×. The default call,
  `analysis.keyword_counts(corpus)` (it picks one process or a pool of {cores} from the corpus
  and the cores), against bare single-process `jieba.lcut` over the same texts, item by item,
  after `jieba.initialize()`; and against the default engine's floor, bare `rjieba`
  (`Jieba().cut`, built before the clock starts) over the same texts.
  `keyword_counts_single_process_*`: the same call with `n_jobs=1`.
  `keyword_counts_reference_engine_*`: the same call with `ANALYSIS_SEGMENTER=jieba`; its table
  must equal the default call's byte for byte, or the bench stops
  (`tables_identical_under_both_engines`). `keyword_counts_list_*`: the default call on the list
  itself against the same call with the reference engine. `extract_regulations` and
  `extract_quantities` on the {scale}× corpus.
- **c. Peak memory** of b's default call at {scale}× (its whole process: corpus, engine and
  call), in a run of its own: the peak, sampled every 50 ms, of the proportional set size of the
  process and its workers, so that the pages a forked worker shares with its parent count once.
  `peak_rss_parent_plus_largest_worker_mb` adds up peak resident sets instead, which counts
  those shared pages twice.
- **d. cntext 2.2.1** `word_count` over the {scale}× texts joined into one, timed after
  `jieba.initialize()`; only with `make bench-cntext`, which installs it into `.cache/cntext`
  (never a dependency of the kit); its module is imported without the package's `__init__`,
  whose imports `word_count` does not use (`benchmarks/workers.py` explains). The ratio is
  cntext's time over the default call's: how many times faster the kit is.
- **e. Dask**: `keyword_counts(corpus, client=client)` on a `LocalCluster` of 2 worker
  processes (1 thread each) that is already up, the engine loaded on each, against the same bare
  `jieba.lcut`. For reference: the cluster's start-up (`dask_cluster_start_seconds`), and
  the same counting on Dask's local process scheduler with no cluster. docs/scaling.md reads
  these numbers.
"""


def write_markdown(results: dict, path: Path) -> Path:
    scale = results["scale"]
    lines = [
        MARKDOWN_INTRO.format(repeats=results.get("repeats", "?"), **scale),
        f"Machine: {results['machine']}, Python {results['python']}.",
        "",
        "| measure | measured | target | met |",
        "| --- | --- | --- | --- |",
    ]
    for name, verdict in results["targets"].items():
        bound = "≤" if verdict["direction"] == "max" else "≥"
        lines.append(
            f"| `{name}` | {verdict['measured']} | {bound} {verdict['target']} | "
            f"{'yes' if verdict['met'] else '**no**'} |"
        )
    lines += ["", "## Other ratios and checks", "", "| measure | value |", "| --- | --- |"]
    for name, value in results.get("scale", {}).items():
        if name not in results["targets"] and not name.endswith("_seconds"):
            lines.append(f"| `{name}` | {value} |")
    lines += ["", "## Timings (seconds)", "", "| timing | seconds |", "| --- | --- |"]
    for section in ("report", "scale", "dask"):
        for name, value in results.get(section, {}).items():
            if name.endswith("_seconds"):
                lines.append(f"| `{name}` | {value} |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
