"""``make bench``: performance as ratios measured side by side in one run.

a. ``python -m analysis report`` on a warm environment, against the floor: executing as many
   notebooks that only import pandas, matplotlib, jieba and the package.
b. ``keyword_counts``, the default call, on the list replicated ``--scale`` times (1000×) and a
   tenth of that (100×), against bare single-process ``jieba.lcut`` over the same texts; the new
   floor, bare ``rjieba`` cutting the same texts; the same call in one process (``n_jobs=1``),
   which shows what the pool adds; the reference engine (``ANALYSIS_SEGMENTER=jieba``), whose
   table must be identical, or the bench fails; ``extract_regulations`` and
   ``extract_quantities``; and on the list itself, the default call against the same call with
   the reference engine (what the call cost before jieba-rs).
c. The peak memory of b's default call at scale, as the proportional set size of its process
   tree (shared pages counted once), sampled from outside so no thread runs in the process.
d. cntext 2.2.1's ``word_count`` over the same texts, when it can be installed: into a throwaway
   folder, with ``pip install --no-deps --target``, only for this measurement; it is never a
   dependency of the kit. Its package ``__init__`` imports some twenty libraries that
   ``word_count`` never uses (gensim, openai, PyMuPDF, …), so its module ``cntext.stats.utils`` is
   imported on its own, with ``nltk.tokenize`` (imported there, used only for English) stubbed.
e. ``keyword_counts(corpus, client=...)`` on a 2-worker Dask ``LocalCluster`` already up, against
   the same bare ``jieba.lcut``; with the cluster's start-up, and on Dask's local process
   scheduler, for reference (``bench_dask``; ``--dask-only`` runs only this row and b's
   baselines, and prints without writing).

Each measurement runs in a fresh process, so one cannot warm or weigh down another.
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import safe_write
from .paths import ROOT

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
DASK_WORKERS = 2
FLOOR_CELL = "import pandas, matplotlib, jieba, analysis\n"
CNTEXT = "cntext==2.2.1"


# --- workers: each runs in its own process and prints one JSON line -------------------------


def _corpus(scale: int):
    import pandas as pd

    from .source.load import load_items

    items = load_items()
    corpus = pd.concat([items] * scale, ignore_index=True)
    corpus["item_id"] = range(1, len(corpus) + 1)
    return corpus


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024  # ru_maxrss is in KiB on Linux


def _import_cntext_word_count(folder: str):
    """cntext's ``word_count`` from ``folder``, without running its package ``__init__``."""
    import importlib
    import types

    package = types.ModuleType("cntext")
    package.__path__ = [str(Path(folder) / "cntext")]
    sys.modules["cntext"] = package
    tokenize = types.ModuleType("nltk.tokenize")
    tokenize.word_tokenize = (
        None  # for English text only; word_count(lang="chinese") never calls it
    )
    sys.modules.setdefault("nltk", types.ModuleType("nltk"))
    sys.modules.setdefault("nltk.tokenize", tokenize)
    return importlib.import_module("cntext.stats.utils").word_count


