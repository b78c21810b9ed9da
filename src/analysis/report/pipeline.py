"""The whole pipeline: check the list, run the numbered notebooks, render the report, and write
the take-away outputs (the analyst's workbook and the briefing deck)."""

import asyncio
import os
import sys
import time
from pathlib import Path

from tqdm import tqdm

from .. import safe_write
from ..figures.labels import LANGUAGES
from ..interactive import show_progress
from ..paths import (
    NOTEBOOKS,
    SOURCE_METADATA,
    cache_dir,
    default_input,
    default_out,
    executed_notebooks_dir,
    figures_dir,
    processed_dir,
    reports_dir,
)
from .notebook_list import pipeline_notebooks
from .notebook_run import execute_notebook_async, execute_notebooks


def check_input(input_path: Path, allow_gaps: bool = False) -> str:
    """Load the list and check the pipeline's invariants; a one-line summary for the log.
    Raises ListFormatError for a malformed list."""
    from ..source import invariants
    from ..source.load import absent_item_count, load_items

    items = load_items(input_path, allow_gaps=allow_gaps)
    invariants.check_items(items)
    own_source = invariants.check_against_metadata(items, SOURCE_METADATA)
    return (
        f"{input_path.name}: {len(items.attrs['sections'])} sections, {len(items)} items, "
        + (f"{absent_item_count(items)} items absent, " if absent_item_count(items) else "")
        + f"{len(items.attrs['repairs'])} repairs"
        + (" (counts match data/raw/source.json)" if own_source else "")
    )


def report_title(input_path: Path, lang: str = "zh", allow_gaps: bool = False) -> str:
    """``<the list's own title>：分析报告``: named after the list analysed, whatever it is."""
    from ..figures.identity import list_identity
    from ..source.load import load_items
    from .wording import report_title as titled

    identity = list_identity(load_items(input_path, allow_gaps=allow_gaps), SOURCE_METADATA)
    return titled(identity.title, identity.title_en, lang)


def _say(message: str) -> None:
    tqdm.write(message, file=sys.stderr)


def check_codebook(codebook: Path | None) -> Path:
    """Check the policy-instrument codebook (None: the project's own) before any notebook
    starts: a malformed one stops the run with its CodebookError. Returns its absolute path."""
    from ..extract.codebook import DEFAULT_CODEBOOK, load_codebook

    path = Path(codebook or DEFAULT_CODEBOOK).resolve()
    load_codebook(path)
    return path


def check_glossary(glossary: Path | None) -> Path | None:
    """Check the user glossary (``--glossary``) before any notebook starts: a malformed one
    stops the run with its GlossaryError naming the line. Returns its absolute path (None:
    none)."""
    from ..figures.glossary import checked_glossary

    return checked_glossary(glossary)


def keep_executed(paths: list[Path], notebooks: list, folder: Path) -> Path:
    """Write each executed notebook as ``<folder>/<name>.ipynb``: what ran, with its injected
    parameters and its outputs, for a reader to open."""
    import nbformat

    for path, notebook in zip(paths, notebooks, strict=True):
        safe_write.write_text(folder / f"{path.stem}.ipynb", nbformat.writes(notebook) + "\n")
    return folder


