"""The measured side of every benchmark: each function runs in a process of its own (started
by ``python -m benchmarks --worker …``), times one task and returns a JSON-able dict."""

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

DASK_WORKERS = 2
FLOOR_CELL = "import pandas, matplotlib, jieba, analysis\n"


def corpus_at(scale: int):
    import pandas as pd

    from analysis.source.load import load_items

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


def run_task(task: str, scale: int, table: str | None, cntext: str | None) -> dict:
    import jieba

    from analysis.text.engines import configure_jieba
    from analysis.text.segment import item_texts

    configure_jieba()
    corpus = corpus_at(scale)
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
        from analysis.text.keywords import keyword_counts

        counts = keyword_counts(
            corpus, n_jobs=1 if task == "keywords-single" else None, progress=False
        )
        result["terms"] = len(counts)
        if table:
            counts.to_csv(table, index=False)
    elif task == "regulations":
        from analysis.extract.regulations import extract_regulations

        result["rows"] = len(extract_regulations(corpus))
    elif task == "quantities":
        from analysis.extract.quantities import extract_quantities

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


def run_dask_task(task: str, scale: int) -> dict:
    """e: keyword counting on a LocalCluster already up (``dask``), or on Dask's local process
    scheduler with no cluster (``dask-local``). Runs under the ``__main__`` guard of
    ``python -m benchmarks``."""
    from analysis.source.partitions import as_dask_frame
    from analysis.text.keywords import keyword_counts

    corpus = corpus_at(scale)
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

    from analysis.text.distributed import prepare_workers

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


def run_floor(notebooks: int) -> dict:
    from analysis.report.notebook_run import execute_notebook

    with tempfile.TemporaryDirectory() as folder:
        for index in range(notebooks):
            path = Path(folder) / f"floor_{index}.py"
            path.write_text("# %%\n" + FLOOR_CELL, encoding="utf-8")
            execute_notebook(path)
    return {}