def _worker(task: str, scale: int, table: str | None, cntext: str | None) -> dict:
    import jieba

    from .text.engines import configure_jieba
    from .text.segment import item_texts

    configure_jieba()
    corpus = _corpus(scale)
    texts = item_texts(corpus).tolist()
    result = {"items": len(corpus), "characters": sum(map(len, texts))}
    if task == "jieba":
        jieba.initialize()
    elif task == "rjieba":
        import rjieba

        cutter = rjieba.Jieba()
    elif task == "cntext":
        word_count = _import_cntext_word_count(cntext)
        jieba.initialize()
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    if task == "jieba":
        for text in texts:
            jieba.lcut(text)
    elif task == "rjieba":
        for text in texts:
            cutter.cut(text)
    elif task == "cntext":
        result["words"] = len(word_count("\n".join(texts)))
    elif task in ("keywords", "keywords-single", "keywords-jieba"):
        from .text.keywords import keyword_counts

        counts = keyword_counts(
            corpus, n_jobs=1 if task == "keywords-single" else None, progress=False
        )
        result["terms"] = len(counts)
        if table:
            with safe_write.replacing(table) as temporary:
                counts.to_csv(temporary, index=False)
    elif task == "regulations":
        from .extract.regulations import extract_regulations

        result["rows"] = len(extract_regulations(corpus))
    elif task == "quantities":
        from .extract.quantities import extract_quantities

        result["rows"] = len(extract_quantities(corpus))
    else:
        raise ValueError(task)
    result["seconds"] = time.perf_counter() - started
    result["cpu_seconds"] = _cpu_seconds() - cpu_started
    result["peak_mb"] = _peak_mb()
    return result


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (a pool's workers, once
    the pool is shut down), which does not count the time a busy machine kept them waiting."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _worker_usage() -> dict:
    """CPU time, peak and current resident memory of this process (a Dask worker)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kib, now_kib = usage.ru_maxrss, 0
    # ru_maxrss survives exec, so a worker would report the peak of the process that started
    # it; the kernel's VmHWM is the worker's own.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak_kib = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                now_kib = int(line.split()[1])
    return {
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_mb": peak_kib / 1024,
        "rss_mb": now_kib / 1024,
    }


def _dask_worker(task: str, scale: int) -> dict:
    """d: keyword counting on a LocalCluster already up (``dask``), or on Dask's local process
    scheduler with no cluster (``dask-local``). Runs under bench's ``__main__`` guard."""
    from .source.partitions import as_dask_frame
    from .text.keywords import keyword_counts

    corpus = _corpus(scale)
    result = {"items": len(corpus)}
    if task == "dask-local":
        import dask

        frame = as_dask_frame(corpus)
        started = time.perf_counter()
        with dask.config.set(scheduler="processes"):
            result["terms"] = len(keyword_counts(frame))
        result["seconds"] = time.perf_counter() - started
        return result

    import dask
    from distributed import Client, LocalCluster

    from .text.distributed import prepare_workers

    started = time.perf_counter()
    with (
        # The batch set-up docs/scaling.md recommends: no statistical profiler sampling the
        # workers' stacks every 10 ms for the dashboard.
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(
            n_workers=DASK_WORKERS, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        fresh = client.run(_worker_usage)
        prepare_workers(client)  # returns once every worker has loaded the engine's dictionary
        result["start_seconds"] = time.perf_counter() - started
        before = client.run(_worker_usage)
        started = time.perf_counter()
        result["terms"] = len(keyword_counts(corpus, client=client))
        result["seconds"] = time.perf_counter() - started
        after = client.run(_worker_usage)
    result["worker_cpu_seconds"] = sum(
        after[w]["cpu_seconds"] - before[w]["cpu_seconds"] for w in after
    )
    # Before any work: a started worker, then one with the package imported and warmed up.
    result["worker_fresh_mb"] = max(usage["rss_mb"] for usage in fresh.values())
    result["worker_ready_mb"] = max(usage["rss_mb"] for usage in before.values())
    result["worker_peak_mb"] = max(usage["peak_mb"] for usage in after.values())
    result["client_peak_mb"] = _worker_usage()["peak_mb"]
    return result


def _floor_worker(notebooks: int) -> dict:
    from .report.notebook_run import execute_notebook

    with tempfile.TemporaryDirectory() as folder:
        for index in range(notebooks):
            path = Path(folder) / f"floor_{index}.py"
            safe_write.write_text(path, "# %%\n" + FLOOR_CELL)
            execute_notebook(path)
    return {}


# --- driver -----------------------------------------------------------------------------------


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
    from .report.pipeline import pipeline_notebooks

    steps, _ = pipeline_notebooks()
    notebooks = len(steps) + 1
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as empty_cache:
        report_args = ["-m", "analysis", "report", "--out", out]
        # Cold: nothing cached yet (figures and word clouds drawn, font subset cut).
        cold, _ = _run(report_args, {**env, "ANALYSIS_CACHE_DIR": empty_cache})
        _run(report_args, env)  # warm-up of the project's own cache
        report = _median_seconds(report_args, repeats, env)
    floor = _median_seconds(["-m", "analysis.bench", "--floor", str(notebooks)], repeats, env)
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
    args = ["-m", "analysis.bench", "--worker", task, "--scale", str(scale)]
    if table is not None:
        args += ["--table", str(table)]
    if cntext is not None:
        args += ["--cntext", cntext]
    env = {**os.environ, "ANALYSIS_SEGMENTER": "jieba" if task == "keywords-jieba" else "jieba-rs"}
    return _run(args, env, watch_memory)[1]


def _install_cntext(folder: str) -> str | None:
    """Install cntext into ``folder`` (no dependencies); None and the reason on failure."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            folder,
            CNTEXT,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else (done.stderr.strip().splitlines() or ["?"])[-1]


def bench_scale(scale: int) -> dict:
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
        cntext_dir = Path(folder) / "cntext"
        cntext_problem = _install_cntext(str(cntext_dir))
        if cntext_problem is None:
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
    if cntext_problem is None:
        row["cntext_word_count_seconds"] = round(results["cntext"]["seconds"], 2)
        row["cntext_word_count_vs_keyword_counts"] = round(
            results["cntext"]["seconds"] / keywords_seconds, 1
        )
    else:
        row["cntext_word_count_not_measured"] = f"{CNTEXT} did not install: {cntext_problem}"
    return row


def _usable_cores() -> int:
    from .text.keywords import usable_cores

    return usable_cores()


def bench_dask(scale: int, jieba: dict | None = None) -> dict:
    """d. ``jieba``: the bare ``jieba.lcut`` worker's result from this run (run here if None)."""
    if jieba is None:
        _, jieba = _run(["-m", "analysis.bench", "--worker", "jieba", "--scale", str(scale)])
    _, cluster = _run(["-m", "analysis.bench", "--worker", "dask", "--scale", str(scale)])
    _, local = _run(["-m", "analysis.bench", "--worker", "dask-local", "--scale", str(scale)])
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
    from .text.engines import engine_name

    measured = []
    for _ in range(rounds):
        args = ["--scale", str(scale)]
        _, jieba = _run(["-m", "analysis.bench", "--worker", "jieba", *args])
        _, default = _run(["-m", "analysis.bench", "--worker", "keywords", *args])
        row = {"engine": engine_name(), **bench_dask(scale, jieba)}
        row["keyword_counts_vs_jieba"] = round(default["seconds"] / jieba["seconds"], 3)
        row["jieba_characters_per_cpu_second"] = round(jieba["characters"] / jieba["cpu_seconds"])
        row["keyword_counts_characters_per_cpu_second"] = round(
            jieba["characters"] / default["cpu_seconds"]
        )
        measured.append(row)
    median = sorted(measured, key=lambda row: row["dask_keyword_counts_vs_jieba"])[rounds // 2]
    return {**median, "rounds": [{k: row[k] for k in ROUND_FIGURES} for row in measured]}


def _verdicts(results: dict) -> dict:
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

Written by `make bench` (`python -m analysis.bench`); do not edit by hand. Rerun it to reproduce:

```bash
make bench   # writes docs/benchmark_results.json and this file
```

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
  after `jieba.initialize()`; and against the new floor, bare `rjieba` (`Jieba().cut`, built
  before the clock starts) over the same texts. `keyword_counts_single_process_*`: the same call
  with `n_jobs=1`. `keyword_counts_reference_engine_*`: the same call with
  `ANALYSIS_SEGMENTER=jieba`; its table must equal the default call's byte for byte, or the
  bench stops (`tables_identical_under_both_engines`). `keyword_counts_list_*`: the default call
  on the list itself against the same call with the reference engine, which is what it cost
  before jieba-rs. `extract_regulations` and `extract_quantities` on the {scale}× corpus.
- **c. Peak memory** of b's default call at {scale}× (its whole process: corpus, engine and
  call), in a run of its own: the peak, sampled every 50 ms, of the proportional set size of the
  process and its workers, so that the pages a forked worker shares with its parent count once.
  `peak_rss_parent_plus_largest_worker_mb` adds up peak resident sets instead, which counts
  those shared pages twice.
- **d. cntext 2.2.1** `word_count` over the {scale}× texts joined into one, timed after
  `jieba.initialize()`, installed into a throwaway folder for this measurement only (never a
  dependency of the kit); its module is imported without the package's `__init__`, whose
  imports `word_count` does not use (`analysis/bench.py` explains). The ratio is cntext's time
  over the default call's: how many times faster the kit is.
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
    return safe_write.write_text(path, "\n".join(lines) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark_results.json")
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--table", help=argparse.SUPPRESS)
    parser.add_argument("--cntext", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument(
        "--dask-only",
        action="store_true",
        help="run only d with its baselines, --repeats rounds; print, write nothing",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--floor", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker in ("dask", "dask-local"):
        print(json.dumps(_dask_worker(args.worker, args.scale)))
        return 0
    if args.worker:
        print(json.dumps(_worker(args.worker, args.scale, args.table, args.cntext)))
        return 0
    if args.floor:
        print(json.dumps(_floor_worker(args.floor)))
        return 0

    results = {
        "command": "make bench",
        "repeats": args.repeats,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
    }
    if args.dask_only:
        print(f"d. Dask at {args.scale}×, {args.repeats} rounds …", file=sys.stderr, flush=True)
        results["dask"] = bench_dask_rounds(args.scale, args.repeats)
        results["targets"] = _verdicts(results)
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    if not args.skip_report:
        print("a. report against the floor …", file=sys.stderr, flush=True)
        results["report"] = bench_report(args.repeats)
    print(f"b. keyword counting at {args.scale}× …", file=sys.stderr, flush=True)
    results["scale"] = bench_scale(args.scale)
    print(f"e. Dask at {args.scale}× …", file=sys.stderr, flush=True)
    jieba = {
        "seconds": results["scale"]["jieba_lcut_seconds"],
        "characters": results["scale"]["characters"],
    }
    results["dask"] = bench_dask(args.scale, jieba)
    results["targets"] = _verdicts(results)
    safe_write.write_text(args.out, json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    write_markdown(results, args.out.with_name("benchmarks.md"))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
