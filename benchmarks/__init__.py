"""``make bench``: the kit's performance as ratios measured side by side in one run.

A developer tool, not part of the installed kit: nothing in ``src/analysis`` imports it.

a. ``python -m analysis report`` on a warm environment, against the floor: executing as many
   notebooks that only import pandas, matplotlib, jieba and the package.
b. ``keyword_counts``, the default call, on the list replicated ``--scale`` times (1000×) and a
   tenth of that (100×), against bare single-process ``jieba.lcut`` over the same texts; the
   default engine's floor, bare ``rjieba`` cutting the same texts; the same call in one process
   (``n_jobs=1``), which shows what the pool adds; the reference engine
   (``ANALYSIS_SEGMENTER=jieba``), whose table must be identical, or the bench fails;
   ``extract_regulations`` and ``extract_quantities``; and on the list itself, the default call
   against the same call with the reference engine.
c. The peak memory of b's default call at scale, as the proportional set size of its process
   tree (shared pages counted once), sampled from outside so no thread runs in the process.
d. cntext 2.2.1's ``word_count`` over the same texts, only when ``--cntext-dir`` names a folder
   it is installed in (``make bench-cntext`` installs it into ``.cache/cntext`` with ``uv pip
   install --no-deps --target``); it is never a dependency of the kit. Its package ``__init__``
   imports some twenty libraries that ``word_count`` never uses (gensim, openai, PyMuPDF, …), so
   its module ``cntext.stats.utils`` is imported on its own, with ``nltk.tokenize`` (imported
   there, used only for English) stubbed.
e. ``keyword_counts(corpus, client=...)`` on a 2-worker Dask ``LocalCluster`` already up, against
   the same bare ``jieba.lcut``; with the cluster's start-up, and on Dask's local process
   scheduler, for reference (``measure.bench_dask``; ``--dask-only`` runs only this row and b's
   baselines).

Each measurement runs in a fresh process, so one cannot warm or weigh down another. Without
``--out`` the results are printed only; ``make bench`` writes them to docs/benchmark_results.json
and docs/benchmark_results.md.

Files: ``workers.py`` (what runs inside each measured process), ``measure.py`` (the driver),
``results.py`` (targets, verdicts, the Markdown page), ``__main__.py`` (the command line).
"""
