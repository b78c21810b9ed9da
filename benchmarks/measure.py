"""The driver: starts each worker in a fresh process (so one measurement cannot warm or weigh
down another), samples memory from outside, and turns timings into the ratios of the results."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .workers import DASK_WORKERS

# The repository: workers start here, so that ``python -m benchmarks`` finds this folder.
ROOT = Path(__file__).resolve().parents[1]
CNTEXT = "cntext==2.2.1"


def _tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its descendants, in MB: each page shared between
    them (a forked worker shares its parent's) is counted once in all, not once per process."""
    total_kb, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:  # ended meanwhile
            continue
        total_kb += sum(int(line.split()[1]) for line in rollup.splitlines() if line[:4] == "Pss:")
        pending += map(int, children)
    return total_kb / 1024


def _run(args: list[str], env=None, watch_memory: bool = False) -> tuple[float, dict]:
    """Run ``python *args`` and return its wall time and the JSON line it printed. With
    ``watch_memory``, also sample the peak PSS of its process tree every 50 ms (Linux)."""
    peak = 0.0
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, *args], stdout=out, stderr=err, text=True, env=env, cwd=ROOT
        )
        while process.poll() is None:
            if watch_memory:
                peak = max(peak, _tree_pss_mb(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{stderr[-2000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    result = json.loads(lines[-1]) if lines else {}
    if watch_memory:
        result["peak_pss_mb"] = peak
    return seconds, result


def _median_seconds(args: list[str], repeats: int, env=None) -> float:
    return statistics.median(_run(args, env)[0] for _ in range(repeats))


def bench_report(repeats: int) -> dict:
    from analysis.report.notebook_list import pipeline_notebooks

    steps, _ = pipeline_notebooks()
    notebooks = len(steps) + 1
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as empty_cache:
        report_args = ["-m", "analysis", "report", "--out", out]
        # Cold: nothing cached yet (figures and word clouds drawn, font subset cut).
        cold, _ = _run(report_args, {**env, "ANALYSIS_CACHE_DIR": empty_cache})
        _run(report_args, env)  # warm-up of the project's own cache
        report = _median_seconds(report_args, repeats, env)
    floor = _median_seconds(["-m", "benchmarks", "--floor", str(notebooks)], repeats, env)
    return {
        "notebooks": notebooks,
        "report_seconds": round(report, 2),
        "report_cold_seconds": round(cold, 2),
        "floor_seconds": round(floor, 2),
        "report_vs_floor": round(report / floor, 3),
        "report_cold_vs_floor": round(cold / floor, 3),
    }


def _measure(
    task: str,
    scale: int,
    table: Path | None = None,
    cntext: str | None = None,
    watch_memory: bool = False,
):
    args = ["-m", "benchmarks", "--worker", task, "--scale", str(scale)]
    if table is not None:
        args += ["--table", str(table)]
    if cntext is not None:
        args += ["--cntext", cntext]
    env = {**os.environ, "ANALYSIS_SEGMENTER": "jieba" if task == "keywords-jieba" else "jieba-rs"}
    return _run(args, env, watch_memory)[1]


def bench_scale(scale: int, cntext_dir: Path | None = None) -> dict:
    """b, c and, when ``cntext_dir`` holds an installed cntext (``make bench-cntext``), d."""
    tenth = max(1, scale // 10)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        tables = {task: Path(folder) / f"{task}.csv" for task in ("keywords", "keywords-jieba")}
        for task in ("jieba", "rjieba", "keywords", "keywords-single", "keywords-jieba"):
            results[task] = _measure(task, scale, tables.get(task))
        identical = tables["keywords"].read_bytes() == tables["keywords-jieba"].read_bytes()
        if not identical:
            raise AssertionError(
                f"keyword tables at {scale}× differ between jieba-rs and jieba: a bug to fix"
            )
        # Memory in a run of its own: sampling it costs CPU that the timed run should not lose.
        results["keywords-memory"] = _measure("keywords", scale, watch_memory=True)
        for task in ("regulations", "quantities"):
            results[task] = _measure(task, scale)
        for task in ("jieba", "keywords"):
            results[f"{task}_tenth"] = _measure(task, tenth)
        for task in ("keywords", "keywords-jieba"):
            results[f"{task}_list"] = _measure(task, 1)
        if cntext_dir is not None:
            results["cntext"] = _measure("cntext", scale, cntext=str(cntext_dir))
    jieba_seconds = results["jieba"]["seconds"]
    keywords_seconds = results["keywords"]["seconds"]
    extraction = results["regulations"]["seconds"] + results["quantities"]["seconds"]
    row = {
        "scale": scale,
        "items": results["jieba"]["items"],
        "characters": results["jieba"]["characters"],
        "cores": _usable_cores(),
        "jieba_lcut_seconds": round(jieba_seconds, 2),
        "rjieba_cut_seconds": round(results["rjieba"]["seconds"], 2),
        "keyword_counts_seconds": round(keywords_seconds, 2),
        "keyword_counts_single_process_seconds": round(results["keywords-single"]["seconds"], 2),
        "keyword_counts_reference_engine_seconds": round(results["keywords-jieba"]["seconds"], 2),
        "extract_regulations_seconds": round(results["regulations"]["seconds"], 2),
        "extract_quantities_seconds": round(results["quantities"]["seconds"], 2),
        "tenth_scale": tenth,
        "jieba_lcut_100x_seconds": round(results["jieba_tenth"]["seconds"], 2),
        "keyword_counts_100x_seconds": round(results["keywords_tenth"]["seconds"], 2),
        "keyword_counts_list_seconds": round(results["keywords_list"]["seconds"], 3),
        "keyword_counts_list_reference_engine_seconds": round(
            results["keywords-jieba_list"]["seconds"], 3
        ),
        "keyword_counts_vs_jieba": round(keywords_seconds / jieba_seconds, 3),
        "keyword_counts_vs_rjieba": round(keywords_seconds / results["rjieba"]["seconds"], 3),
        "keyword_counts_single_vs_default": round(
            results["keywords-single"]["seconds"] / keywords_seconds, 3
        ),
        "keyword_counts_100x_vs_jieba": round(
            results["keywords_tenth"]["seconds"] / results["jieba_tenth"]["seconds"], 3
        ),
        "keyword_counts_list_vs_reference_engine": round(
            results["keywords_list"]["seconds"] / results["keywords-jieba_list"]["seconds"], 3
        ),
        "tables_identical_under_both_engines": identical,
        "extraction_vs_jieba": round(extraction / jieba_seconds, 3),
        "peak_memory_mb": round(results["keywords-memory"]["peak_pss_mb"], 1),
        "peak_rss_parent_plus_largest_worker_mb": round(results["keywords-memory"]["peak_mb"], 1),
    }
    if cntext_dir is not None:
        row["cntext_word_count_seconds"] = round(results["cntext"]["seconds"], 2)
        row["cntext_word_count_vs_keyword_counts"] = round(
            results["cntext"]["seconds"] / keywords_seconds, 1
        )
    else:
        row["cntext_word_count_not_measured"] = f"{CNTEXT} is measured by `make bench-cntext`"
    return row


def _usable_cores() -> int:
    from analysis.text.keywords import usable_cores

    return usable_cores()


def bench_dask(scale: int, jieba: dict | None = None) -> dict:
    """e. ``jieba``: the bare ``jieba.lcut`` worker's result from this run (run here if None)."""
    if jieba is None:
        _, jieba = _run(["-m", "benchmarks", "--worker", "jieba", "--scale", str(scale)])
    _, cluster = _run(["-m", "benchmarks", "--worker", "dask", "--scale", str(scale)])
    _, local = _run(["-m", "benchmarks", "--worker", "dask-local", "--scale", str(scale)])
    jieba_seconds = jieba["seconds"]
    with_start = cluster["start_seconds"] + cluster["seconds"]
    return {
        "dask_workers": DASK_WORKERS,
        "dask_cluster_start_seconds": round(cluster["start_seconds"], 2),
        "dask_keyword_counts_seconds": round(cluster["seconds"], 2),
        "dask_local_scheduler_seconds": round(local["seconds"], 2),
        "dask_keyword_counts_vs_jieba": round(cluster["seconds"] / jieba_seconds, 3),
        "dask_with_start_vs_jieba": round(with_start / jieba_seconds, 3),
        "dask_local_scheduler_vs_jieba": round(local["seconds"] / jieba_seconds, 3),
        "dask_worker_fresh_mb": round(cluster["worker_fresh_mb"], 1),
        "dask_worker_ready_mb": round(cluster["worker_ready_mb"], 1),
        "dask_worker_peak_mb": round(cluster["worker_peak_mb"], 1),
        "dask_client_peak_mb": round(cluster["client_peak_mb"], 1),
        "dask_worker_cpu_seconds": round(cluster["worker_cpu_seconds"], 2),
        # Throughput per core: characters over the CPU time the workers spent, which does not
        # count the time a busy machine kept them waiting; and bare jieba's, over wall time.
        "dask_characters_per_cpu_second": round(
            jieba["characters"] / cluster["worker_cpu_seconds"]
        ),
        "jieba_characters_per_second": round(jieba["characters"] / jieba_seconds),
    }


ROUND_FIGURES = (
    "keyword_counts_vs_jieba",
    "dask_keyword_counts_vs_jieba",
    "dask_with_start_vs_jieba",
    "dask_local_scheduler_vs_jieba",
    "jieba_characters_per_cpu_second",
    "keyword_counts_characters_per_cpu_second",
    "dask_characters_per_cpu_second",
    "dask_cluster_start_seconds",
    "dask_worker_peak_mb",
)


def bench_dask_rounds(scale: int, rounds: int) -> dict:
    """``--dask-only``: rounds of bare ``jieba.lcut``, the default ``keyword_counts(corpus)``
    (one process or its own pool) and d, so that each ratio compares timings taken minutes
    apart at most. Reports the round with the median Dask ratio, and every round's figures
    (``rounds``). The engine is this process's ``ANALYSIS_SEGMENTER``, which every worker
    inherits."""
    from analysis.text.engines import engine_name

    measured = []
    for _ in range(rounds):
        args = ["--scale", str(scale)]
        _, jieba = _run(["-m", "benchmarks", "--worker", "jieba", *args])
        _, default = _run(["-m", "benchmarks", "--worker", "keywords", *args])
        row = {"engine": engine_name(), **bench_dask(scale, jieba)}
        row["keyword_counts_vs_jieba"] = round(default["seconds"] / jieba["seconds"], 3)
        row["jieba_characters_per_cpu_second"] = round(jieba["characters"] / jieba["cpu_seconds"])
        row["keyword_counts_characters_per_cpu_second"] = round(
            jieba["characters"] / default["cpu_seconds"]
        )
        measured.append(row)
    median = sorted(measured, key=lambda row: row["dask_keyword_counts_vs_jieba"])[rounds // 2]
    return {**median, "rounds": [{k: row[k] for k in ROUND_FIGURES} for row in measured]}