def run_report(
    input_path: Path | None = None,
    out_root: Path | None = None,
    lang: str = "zh",
    codebook: Path | None = None,
    glossary: Path | None = None,
    allow_gaps: bool = False,
) -> Path:
    """Run every step on ``input_path`` and write tables, figures and the report under
    ``out_root``. With ``lang="en"`` the figures carry English text and go to ``figures/en``,
    and the report is ``reports/report_en.html``. ``codebook``: a policy-instrument codebook
    to use instead of the project's own. ``glossary``: the researcher's own glossary
    (``term_zh,en``), used after the curated one and before the dictionary. ``allow_gaps``: load
    a list whose numbering has gaps the list itself does not explain, recording the missing
    items as absent. Every notebook gets these as its parameters, and is kept as it ran in
    ``reports/notebooks/`` (``reports/notebooks/en/`` in English).

    ``input_path`` None: the project's own list, in a checkout only; ``out_root`` None: the
    project folder in a checkout, else the current folder (``paths.default_out``). Returns the
    path of the HTML report."""
    if lang not in LANGUAGES:
        raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if input_path is None:
        input_path = default_input()
        if input_path is None:
            raise ValueError(
                "no list to analyse: give one with --input (an installed kit has none)"
            )
    input_path = Path(input_path).resolve()
    out_root = Path(out_root or default_out()).resolve()
    codebook = check_codebook(codebook)
    glossary = check_glossary(glossary)

    # What the notebooks analyse: their parameters, recorded in each executed notebook.
    parameters = {
        "input_list": str(input_path),
        "out_dir": str(out_root),
        "lang": lang,
        "codebook": str(codebook),
        "glossary": str(glossary) if glossary is not None else None,
        "allow_gaps": allow_gaps,
    }
    # How the kernels run: settings of the host, which change no result.
    env = {
        "MPLBACKEND": "Agg",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "ANALYSIS_CACHE_DIR": str(cache_dir()),
    }
    # The kernels run in notebooks/; a relative PYTHONPATH (say src, to try a worktree's code)
    # must keep pointing where the caller meant.
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(part).resolve()) for part in os.environ["PYTHONPATH"].split(os.pathsep) if part
        )
    steps, report_notebook = pipeline_notebooks()
    total = len(steps) + 1
    finished = []
    started = time.perf_counter()

    bar = tqdm(total=total, unit="notebook", disable=not show_progress(), file=sys.stderr)

    def done(path: Path, seconds: float) -> None:
        finished.append(path)
        bar.update()
        _say(f"[{len(finished)}/{total}] {path.name} ({seconds:.1f} s)")

    async def run_all():
        # The kernels start first; the list is checked while they boot, and a malformed list
        # stops everything with its ListFormatError. The analysis notebooks each read the raw
        # list and write only their own files, so they run side by side, one per core. The
        # report reads what they wrote: its kernel starts and imports meanwhile, and its first
        # reading cell waits for them.
        inputs_ready = asyncio.Event()
        report = asyncio.create_task(
            execute_notebook_async(
                report_notebook, env, NOTEBOOKS, inputs_ready, parameters=parameters
            )
        )
        parallel = os.cpu_count() or 1
        analysis = asyncio.create_task(
            execute_notebooks(
                steps, env, NOTEBOOKS, parallel=parallel, on_done=done, parameters=parameters
            )
        )
        # The workbook and the deck read only what the analysis notebooks wrote, so they are
        # made while the report notebook runs, on the core its kernel leaves free.
        companions = None
        try:
            _say(await asyncio.to_thread(check_input, input_path, allow_gaps))
            notebooks = await analysis
            inputs_ready.set()
            companions = asyncio.create_task(
                asyncio.to_thread(_write_companions, out_root, lang, glossary)
            )
            executed = await report
            return [*notebooks, executed], await companions
        finally:
            running = [task for task in (analysis, report, companions) if task is not None]
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)

    try:
        (*analysed, executed), companions = asyncio.run(run_all())
        done(report_notebook, time.perf_counter() - started)
        kept = keep_executed(
            [*steps, report_notebook], [*analysed, executed], executed_notebooks_dir(out_root, lang)
        )
        _say(f"notebooks as they ran: {kept}")
    finally:
        bar.close()

    # Imported only now: nbconvert and fontTools are needed for the last step alone, and the
    # notebooks' kernels should not wait for them to load.
    from .render import write_report

    name = "report.html" if lang == "zh" else f"report_{lang}.html"
    title = report_title(input_path, lang, allow_gaps)
    report = write_report(executed, reports_dir(out_root) / name, title, lang)
    _say(f"workbook: {companions['workbook']}")
    _say(f"report: {report}")
    _say(f"deck: {companions['deck']}")
    return report


def _write_companions(out_root: Path, lang: str, glossary: Path | None) -> dict[str, Path]:
    """The figures' README, the workbook and the deck (its notes glossed with ``glossary``):
    what the analysis notebooks wrote, gathered."""
    from ..figures.save import write_figures_readme
    from .deck import write_deck
    from .workbook import write_workbook

    write_figures_readme(figures_dir(out_root, lang))
    return {
        "workbook": write_workbook(processed_dir(out_root)),
        "deck": write_deck(out_root, lang, glossary=glossary),
    }
