"""Execute jupytext notebooks headless, several at once, and refuse any cell that errs or warns."""

import asyncio
import atexit
import contextlib
import os
import re
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbclient.util import ensure_async

KERNEL = "python3"
TIMEOUT_SECONDS = 600


class NotebookFailed(RuntimeError):
    """A notebook raised, or wrote to stderr (a warning, a missing glyph, a log line).

    The message's first line names the notebook, the cell and the cause; the traceback
    follows, as plain text."""


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[0].strip() if lines else ""


def cell_failure(path: Path, index: int, cell, exc: CellExecutionError) -> NotebookFailed:
    """``04_extraction.py, cell 6 (quantities = …): ValueError: …``, then the traceback.
    Cells are counted from 1, markdown cells included, as JupyterLab shows them."""
    cause = f"{exc.ename}: {exc.evalue}" if exc.ename else str(exc).splitlines()[0]
    code = _first_line(cell.source)
    where = f"{path.name}, cell {index + 1}" + (f" ({code})" if code else "")
    traceback = _ANSI.sub("", exc.traceback if isinstance(exc.traceback, str) else "")
    return NotebookFailed(f"{where}: {cause}\n{traceback}".rstrip())


def read_notebook(path: Path) -> nbformat.NotebookNode:
    notebook = jupytext.read(path)
    notebook.metadata["kernelspec"] = {
        "name": KERNEL,
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def stderr_outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """``(cell index, text)`` of everything a run wrote to stderr."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append((index, output.get("text", "")))
    return found


SETUP_TAG = "setup"


async def execute_notebook_async(
    path: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    inputs_ready: asyncio.Event | None = None,
) -> nbformat.NotebookNode:
    """Run every cell of ``path`` in a fresh kernel whose environment is ours plus ``env``.

    With ``inputs_ready``, the kernel starts and runs the cells tagged ``setup`` (imports) at
    once, then waits for the event before the first cell that reads other notebooks' outputs.
    """
    notebook = read_notebook(path)
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=TIMEOUT_SECONDS,
        resources={"metadata": {"path": str(cwd or path.parent)}},
        # The kernel binds to localhost only; its warning about unencrypted TCP is noise.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        # A finished or cancelled notebook's kernel has nothing left to do: stop it at once,
        # so a kernel cut off mid-cell cannot print its own errors after the real one.
        shutdown_kernel="immediate",
    )
    client.reset_execution_trackers()
    index, cell = 0, None
    try:
        async with client.async_setup_kernel(env={**os.environ, **(env or {})}):
            info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
            notebook.metadata["language_info"] = info["content"]["language_info"]
            for index, cell in enumerate(notebook.cells):
                if inputs_ready is not None and SETUP_TAG not in cell.metadata.get("tags", []):
                    await inputs_ready.wait()
                    inputs_ready = None
                await client.async_execute_cell(cell, index)
    except CellExecutionError as exc:
        raise cell_failure(path, index, cell, exc) from None
    finally:
        await _shut_down(client)
    problems = stderr_outputs(notebook)
    if problems:
        first_cell, first_text = problems[0]
        cause = (first_text.strip().splitlines() or [""])[0][:200]
        details = "\n".join(f"  cell {i + 1}: {text.strip()[:500]}" for i, text in problems)
        raise NotebookFailed(
            f"{path.name}, cell {first_cell + 1}: wrote to stderr: {cause}\n"
            f"everything the notebook wrote to stderr:\n{details}"
        )
    return notebook


async def _shut_down(client: NotebookClient) -> None:
    """Stop a kernel that a cancelled run left behind, and drop nbclient's exit hook for it.

    When a sibling notebook fails, the pipeline cancels the others; a task cancelled while its
    kernel starts or stops never reaches nbclient's own clean-up, whose ``atexit`` hook then
    fails with an AssertionError after the real error has been printed."""
    atexit.unregister(client._cleanup_kernel)
    if getattr(client, "km", None) is None:
        return
    # Whatever goes wrong here, the kernel is already gone.
    with contextlib.suppress(RuntimeError, AssertionError, asyncio.CancelledError):
        await client._async_cleanup_kernel()


def execute_notebook(path: Path, env: dict[str, str] | None = None, cwd: Path | None = None):
    return asyncio.run(execute_notebook_async(path, env, cwd))


async def execute_notebooks(paths, env=None, cwd=None, parallel: int = 2, on_done=None):
    """Run independent notebooks ``parallel`` at a time; results in the order given.
    ``on_done(path, seconds)`` is called as each one finishes."""
    slots = asyncio.Semaphore(parallel)
    loop = asyncio.get_running_loop()

    async def run(path):
        async with slots:
            started = loop.time()
            notebook = await execute_notebook_async(path, env, cwd)
            if on_done is not None:
                on_done(path, loop.time() - started)
            return notebook

    # The first failure stops the others, whose kernels are shut down before it is raised:
    # nothing a dying kernel prints comes after the error.
    tasks = [asyncio.ensure_future(run(path)) for path in paths]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
